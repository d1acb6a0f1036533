package dev.anvil.cli;

import dev.anvil.frame.TableFormat;
import dev.anvil.frame.TableWriter;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.Run;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "runs", mixinStandardHelpOptions = true, sortOptions = false,
        header = "List the most recent runs, newest first.",
        description = {
                "Each run shows its short id (what 'anvil show' takes), when it started, its mode and label, "
                        + "its totals (failed does not count errors: total = passed + failed + errors + skipped), "
                        + "the pass rate over the stories that ran (passed / (passed + failed + errors)), its duration "
                        + "and status: completed, running, interrupted (stopped by the user) or incomplete (its "
                        + "recorder is gone without finishing it). Totals of unfinished runs are counted live."},
        footerHeading = "%nExamples:%n",
        footer = {"  anvil runs", "  anvil runs --mode copilot-cli --limit 5", "  anvil runs --format json | jq '.[0].passRate'",
                "", "Exit codes: 0 listed (possibly nothing), 2 bad option or unusable database."})
final class RunsCommand extends HistoryCommand implements Callable<Integer> {

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "20",
            description = "How many runs to show (default: ${DEFAULT-VALUE}; 0 shows all).")
    int limit;

    @Option(names = "--mode", paramLabel = "MODE", description = "Only runs of this mode, e.g. copilot-cli.")
    String mode;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), json, csv or markdown. json and csv give full ids, ISO-8601 UTC times, "
                    + "passRate as a fraction and durationMs.")
    TableFormat format;

    @Override
    public Integer call() {
        if (limit < 0) {
            throw new dev.anvil.AnvilException("--limit must be 0 (all) or more, not " + limit);
        }
        List<Run> runs;
        try (HistoryDatabase db = openHistoryForReading()) {
            runs = db.repository().listRuns(limit, mode);
        }
        switch (format) {
            case TABLE: RunTables.runsForPeople(runs).writeText(out()); break;
            case MARKDOWN: TableWriter.write(RunTables.runsForPeople(runs).toTable(), format, out()); break;
            default: TableWriter.write(RunTables.runsForPrograms(runs), format, out()); break;
        }
        return 0;
    }
}
