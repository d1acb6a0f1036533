package dev.anvil.cli;

import dev.anvil.history.Cutoff;
import dev.anvil.history.DatabaseLocation;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.HistoryTransfer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code anvil push} and {@code anvil pull}: runs from one history into another, each run once. */
final class TransferCommand {
    private TransferCommand() {
    }

    @Command(name = "push", mixinStandardHelpOptions = true, sortOptions = false,
            header = "Copy this history's runs into another (the team's PostgreSQL history).",
            description = {"Copy the runs of this history (--db, $ANVIL_DB, anvil.yaml, the default) into the history "
                    + "named by --to: a PostgreSQL URL or a file.",
                    "",
                    "A run is identified by its id: runs the target has are skipped, a run it has only in part "
                            + "(pushed while still recording) is completed. Run it again at any time; nothing is copied twice. "
                            + "The password comes from PGPASSWORD or ~/.pgpass (or the URL) and is never printed."},
            footerHeading = "%nExamples:%n",
            footer = {"  anvil push --to postgresql://ci@db.example:5432/anvil",
                    "  anvil push --to postgresql://ci@db.example/anvil?sslmode=require --since 7d", "",
                    "Exit codes: 0 pushed (possibly nothing new), 2 unusable history or target."})
    static final class Push extends HistoryCommand implements Callable<Integer> {
        @Option(names = "--to", required = true, paramLabel = "URL|FILE", description = "The history to copy into.")
        String to;

        @Option(names = "--since", paramLabel = "WHEN",
                description = "Only runs started since then: a span back from now (12h, 7d, 2w) or a UTC date/instant.")
        String since;

        @Override
        public Integer call() {
            Instant from = since == null ? null : Cutoff.parse(since, "--since", Clock.systemUTC());
            DatabaseLocation target = DatabaseLocation.of(to, null, "--to", System.getenv());
            try (HistoryDatabase local = openHistory(); HistoryDatabase team = HistoryDatabase.open(target)) {
                team.checkWritable("push");
                HistoryTransfer.Report r = new HistoryTransfer(local, team).copy(from);
                report(this, "pushed to " + team.display(), r);
            }
            return 0;
        }
    }

    @Command(name = "pull", mixinStandardHelpOptions = true, sortOptions = false,
            header = "Copy another history's runs (the team's PostgreSQL history) into this one.",
            description = {"Copy the runs of the history named by --from (a PostgreSQL URL or a file) into this history "
                    + "(--db, $ANVIL_DB, anvil.yaml, the default), e.g. to analyse offline.",
                    "",
                    "Idempotent as push: runs already here are skipped, partial runs completed."},
            footerHeading = "%nExamples:%n",
            footer = {"  anvil pull --from postgresql://me@db.example:5432/anvil", "",
                    "Exit codes: 0 pulled (possibly nothing new), 2 unusable history or source."})
    static final class Pull extends HistoryCommand implements Callable<Integer> {
        @Option(names = "--from", required = true, paramLabel = "URL|FILE", description = "The history to copy from.")
        String from;

        @Option(names = "--since", paramLabel = "WHEN",
                description = "Only runs started since then: a span back from now (12h, 7d, 2w) or a UTC date/instant.")
        String since;

        @Override
        public Integer call() {
            Instant cut = since == null ? null : Cutoff.parse(since, "--since", Clock.systemUTC());
            DatabaseLocation source = DatabaseLocation.of(from, null, "--from", System.getenv());
            try (HistoryDatabase team = HistoryDatabase.open(source); HistoryDatabase local = openHistoryForWriting("pull")) {
                HistoryTransfer.Report r = new HistoryTransfer(team, local).copy(cut);
                report(this, "pulled from " + team.display() + " into " + local.display(), r);
            }
            return 0;
        }
    }

    private static void report(HistoryCommand c, String what, HistoryTransfer.Report r) {
        c.out().printf("%s: %d run(s) added, %d partial run(s) completed, %d run(s) skipped (already there); "
                        + "%d story result(s), %d expectation result(s) added%s%n",
                what, r.runsAdded(), r.runsCompleted(), r.runsSkipped(), r.resultsAdded(), r.expectationsAdded(),
                HistoryCommand.auraSuffix(r.auraAdded(), "added"));
        c.out().flush();
    }
}
