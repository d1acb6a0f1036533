package dev.anvil.shell;

import java.util.List;

/** The text of {@code help()}: every preload, what it does, an example. Kept beside {@link Preloads}. */
final class PreloadHelp {
    record Entry(String name, String what, String example) {
    }

    static final List<Entry> ENTRIES = List.of(
            new Entry("history", "the history repository (runs, results, counts)", "history.listRuns(5, null)"),
            new Entry("jdbi", "Jdbi bound to the history, for your own SQL", "jdbi.withHandle(h -> h.createQuery(\"SELECT COUNT(*) FROM TestRuns\").mapTo(int.class).one())"),
            new Entry("sql(query, params...)", "any SQL as a Table, ? parameters bound", "sql(\"SELECT Mode, COUNT(*) runs FROM TestRuns WHERE StartedAt >= ? GROUP BY Mode\", \"2026-11-01\")"),
            new Entry("db()", "the history file in use", "db()"),
            new Entry("use(path)", "switch to another history file", "use(\"/tmp/other.db\")"),
            new Entry("refresh()", "forget loaded tables, read the history again", "refresh()"),
            new Entry("param(name, default)", "a saved query's --param, typed by its default", "int days = param(\"days\", 7)"),
            new Entry("show(value) / show(title, value)", "show a table or value now (rendered in the query's --format)", "show(\"Flaky\", flaky())"),
            new Entry("help()", "this list", "help()"));

    private PreloadHelp() {
    }

    static String text() {
        int width = ENTRIES.stream().mapToInt(e -> e.name().length()).max().orElse(10);
        StringBuilder sb = new StringBuilder("Anvil preloads (Tablesaw tables unless said otherwise):\n");
        for (Entry e : ENTRIES) {
            sb.append(String.format("  %-" + width + "s  %s%n  %" + width + "s    e.g. %s%n", e.name(), e.what(), "", e.example()));
        }
        sb.append("Imports: java.util.*, java.time.*, java.nio.file.*, tech.tablesaw.api.* and JShell's defaults.\n");
        return sb.toString();
    }
}
