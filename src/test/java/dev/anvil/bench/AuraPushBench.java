package dev.anvil.bench;

import dev.anvil.history.AuraResult;
import dev.anvil.history.DatabaseLocation;
import dev.anvil.history.ExpectationResult;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.HistoryRepository;
import dev.anvil.history.HistoryTransfer;
import dev.anvil.history.Ids;
import dev.anvil.history.IndexUsage;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Run;
import dev.anvil.history.RunStart;
import dev.anvil.history.RunStatus;
import dev.anvil.history.StoryResult;
import dev.anvil.testing.TestPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What carrying AuraResults costs a push: a history of Aura-mode results, every one with its Aura
 * row, pushed into a new PostgreSQL database (COPY) and into a new SQLite file (INSERTs), against
 * the same history with its AuraResults rows deleted (the anchor), in alternating turns within one
 * JVM. Usage: java -cp ... dev.anvil.bench.AuraPushBench [RESULTS] [ROUNDS];
 * {@code -Dbench.withoutAuraForeignKey=true} drops AuraResults' foreign key in each new PostgreSQL
 * target first, to see what its row-by-row check costs.
 */
public final class AuraPushBench {
    private AuraPushBench() {
    }

    public static void main(String[] args) throws Exception {
        int results = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path tmp = Files.createTempDirectory("anvil-aura-push-bench");
        Path aura = tmp.resolve("aura.db");
        try (HistoryDatabase db = HistoryDatabase.open(aura)) {
            fill(db.repository(), results);
        }
        Path plain = tmp.resolve("plain.db");
        Files.copy(aura, plain, StandardCopyOption.COPY_ATTRIBUTES);
        try (HistoryDatabase db = HistoryDatabase.open(plain)) {
            db.jdbi().useHandle(h -> h.execute("DELETE FROM AuraResults"));
        }
        TestPostgres pg = TestPostgres.shared();
        double[][] pgTimes = new double[2][rounds];
        double[][] fileTimes = new double[2][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int turn = 0; turn < 2; turn++) {
                int which = (round + turn) % 2; // 0: with Aura rows, 1: without; alternating who goes first
                Path source = which == 0 ? aura : plain;
                pgTimes[which][round] = push(source, DatabaseLocation.of(pg.urlWithPassword(pg.createDatabase()), null,
                        "bench", Map.of()));
                fileTimes[which][round] = push(source, new DatabaseLocation(tmp.resolve("t" + round + which + ".db"), "path"));
            }
        }
        System.out.printf(Locale.ROOT, "%d results, each with an Aura row; %d rounds; load average %s%n", results, rounds,
                Files.readString(Path.of("/proc/loadavg")).strip());
        report("PostgreSQL (COPY)", pgTimes);
        report("SQLite file (INSERT)", fileTimes);
    }

    private static double push(Path source, DatabaseLocation target) {
        try (HistoryDatabase from = HistoryDatabase.open(source); HistoryDatabase to = HistoryDatabase.open(target)) {
            if (target.isPostgres() && Boolean.getBoolean("bench.withoutAuraForeignKey")) {
                // How much of the cost is the foreign key checked row by row (what a bulk load could defer)
                to.jdbi().useHandle(h -> h.execute("ALTER TABLE AuraResults DROP CONSTRAINT auraresults_storyresultid_fkey"));
            }
            long t0 = System.nanoTime();
            HistoryTransfer.Report r = new HistoryTransfer(from, to).copy(null);
            double s = (System.nanoTime() - t0) / 1e9;
            if (r.resultsAdded() == 0) {
                throw new IllegalStateException("nothing pushed");
            }
            return s;
        }
    }

    private static void report(String what, double[][] times) {
        double with = median(times[0]);
        double without = median(times[1]);
        System.out.printf(Locale.ROOT, "%s: with Aura rows %.2f s, without %.2f s (medians; all %s / %s): %.2fx%n",
                what, with, without, Arrays.toString(times[0]), Arrays.toString(times[1]), with / without);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** Runs of 400 Aura-mode results, as the recorder writes them. */
    private static void fill(HistoryRepository repo, int results) {
        Instant start = Instant.parse("2026-01-01T06:00:00Z");
        int perRun = 400;
        for (int done = 0, n = 0; done < results; n++) {
            Instant at = start.plusSeconds(3600L * n);
            Run run = repo.startRun(new RunStart(Ids.newId(), at, "aura-agents", "nightly", "abc", "ci", 1L, "bench"));
            List<StoryResult> list = new ArrayList<>();
            for (int i = 0; i < perRun && done < results; i++, done++) {
                ResultStatus status = i % 4 == 3 ? ResultStatus.FAILED : ResultStatus.PASSED;
                list.add(new StoryResult(Ids.newId(), run.id(), "story-" + i, "stories/story-" + i + ".md", "csharp",
                        status, 60_000L + i, null, List.of(), at.plusSeconds(i + 1), "h" + i, null, null,
                        List.of(new ExpectationResult(1, "compiles", null, status, null)),
                        new AuraResult("aura-" + done, "Completed",
                                new IndexUsage(20 + i % 7, 8, 6, 0.571, 9, 2, List.of("direct")))));
            }
            repo.appendResults(list);
            repo.finishRun(run.id(), RunStatus.COMPLETED, at.plusSeconds(perRun + 2));
        }
    }
}
