package dev.anvil.analysis;

import dev.anvil.frame.Frames;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.synthetic.GeneratorSpec;
import dev.anvil.synthetic.GroundTruth;
import dev.anvil.synthetic.SyntheticHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The slowdowns {@link Durations} reports, against synthetic histories that know which series
 * became slower and from which run (1.6x to 3x, log-normal noise with sd 0.25). A slowdown is
 * detectable when its series has at least {@code minRuns} passed results on each side of it (a
 * story that also regressed may have none after). Scores are printed and written to
 * {@code target/durations-quality.txt}.
 */
class DurationsKnownTruthTest {
    /** (seed, stories, runs per mode): a quarter of the series become slower. */
    private static final int[][] HISTORIES = {{21, 40, 120}, {22, 60, 60}, {23, 30, 250}};

    @Test
    void slowdownsAreFoundWithPrecisionAndRecallOfAtLeast95PercentAndLocatedWithinTwoRuns(@TempDir Path tmp) throws Exception {
        int reported = 0;
        int truePositives = 0;
        int detectable = 0;
        int found = 0;
        int located = 0;
        StringBuilder report = new StringBuilder();
        for (int[] h : HISTORIES) {
            GeneratorSpec spec = new GeneratorSpec(h[0], h[1], GeneratorSpec.MODES, h[2],
                    GeneratorSpec.startEndingNow(h[2], Duration.ofHours(12)), Duration.ofHours(12), 0.02, 0.02, 0.005,
                    0.10, 0.08, 0.06, 0.05, 0.25, 0.2, GeneratorSpec.LANGUAGES);
            try (HistoryDatabase db = HistoryDatabase.open(tmp.resolve("seed" + h[0] + ".db"))) {
                GroundTruth truth = SyntheticHistory.generate(spec, db.repository());
                Map<String, int[]> passedAround = passedAroundSlowdown(db, truth);
                List<Durations.Row> slower = new Durations(db.jdbi()).slower(AnalysisFilter.all());
                Set<String> detectableKeys = new HashSet<>();
                passedAround.forEach((key, n) -> {
                    if (n[0] >= Durations.Settings.DEFAULT.minRuns() && n[1] >= Durations.Settings.DEFAULT.minRuns()) {
                        detectableKeys.add(key);
                    }
                });
                int tp = 0;
                int loc = 0;
                for (Durations.Row r : slower) {
                    GroundTruth.SeriesTruth t = truth.series(r.storyId(), r.mode()).orElseThrow();
                    if (!t.slower()) {
                        report.append("  not slower in truth: ").append(r).append(' ').append(t.kind())
                                .append(" change at ").append(t.changeIndex()).append(" reported at ")
                                .append(truth.runIndex(r.mode(), r.changeRunId())).append('\n');
                    }
                    if (t.slower()) {
                        tp++;
                        int index = truth.runIndex(r.mode(), r.changeRunId());
                        if (Math.abs(index - t.slowerFromIndex()) <= 2) {
                            loc++;
                        }
                    }
                }
                int foundHere = 0;
                for (Durations.Row r : slower) {
                    if (detectableKeys.contains(GroundTruth.key(r.storyId(), r.mode()))) {
                        foundHere++;
                    }
                }
                report.append(String.format(Locale.ROOT, "seed %d (%d stories x 3 modes x %d runs): reported %d, "
                                + "truly slower %d, detectable %d, found %d, located within 2 runs %d%n",
                        h[0], h[1], h[2], slower.size(), tp, detectableKeys.size(), foundHere, loc));
                reported += slower.size();
                truePositives += tp;
                detectable += detectableKeys.size();
                found += foundHere;
                located += loc;
            }
        }
        double precision = reported == 0 ? 1 : (double) truePositives / reported;
        double recall = detectable == 0 ? 1 : (double) found / detectable;
        double location = truePositives == 0 ? 1 : (double) located / truePositives;
        report.append(String.format(Locale.ROOT, "pooled: precision %.3f, recall %.3f, located within 2 runs %.3f%n",
                precision, recall, location));
        System.out.print(report);
        Path target = Path.of(System.getProperty("anvil.projectDir", "."), "target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("durations-quality.txt"), report.toString());
        assertThat(detectable).isGreaterThan(30);
        assertThat(precision).isGreaterThanOrEqualTo(0.95);
        assertThat(recall).isGreaterThanOrEqualTo(0.95);
        assertThat(location).isGreaterThanOrEqualTo(0.90);
    }

    /** Per slower series: passed results before and from its slowdown run. */
    private static Map<String, int[]> passedAroundSlowdown(HistoryDatabase db, GroundTruth truth) {
        Map<String, int[]> counts = new HashMap<>();
        for (GroundTruth.SeriesTruth s : truth.series()) {
            if (s.slower()) {
                counts.put(GroundTruth.key(s.storyId(), s.mode()), new int[2]);
            }
        }
        Table results = Frames.results(db.jdbi());
        for (int i = 0; i < results.rowCount(); i++) {
            String key = GroundTruth.key(results.stringColumn("storyId").get(i), results.stringColumn("mode").get(i));
            int[] n = counts.get(key);
            if (n == null || !"passed".equals(results.stringColumn("status").get(i))) {
                continue;
            }
            GroundTruth.SeriesTruth s = truth.series(results.stringColumn("storyId").get(i), results.stringColumn("mode").get(i)).orElseThrow();
            int index = truth.runIndex(s.mode(), results.stringColumn("runId").get(i));
            n[index >= s.slowerFromIndex() ? 1 : 0]++;
        }
        return counts;
    }
}
