package dev.anvil.cli;

import dev.anvil.history.Cutoff;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.PruneReport;
import dev.anvil.history.Timestamps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;

@Command(name = "prune", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Delete runs older than a cut-off, with their results.",
        description = {"Delete runs that started before a cut-off, with their story results and expectation "
                + "results, in one transaction (ADR-005 IMP-005), and say what was removed.",
                "",
                "Export first (anvil export) if you may want them back."},
        footerHeading = "%nExamples:%n",
        footer = {"  anvil prune --older-than 90d --dry-run", "  anvil prune --older-than 2w",
                "  anvil prune --older-than 2026-08-01", "",
                "Exit codes: 0 pruned (possibly nothing), 2 malformed --older-than or unusable database."})
final class PruneCommand extends HistoryCommand implements Callable<Integer> {

    @Option(names = "--older-than", required = true, paramLabel = "AGE|DATE",
            description = "Age counted back from now: a number with h (hours), d (days) or w (weeks), e.g. 90d; "
                    + "or a date (midnight UTC) such as 2026-08-01, or an instant such as 2026-08-01T12:00:00Z.")
    String olderThan;

    @Option(names = {"-n", "--dry-run"}, description = "Only count what would be removed; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        Instant cutoff = Cutoff.parse(olderThan, "--older-than", Clock.systemUTC());
        PruneReport report;
        try (HistoryDatabase db = dryRun ? openHistory() : openHistoryForWriting("prune")) {
            report = db.repository().pruneOlderThan(cutoff, dryRun);
        }
        String what = String.format("%d run(s), %d story result(s), %d expectation result(s) started before %s",
                report.runs(), report.results(), report.expectations(), Timestamps.format(cutoff));
        out().println(dryRun ? "would remove " + what + " (dry run: nothing changed)" : "removed " + what);
        out().flush();
        return 0;
    }
}
