// Duration changes: stories that became significantly slower, with medians before and after the change.
// Parameters: mode (default: all modes), since (default: whole history), plot (a .png or .svg file; default: none).
// Answers "what got slower, since which run, and by how much?" (change point on durations, Welch t-test)
Opts o = opts();
String mode = param("mode", "");
if (!mode.isEmpty()) o = o.mode(mode);
String since = param("since", "");
if (!since.isEmpty()) o = o.since(since);
Table slow = slower(o);
String file = param("plot", "");
if (!file.isEmpty() && slow.rowCount() > 0) System.err.println("plot: " + plot(slow, file));
slow.selectColumns("storyId", "mode", "runs", "medianBeforeMs", "medianAfterMs", "ratio", "changeRunId", "changeAt", "pValue")
