package dev.anvil.shell;

import java.util.List;

/** The text of {@code help()}: every preload, what it does, an example. Kept beside {@link Preloads}. */
final class PreloadHelp {
    record Entry(String name, String what, String example) {
    }

    static final List<Entry> ENTRIES = List.of(
            new Entry("history", "the history repository: runs, results, counts", "history.listRuns(5, null)"),
            new Entry("jdbi", "Jdbi bound to the history, for your own SQL", "jdbi.withHandle(h -> h.createQuery(\"SELECT COUNT(*) FROM TestRuns\").mapTo(int.class).one())"),
            new Entry("runs() / runs(opts)", "one row per run, oldest first (cached until refresh())", "runs().where(runs().stringColumn(\"mode\").isEqualTo(\"copilot-cli\"))"),
            new Entry("results() / results(opts)", "one row per story result, with its run's mode and start (cached)", "results(opts().story(\"auth-008\")).rowCount()"),
            new Entry("indexUsage()", "Aura results' index usage: tool ratio, steps to the first edit, patterns (cached)", "indexUsage().summarize(\"auraToolRatio\", tech.tablesaw.aggregate.AggregateFunctions.mean).by(\"mode\")"),
            new Entry("sql(query, params...)", "any SQL as a table, ? parameters bound (never pasted)", "sql(\"SELECT Mode, COUNT(*) AS runs FROM TestRuns WHERE StartedAt >= ? GROUP BY Mode\", \"2026-11-01\")"),
            new Entry("opts()", "options for an analysis: mode, language, story, since, every, byLanguage, errorsAsFailures", "opts().mode(\"copilot-cli\").since(\"30d\")"),
            new Entry("regressions() / regressions(opts)", "series failing now after sustained passing (change point, p-value)", "regressions(opts().since(\"30d\").includeFixed())"),
            new Entry("fixed() / fixed(opts)", "series passing now after sustained failing", "fixed(opts().mode(\"aura-agents\"))"),
            new Entry("flaky() / flaky(opts)", "series that alternate, ranked by flip-rate score, with Wilson intervals", "flaky(opts().since(\"14d\"))"),
            new Entry("trend() / trend(opts)", "pass rate per week (or day, run) and mode with its 95% interval", "trend(opts().every(\"day\").byLanguage())"),
            new Entry("durations() / durations(opts)", "median and p90 duration per story and mode, slower ones first", "durations(opts().mode(\"story-ui\"))"),
            new Entry("slower() / slower(opts)", "only the series that became significantly slower", "slower()"),
            new Entry("compare() / compare(a, b)", "what changed between two runs (default latest~1 and latest)", "compare(\"latest~2\", \"latest\")"),
            new Entry("failures() / failures(opts)", "failure messages grouped by signature, with counts and an example", "failures(opts().since(\"7d\")).first(5)"),
            new Entry("story(id) / story(id, opts)", "one story's record per mode, with a timeline of outcomes", "story(\"auth-008\")"),
            new Entry("durations(id) / durations(id, opts)", "every passed duration of one story per mode, split at its change point", "plot(durations(\"auth-008\"))"),
            new Entry("modes() / modes(opts)", "pass rate per mode and language with its 95% interval", "modes(opts().since(\"30d\"))"),
            new Entry("plot(table) / plot(table, file)", "charts a trend, story, durations, modes or flaky table; PNG or SVG; returns the path", "plot(trend(), \"trend.svg\")"),
            new Entry("record(args...)", "runs anvil record on this history (returns its exit code)", "record(\"stories/\", \"--mode\", \"copilot-cli\")"),
            new Entry("db() / use(path)", "the history file in use / switch to another one", "use(\"/data/team.db\")"),
            new Entry("refresh()", "forget loaded tables, read the history again", "refresh()"),
            new Entry("param(name, default)", "a saved query's --param, typed by its default", "int days = param(\"days\", 7)"),
            new Entry("show(value) / show(title, value)", "show a table or value now (in a saved query: in its --format)", "show(\"Flaky\", flaky())"),
            new Entry("since(when) / lastWeek()", "options for the runs since then (as opts().since(..)); lastWeek() is since(\"7d\")", "regressions(lastWeek()), flaky(since(\"30d\").mode(\"story-ui\"))"),
            new Entry("ago(when)", "the instant that long ago; sql(...) binds it as the history stores times", "sql(\"SELECT COUNT(*) AS n FROM TestRuns WHERE StartedAt >= ?\", ago(\"7d\"))"),
            new Entry("latestRun() / latestRun(mode)", "the latest run (a Run: id(), startedAt(), sutRevision(), ...)", "latestRun(\"copilot-cli\").sutRevision()"),
            new Entry("runBefore(when, mode) / modeNames()", "the mode's last run before then (null if none) / the modes with runs", "compare(runBefore(\"7d\", \"story-ui\"), latestRun(\"story-ui\"))"),
            new Entry("print(table)", "prints a table whole: every row, every value in full", "print(regressions())"),
            new Entry("displayRows(n) / displayWidth(n)", "how many rows a table value shows (20) / its width (0: the terminal's)", "displayRows(50)"),
            new Entry("help()", "this list", "help()"));

    private PreloadHelp() {
    }

    static String text() {
        int width = ENTRIES.stream().mapToInt(e -> e.name().length()).max().orElse(10);
        StringBuilder sb = new StringBuilder("Anvil preloads (Tablesaw tables unless said otherwise):\n");
        for (Entry e : ENTRIES) {
            sb.append(String.format("  %-" + width + "s  %s%n  %" + width + "s    e.g. %s%n", e.name(), e.what(), "", e.example()));
        }
        sb.append("Tables are Tablesaw tables (tech.tablesaw.api.*): t.first(10), t.sortDescendingOn(\"passRate\"), t.where(...).\n");
        sb.append("Imported: java.util.*, java.time.*, java.nio.file.*, java.util.stream.*, tech.tablesaw.api.* and JShell's defaults.\n");
        return sb.toString();
    }
}
