package dev.anvil.analysis.bench;

import dev.anvil.analysis.AdrQueries;
import dev.anvil.analysis.AnalysisFilter;
import dev.anvil.analysis.FlakyStories;
import dev.anvil.analysis.Regressions;
import dev.anvil.history.HistoryDatabase;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Each analysis in this JVM side by side with the sqlite3 shell running the hand-written SQL for
 * the same question ({@code src/bench/sql}), alternating the two so both see the same machine load;
 * prints the medians and their ratio. Usage: {@code AnalysisVsSqlite DB [ROUNDS]} from the project
 * folder (see {@code src/bench/analysis-bench}).
 */
public final class AnalysisVsSqlite {
    private AnalysisVsSqlite() {
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args.length > 0 ? args[0] : "target/bench/year.db");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        try (HistoryDatabase history = HistoryDatabase.open(db)) {
            AnalysisFilter week = AnalysisFilter.all().withSince(Instant.now().minus(Duration.ofDays(7)));
            List<String[]> lines = new ArrayList<>();
            lines.add(compare("flaky, last 7 days", db, "src/bench/sql/flaky-7d.sql", rounds,
                    () -> new FlakyStories(history.jdbi()).rows(week).size()));
            lines.add(compare("regressions, last 7 days", db, "src/bench/sql/regressions-7d.sql", rounds,
                    () -> new Regressions(history.jdbi()).rows(week).size()));
            lines.add(compare("regressions, full history", db, "src/bench/sql/regressions-full.sql", Math.max(3, rounds / 3),
                    () -> new Regressions(history.jdbi()).rows(AnalysisFilter.all()).size()));
            lines.add(compare("ADR-012 flaky as written", db, "src/bench/sql/adr012-flaky.sql", rounds,
                    () -> new AdrQueries(history.jdbi()).flaky().size()));
            System.out.printf(Locale.ROOT, "%-28s %14s %10s %14s %8s %8s%n", "question", "in process ms", "(cpu ms)",
                    "sqlite3 ms", "ratio", "rows");
            for (String[] l : lines) {
                System.out.printf(Locale.ROOT, "%-28s %14s %10s %14s %8s %8s%n", (Object[]) l);
            }
            System.out.println("medians of wall times, taken in turns; cpu = this thread's CPU time (SQLite runs in it)");
        }
    }

    private static String[] compare(String what, Path db, String sqlFile, int rounds, Supplier<Integer> inProcess)
            throws Exception {
        for (int i = 0; i < 3; i++) {
            inProcess.get(); // warm up: JIT, page cache
        }
        sqlite(db, sqlFile);
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        double[] cpu = new double[rounds];
        double[] ours = new double[rounds];
        double[] theirs = new double[rounds];
        int rows = 0;
        for (int i = 0; i < rounds; i++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            rows = inProcess.get();
            ours[i] = (System.nanoTime() - t0) / 1e6;
            cpu[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
            theirs[i] = sqlite(db, sqlFile);
        }
        double a = median(ours);
        double b = median(theirs);
        return new String[] {what, String.format(Locale.ROOT, "%.1f", a), String.format(Locale.ROOT, "%.1f", median(cpu)),
                String.format(Locale.ROOT, "%.1f", b),
                String.format(Locale.ROOT, "%.2f", a / b), String.valueOf(rows)};
    }

    /** Wall time of {@code sqlite3 DB '.read FILE'}, output discarded, process start included. */
    private static double sqlite(Path db, String sqlFile) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("sqlite3", db.toString(), ".read " + sqlFile)
                .redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        int code = p.waitFor();
        double ms = (System.nanoTime() - t0) / 1e6;
        if (code != 0) {
            throw new IllegalStateException("sqlite3 failed on " + sqlFile + " (exit " + code + ")");
        }
        return ms;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
