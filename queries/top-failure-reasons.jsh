// Top failure reasons: failure messages grouped by signature (numbers, paths, ids stripped), most frequent first.
// Parameters: since (default 7d), mode (default: all), limit (default 10).
// Answers "what breaks most often this week, and in which stories?"
Opts o = since(param("since", "7d"));
String mode = param("mode", "");
if (!mode.isEmpty()) o = o.mode(mode);
failures(o).first(param("limit", 10))
