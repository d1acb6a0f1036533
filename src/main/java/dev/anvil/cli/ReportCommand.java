package dev.anvil.cli;

import dev.anvil.frame.Frames;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Write one self-contained HTML page about a run in the context of its history.",
        description = {
                "The page shows the run (mode, label, revision, host, totals, pass rate with its interval, "
                        + "duration), what changed against the previous run of its mode and whether it is "
                        + "significantly worse than the mode's recent pass rate; every story (failing first, with "
                        + "each expectation's outcome, the agent log's end, the kept worktree and generated files, "
                        + "and a filter box); and the history: open regressions with their culprit run and "
                        + "evidence, fixes, flaky stories, pass-rate trends per mode and language, slowest stories "
                        + "and slowdowns, top failure signatures, index usage.",
                "",
                "CSS, charts (SVG) and the filter's script are inside the file: it opens from disk and as a CI "
                        + "artifact, without a network."},
        footerHeading = "%nExamples:%n",
        footer = {"  anvil report", "  anvil report latest~1 --output yesterday.html --since 14d", "",
                "Exit codes: 0 written, 2 unknown run, bad --since or unwritable output."})
final class ReportCommand extends HistoryCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN",
            description = "The run: latest (default), latest~N or an id prefix.")
    String run;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "report.html",
            description = "Where the page goes (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--since", paramLabel = "SPAN", defaultValue = RunReport.DEFAULT_SINCE,
            description = "How much history, back from the run: 30m, 12h, 30d, 2w, a date (2026-11-01) or a run. "
                    + "Default: ${DEFAULT-VALUE}.")
    String since;

    @Override
    public Integer call() {
        long bytes;
        String name;
        Frames.warmUpInBackground(); // overlaps Tablesaw's class-path scan with opening the history
        try (HistoryDatabase db = openHistory()) {
            name = db.name();
            bytes = RunReport.write(db.jdbi(), name, run, since, output);
        }
        err().printf("wrote %s (%,d KB)%n", output.toAbsolutePath().normalize(), (bytes + 1023) / 1024);
        err().flush();
        return 0;
    }
}
