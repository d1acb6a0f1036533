// Open regressions: stories that fail now after a sustained history of passing, and the run where it changed.
// Parameters: mode (default: all modes), since (default: whole history, e.g. 30d), all (true: also those fixed since).
// Answers "what broke, since which run and agent revision, and how sure are we?" (change point, Fisher exact p-value)
Opts o = opts();
String mode = param("mode", "");
if (!mode.isEmpty()) o = o.mode(mode);
String since = param("since", "");
if (!since.isEmpty()) o = o.since(since);
if (param("all", false)) o = o.includeFixed();
regressions(o)
