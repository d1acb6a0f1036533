// Flaky stories: series that alternate between passing and failing without a sustained change, flakiest first.
// Parameters: mode (default: all modes), since (default 30d), limit (default 20).
// Answers "which failures are noise we should not chase?" (flip-rate score, pass rate with its Wilson interval)
Opts o = since(param("since", "30d"));
String mode = param("mode", "");
if (!mode.isEmpty()) o = o.mode(mode);
flaky(o).first(param("limit", 20))
