package dev.anvil.analysis;

import dev.anvil.history.HistoryDatabase;
import dev.anvil.synthetic.GeneratorSpec;
import dev.anvil.synthetic.GroundTruth;
import dev.anvil.synthetic.GroundTruth.Kind;
import dev.anvil.synthetic.SyntheticHistory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How good the regression, fix and flakiness analyses are on synthetic histories whose truth is
 * known: several seeds, sizes and noise levels, a fifth of the changes only five runs before the
 * end. Scores are pooled over the histories, printed, and written to
 * {@code target/analysis-quality.txt}; the ADR queries are scored on the same histories for comparison.
 */
class KnownTruthQualityTest {

    /** (seed, stories, runs per mode, noise): small to medium histories, 1% to 3% stray failures. */
    private static final double[][] HISTORIES = {
            {11, 100, 200, 0.01},
            {12, 100, 200, 0.03},
            {13, 60, 300, 0.02},
            {14, 150, 120, 0.02},
    };

    private static final List<GroundTruth> truths = new ArrayList<>();
    private static final List<List<Regression>> regressions = new ArrayList<>();
    private static final List<List<Fix>> fixes = new ArrayList<>();
    private static final List<List<FlakyStory>> flaky = new ArrayList<>();
    private static final List<List<String>> adrRegressions = new ArrayList<>();
    private static final List<List<String>> adrFlaky = new ArrayList<>();
    private static final StringBuilder report = new StringBuilder();

    @BeforeAll
    static void analyseEveryHistory(@TempDir Path tmp) {
        for (double[] h : HISTORIES) {
            GeneratorSpec spec = GeneratorSpec.of((long) h[0], (int) h[1], GeneratorSpec.MODES, (int) h[2],
                    Duration.ofHours(12)).withNoise(h[3]);
            try (HistoryDatabase db = HistoryDatabase.open(tmp.resolve("seed" + (long) h[0] + ".db"))) {
                GroundTruth truth = SyntheticHistory.generate(spec, db.repository());
                OutcomeHistory history = OutcomeHistory.load(db.jdbi(), AnalysisFilter.all());
                truths.add(truth);
                regressions.add(new Regressions(db.jdbi()).rows(history));
                fixes.add(new Fixes(db.jdbi()).rows(history));
                flaky.add(new FlakyStories(db.jdbi()).rows(history));
                AdrQueries adr = new AdrQueries(db.jdbi());
                adrRegressions.add(adr.regressions());
                adrFlaky.add(adr.flaky());
                report.append(String.format(java.util.Locale.ROOT, "history seed %d: %d stories x 3 modes x %d runs, noise %.2f%n",
                        (long) h[0], (int) h[1], (int) h[2], h[3]));
                report.append("  ").append(KnownTruthScore.regressions("regressions", truth, regressions.get(regressions.size() - 1))).append('\n');
                report.append("  ").append(KnownTruthScore.fixes("fixes", truth, fixes.get(fixes.size() - 1))).append('\n');
                report.append("  ").append(KnownTruthScore.flaky("flaky", truth, flaky.get(flaky.size() - 1))).append('\n');
            }
        }
    }

    @AfterAll
    static void writeTheReport() throws IOException {
        report.append("pooled over all histories\n");
        for (KnownTruthScore s : List.of(pooledRegressions(), pooledFixes(), pooledFlaky(), pooledAdrRegressions(), pooledAdrFlaky())) {
            report.append("  ").append(s).append('\n');
        }
        System.out.print(report);
        Path target = Path.of(System.getProperty("anvil.projectDir", "."), "target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("analysis-quality.txt"), report.toString());
    }

    private static KnownTruthScore pooledRegressions() {
        List<KnownTruthScore> all = new ArrayList<>();
        for (int i = 0; i < truths.size(); i++) {
            all.add(KnownTruthScore.regressions("regressions", truths.get(i), regressions.get(i)));
        }
        return pooled("regressions", all);
    }

    private static KnownTruthScore pooledFixes() {
        List<KnownTruthScore> all = new ArrayList<>();
        for (int i = 0; i < truths.size(); i++) {
            all.add(KnownTruthScore.fixes("fixes", truths.get(i), fixes.get(i)));
        }
        return pooled("fixes", all);
    }

    private static KnownTruthScore pooledFlaky() {
        List<KnownTruthScore> all = new ArrayList<>();
        for (int i = 0; i < truths.size(); i++) {
            all.add(KnownTruthScore.flaky("flaky", truths.get(i), flaky.get(i)));
        }
        return pooled("flaky", all);
    }

    private static KnownTruthScore pooledAdrRegressions() {
        List<KnownTruthScore> all = new ArrayList<>();
        for (int i = 0; i < truths.size(); i++) {
            all.add(KnownTruthScore.stories("ADR-005 regressions (7d)", truths.get(i), Kind.REGRESSED, adrRegressions.get(i)));
        }
        return pooled("ADR-005 regressions (7d)", all);
    }

    private static KnownTruthScore pooledAdrFlaky() {
        List<KnownTruthScore> all = new ArrayList<>();
        for (int i = 0; i < truths.size(); i++) {
            all.add(KnownTruthScore.stories("ADR-012 flaky (7d)", truths.get(i), Kind.FLAKY, adrFlaky.get(i)));
        }
        return pooled("ADR-012 flaky (7d)", all);
    }

    private static KnownTruthScore pooled(String what, List<KnownTruthScore> scores) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int located = 0;
        List<String> missed = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (KnownTruthScore s : scores) {
            tp += s.truePositives();
            fp += s.falsePositives();
            fn += s.falseNegatives();
            located = s.located() < 0 ? -1 : located + s.located();
            missed.addAll(s.missed());
            wrong.addAll(s.wrong());
        }
        return new KnownTruthScore(what, tp, fp, fn, located, missed, wrong);
    }

    @Test
    void regressionsAreFoundWithPrecisionAndRecallOfAtLeast95PercentAndLocatedWithinTwoRuns() {
        KnownTruthScore s = pooledRegressions();
        assertThat(s.truePositives()).isGreaterThan(50);
        assertThat(s.precision()).as(s + " wrong " + s.wrong()).isGreaterThanOrEqualTo(0.95);
        assertThat(s.recall()).as(s + " missed " + s.missed()).isGreaterThanOrEqualTo(0.95);
        assertThat(s.locatedShare()).as(s.toString()).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void fixesAreFoundWithPrecisionAndRecallOfAtLeast95PercentAndLocatedWithinTwoRuns() {
        KnownTruthScore s = pooledFixes();
        assertThat(s.truePositives()).isGreaterThan(30);
        assertThat(s.precision()).as(s + " wrong " + s.wrong()).isGreaterThanOrEqualTo(0.95);
        assertThat(s.recall()).as(s + " missed " + s.missed()).isGreaterThanOrEqualTo(0.95);
        assertThat(s.locatedShare()).as(s.toString()).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void flakyStoriesAreFoundWithPrecisionAndRecallOfAtLeast95Percent() {
        KnownTruthScore s = pooledFlaky();
        assertThat(s.truePositives()).isGreaterThan(50);
        assertThat(s.precision()).as(s + " wrong " + s.wrong()).isGreaterThanOrEqualTo(0.95);
        assertThat(s.recall()).as(s + " missed " + s.missed()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void changesOnlyFiveRunsBeforeTheEndAreFound() {
        int late = 0;
        int found = 0;
        for (int i = 0; i < truths.size(); i++) {
            GroundTruth t = truths.get(i);
            int n = t.spec().runsPerMode();
            for (var s : t.ofKind(Kind.REGRESSED)) {
                if (s.changeIndex() == n - 5) {
                    late++;
                    found += regressions.get(i).stream().anyMatch(r -> r.storyId().equals(s.storyId()) && r.mode().equals(s.mode())) ? 1 : 0;
                }
            }
        }
        assertThat(late).isGreaterThan(5);
        assertThat((double) found / late).as(found + " of " + late).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void ourAnalysesBeatTheAdrQueriesOnTheSameHistories() {
        KnownTruthScore adrRegression = pooledAdrRegressions();
        KnownTruthScore adrFlakiness = pooledAdrFlaky();
        assertThat(adrRegression.precision()).isLessThan(pooledRegressions().precision());
        assertThat(adrRegression.recall()).isLessThan(pooledRegressions().recall());
        assertThat(adrFlakiness.precision()).isLessThan(pooledFlaky().precision());
    }
}
