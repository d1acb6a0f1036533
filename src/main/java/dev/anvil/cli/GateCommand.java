package dev.anvil.cli;

import dev.anvil.AnvilException;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.report.Gate;
import dev.anvil.report.GateSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;

@Command(name = "gate", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Fail a CI build only on real regressions: exit 1 when the latest run got significantly worse.",
        description = {
                "Checks the latest run (of --mode, else of any mode) against a baseline: the completed runs of its "
                        + "mode in a span before it (default 14d), or one named run. It fails (exit 1) when a story "
                        + "shows a new significant regression (a change point after the baseline's start, still "
                        + "failing now; the same test as 'anvil analyze regressions'), or when the run's pass rate is "
                        + "more than --max-drop below the baseline's and significantly so (one-sided Fisher exact "
                        + "test, p < 0.01). One flaky failure or a stray failure never fails the gate; it is listed.",
                "",
                "--format markdown prints a job summary, and appends it to $GITHUB_STEP_SUMMARY when that is set."},
        footerHeading = "%nExamples:%n",
        footer = {"  anvil gate --mode copilot-cli", "  anvil gate --baseline latest~1 --max-drop 0.02",
                "  anvil gate --format markdown   # GitHub Actions: also appended to $GITHUB_STEP_SUMMARY", "",
                "Exit codes: 0 no significant regression or drop, 1 there is one (the output says which stories and "
                        + "on what evidence), 2 usage error or nothing to check."})
final class GateCommand extends HistoryCommand implements Callable<Integer> {
    enum Format { text, markdown }

    @Option(names = "--baseline", paramLabel = "SPAN|RUN", defaultValue = "14d",
            description = "A span before the run (30m, 12h, 14d, 2w), a date (2026-11-01), or a run (latest~1, an id "
                    + "prefix). Default: ${DEFAULT-VALUE}.")
    String baseline;

    @Option(names = "--mode", paramLabel = "MODE", description = "Check the latest run of this mode (default: the latest run).")
    String mode;

    @Option(names = "--max-drop", paramLabel = "FRACTION", defaultValue = "0.05",
            description = "The pass-rate drop tolerated, as a fraction (0.05: five points). Default: ${DEFAULT-VALUE}.")
    double maxDrop;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or markdown (a CI job summary).")
    Format format;

    @Override
    public Integer call() {
        Gate.Verdict verdict;
        try (HistoryDatabase db = openHistory()) {
            verdict = new Gate(db.jdbi()).check(mode, baseline, maxDrop);
        }
        if (format == Format.markdown) {
            String summary = GateSummary.markdown(verdict);
            out().print(summary);
            String target = System.getenv("GITHUB_STEP_SUMMARY");
            if (target != null && !target.isBlank()) {
                appendSummary(Path.of(target), summary);
            }
        } else {
            out().print(GateSummary.text(verdict));
        }
        out().flush();
        return verdict.exitCode();
    }

    private static void appendSummary(Path file, String summary) {
        try {
            Files.writeString(file, summary + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new AnvilException("cannot append the job summary to $GITHUB_STEP_SUMMARY (" + file + "): " + e.getMessage(), e);
        }
    }
}
