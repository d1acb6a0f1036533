package dev.anvil.analysis.bench;

import dev.anvil.analysis.AnalysisFilter;
import dev.anvil.analysis.ChangePointSettings;
import dev.anvil.analysis.Durations;
import dev.anvil.analysis.Every;
import dev.anvil.analysis.FailureSignatures;
import dev.anvil.analysis.Fixes;
import dev.anvil.analysis.FlakyStories;
import dev.anvil.analysis.Regressions;
import dev.anvil.analysis.RunComparison;
import dev.anvil.analysis.StoryTimeline;
import dev.anvil.analysis.Trend;
import dev.anvil.history.HistoryDatabase;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every {@code anvil analyze} verb in process on one history (in a warmed JVM): median wall and
 * CPU time of the process (the analyses use a second connection and every core) over ROUNDS rounds, the verbs taken in turns so all see the same
 * load; the anchor is a plain {@code SELECT count(*)} of the results, in the same rounds.
 * {@code java -cp target/classes:target/test-classes:$(deps) dev.anvil.analysis.bench.AnalysisVerbsInProcess DB [ROUNDS]}
 */
public final class AnalysisVerbsInProcess {
    private AnalysisVerbsInProcess() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (HistoryDatabase db = HistoryDatabase.open(Path.of(args[0]))) {
            var jdbi = db.jdbi();
            AnalysisFilter all = AnalysisFilter.all();
            String story = jdbi.withHandle(h -> h.createQuery("SELECT StoryId FROM StoryResults LIMIT 1").mapTo(String.class).one());
            Map<String, Supplier<Object>> verbs = new LinkedHashMap<>();
            verbs.put("anchor: SELECT count(*) FROM StoryResults",
                    () -> jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM StoryResults").mapTo(Long.class).one()));
            verbs.put("regressions", () -> new Regressions(jdbi).rows(all));
            verbs.put("regressions --all", () -> new Regressions(jdbi, ChangePointSettings.DEFAULT, true).rows(all));
            verbs.put("fixed", () -> new Fixes(jdbi).rows(all));
            verbs.put("flaky", () -> new FlakyStories(jdbi).rows(all));
            verbs.put("trend", () -> new Trend(jdbi).table(all, Every.WEEK));
            verbs.put("durations", () -> new Durations(jdbi).rows(all));
            verbs.put("compare", () -> new RunComparison(jdbi).compare(null, null, all));
            verbs.put("failures", () -> new FailureSignatures(jdbi).rows(all));
            verbs.put("story", () -> new StoryTimeline(jdbi).rows(story, all));
            Map<String, long[][]> times = new LinkedHashMap<>();
            for (int r = -1; r < rounds; r++) { // round -1 warms up
                for (var e : verbs.entrySet()) {
                    long w0 = System.nanoTime();
                    long c0 = os.getProcessCpuTime();
                    e.getValue().get();
                    long c1 = os.getProcessCpuTime();
                    long w1 = System.nanoTime();
                    if (r >= 0) {
                        long[][] t = times.computeIfAbsent(e.getKey(), k -> new long[2][rounds]);
                        t[0][r] = (w1 - w0) / 1_000_000;
                        t[1][r] = (c1 - c0) / 1_000_000;
                    }
                }
            }
            long anchor = median(times.values().iterator().next()[0]);
            System.out.printf(Locale.ROOT, "%-44s %9s %9s %9s%n", "in process, median of " + rounds, "wall ms", "cpu ms", "x anchor");
            times.forEach((verb, t) -> System.out.printf(Locale.ROOT, "%-44s %9d %9d %9.2f%n", verb, median(t[0]), median(t[1]),
                    (double) median(t[0]) / anchor));
        }
    }

    private static long median(long[] values) {
        long[] s = values.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
