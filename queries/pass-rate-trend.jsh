// Pass-rate trend by mode: the pass rate per week (or day, or run) with its 95% Wilson interval.
// Parameters: every (day|week|run, default week), since (default 90d), language (default: all),
//             plot (a .png or .svg file to draw the trend into; default: none).
// Answers "is each mode getting better or worse, and is the change bigger than the noise?"
Opts o = since(param("since", "90d")).every(param("every", "week"));
String language = param("language", "");
if (!language.isEmpty()) o = o.language(language);
Table t = trend(o);
String file = param("plot", "");
if (!file.isEmpty()) System.err.println("plot: " + plot(t, file));
t.selectColumns("period", "mode", "language", "runs", "results", "passRate", "passRateLow", "passRateHigh")
