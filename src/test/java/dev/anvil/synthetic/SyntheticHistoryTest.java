package dev.anvil.synthetic;

import dev.anvil.history.HistoryDatabase;
import dev.anvil.synthetic.GroundTruth.Kind;
import dev.anvil.synthetic.GroundTruth.SeriesTruth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticHistoryTest {

    private static final GeneratorSpec MEDIUM = GeneratorSpec.of(7, 60, GeneratorSpec.MODES, 80, Duration.ofHours(12));

    @Test
    void writesEveryStoryOfEveryModeAtEveryRun(@TempDir Path tmp) {
        try (HistoryDatabase db = HistoryDatabase.open(tmp.resolve("h.db"))) {
            GroundTruth truth = SyntheticHistory.generate(GeneratorSpec.small(1), db.repository());
            GeneratorSpec spec = truth.spec();
            assertThat(db.repository().countResults()).isEqualTo(spec.expectedResults()).isEqualTo(truth.results());
            assertThat(db.repository().countRuns()).isEqualTo((long) spec.runsPerMode() * spec.modes().size());
            assertThat(truth.series()).hasSize(spec.stories() * spec.modes().size());
            int languages = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(DISTINCT Language) FROM StoryResults")
                    .mapTo(Integer.class).one());
            assertThat(languages).isEqualTo(6);
        }
    }

    @Test
    void theSameSeedGivesTheSameHistoryAndAnotherSeedAnotherOne(@TempDir Path tmp) {
        String a = digest(tmp.resolve("a.db"), GeneratorSpec.small(5));
        String b = digest(tmp.resolve("b.db"), GeneratorSpec.small(5));
        String c = digest(tmp.resolve("c.db"), GeneratorSpec.small(6));
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    private static String digest(Path file, GeneratorSpec spec) {
        try (HistoryDatabase db = HistoryDatabase.open(file)) {
            SyntheticHistory.generate(spec, db.repository());
            return db.jdbi().withHandle(h -> h.createQuery("SELECT group_concat(TestRunId || StoryId || Status || DurationMs "
                    + "|| coalesce(ErrorMessage, ''), ',') FROM (SELECT * FROM StoryResults ORDER BY ExecutedAt, StoryId)")
                    .mapTo(String.class).one());
        }
    }

    @Test
    void eachKindBehavesAsItsTruthSays(@TempDir Path tmp) {
        try (HistoryDatabase db = HistoryDatabase.open(tmp.resolve("h.db"))) {
            GroundTruth truth = SyntheticHistory.generate(MEDIUM, db.repository());
            for (Kind kind : List.of(Kind.STABLE, Kind.FLAKY, Kind.REGRESSED, Kind.FIXED, Kind.BROKEN)) {
                assertThat(truth.ofKind(kind)).as(kind.name()).isNotEmpty();
            }
            for (SeriesTruth s : truth.ofKind(Kind.REGRESSED)) {
                double[] rates = passRates(db, truth, s);
                assertThat(rates[0]).as("before " + s).isGreaterThan(0.85);
                assertThat(rates[1]).as("after " + s).isLessThan(0.5);
            }
            for (SeriesTruth s : truth.ofKind(Kind.FIXED)) {
                double[] rates = passRates(db, truth, s);
                assertThat(rates[0]).as("before " + s).isLessThan(0.3);
                assertThat(rates[1]).as("after " + s).isGreaterThan(0.5);
            }
            assertThat(truth.series()).filteredOn(s -> s.changeIndex() == MEDIUM.runsPerMode() - 5).isNotEmpty();
            assertThat(truth.series()).filteredOn(SeriesTruth::slower).isNotEmpty();
        }
    }

    /** Pass rates over passed + failed results before and from the true change run. */
    private static double[] passRates(HistoryDatabase db, GroundTruth truth, SeriesTruth s) {
        List<String> ids = truth.runIds().get(s.mode());
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            index.put(ids.get(i), i);
        }
        int[] pass = new int[2];
        int[] all = new int[2];
        db.jdbi().useHandle(h -> h.createQuery("SELECT r.TestRunId, r.Status FROM StoryResults r JOIN TestRuns t ON t.Id = r.TestRunId "
                        + "WHERE r.StoryId = :story AND t.Mode = :mode AND r.Status IN ('passed', 'failed')")
                .bind("story", s.storyId()).bind("mode", s.mode())
                .map((rs, ctx) -> {
                    int part = index.get(rs.getString(1)) >= s.changeIndex() ? 1 : 0;
                    all[part]++;
                    if (rs.getString(2).equals("passed")) {
                        pass[part]++;
                    }
                    return null;
                }).list());
        return new double[] {(double) pass[0] / all[0], (double) pass[1] / all[1]};
    }

    @Test
    void errorsAndSkipsAreAFewPercentAndFailuresCarryNumbersAndPaths(@TempDir Path tmp) {
        try (HistoryDatabase db = HistoryDatabase.open(tmp.resolve("h.db"))) {
            SyntheticHistory.generate(MEDIUM, db.repository());
            Map<String, Integer> byStatus = new java.util.HashMap<>();
            db.jdbi().useHandle(h -> h.createQuery("SELECT Status, COUNT(*) FROM StoryResults GROUP BY Status")
                    .map((rs, ctx) -> byStatus.put(rs.getString(1), rs.getInt(2))).list());
            double total = byStatus.values().stream().mapToInt(Integer::intValue).sum();
            assertThat(byStatus.get("error") / total).isBetween(0.005, 0.06);
            assertThat(byStatus.get("skipped") / total).isBetween(0.001, 0.02);
            List<String> messages = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT ErrorMessage FROM StoryResults WHERE Status = 'failed' LIMIT 200").mapTo(String.class).list());
            assertThat(messages).allSatisfy(m -> assertThat(m).containsPattern("\\d"));
            assertThat(messages).anySatisfy(m -> assertThat(m).containsPattern("[\\w/]+\\.(cs|py|ts|java|go|rs|txt)"));
        }
    }

    @Test
    void theLastRunStartsBeforeNowSoTheLastSevenDaysHaveData() {
        GeneratorSpec spec = GeneratorSpec.small(1);
        java.time.Instant last = spec.start().plus(spec.interval().multipliedBy(spec.runsPerMode() - 1))
                .plus(spec.interval().dividedBy(3).multipliedBy(2));
        assertThat(last).isBefore(java.time.Instant.now()).isAfter(java.time.Instant.now().minus(Duration.ofDays(1)));
    }

    @Test
    void realisticPatternsAreWrittenWithTheirTruth(@TempDir Path tmp) {
        GeneratorSpec spec = GeneratorSpec.of(3, 120, GeneratorSpec.MODES, 200, Duration.ofHours(12));
        try (HistoryDatabase db = HistoryDatabase.open(tmp.resolve("h.db"))) {
            Patterns patterns = Patterns.REALISTIC;
            patterns = new Patterns(patterns.partialRegressionShare(), patterns.partialFixShare(), patterns.episodeShare(),
                    patterns.streakyShare(), patterns.highFlakyShare(), 0.2, 0.2, patterns.skippingRunShare(),
                    patterns.rerunShare(), patterns.outageShare(), true, patterns.lateSlowdownShare(), patterns.slowRunnerShare());
            GroundTruth truth = SyntheticHistory.generate(spec, patterns, db.repository());
            assertThat(db.repository().countResults()).isEqualTo(truth.results());
            for (Kind kind : List.of(Kind.EPISODE, Kind.STREAKY, Kind.REGRESSED, Kind.FIXED, Kind.FLAKY)) {
                assertThat(truth.ofKind(kind)).as(kind.name()).hasSizeGreaterThan(3);
            }
            assertThat(truth.ofKind(Kind.REGRESSED)).anyMatch(s -> s.passAfter() > 0.3);
            assertThat(truth.ofKind(Kind.FIXED)).anyMatch(s -> s.passBefore() > 0.3);
            assertThat(truth.ofKind(Kind.FLAKY)).anyMatch(s -> s.passBefore() > 0.85);
            SeriesTruth episode = truth.ofKind(Kind.EPISODE).get(0);
            assertThat(episode.fixIndex()).isGreaterThan(episode.changeIndex() + 6);
            assertThat(truth.series()).anyMatch(s -> s.firstIndex() > 0).anyMatch(s -> s.endIndex() < truth.runIds().get(s.mode()).size());
            // failed-only reruns are runs of their own: more runs than slots, some with few results
            List<String> first = truth.runIds().get(GeneratorSpec.MODES.get(0));
            assertThat(first.size()).isGreaterThan(spec.runsPerMode());
            // the first mode ends with two whole outages
            for (String run : first.subList(first.size() - 2, first.size())) {
                List<String> statuses = db.jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT Status FROM StoryResults WHERE TestRunId = ?")
                        .bind(0, run).mapTo(String.class).list());
                assertThat(statuses).containsAnyOf("error").allMatch(x -> x.equals("error") || x.equals("skipped"));
            }
            // a streaky series fails in streaks: more consecutive failures than independent draws would give
            SeriesTruth streaky = truth.ofKind(Kind.STREAKY).get(0);
            List<String> outcomes = db.jdbi().withHandle(h -> h.createQuery("SELECT s.Status FROM StoryResults s JOIN TestRuns t "
                    + "ON t.Id = s.TestRunId WHERE s.StoryId = ? AND t.Mode = ? AND s.Status IN ('passed', 'failed') "
                    + "AND t.Label NOT LIKE '%rerun%' ORDER BY t.StartedAt")
                    .bind(0, streaky.storyId()).bind(1, streaky.mode()).mapTo(String.class).list());
            int failures = 0;
            int failFail = 0;
            for (int i = 1; i < outcomes.size(); i++) {
                if (outcomes.get(i - 1).equals("failed")) {
                    failures++;
                    failFail += outcomes.get(i).equals("failed") ? 1 : 0;
                }
            }
            assertThat((double) failFail / failures).isGreaterThan(1 - streaky.passBefore() + 0.2);
        }
    }

    @Test
    void withoutPatternsTheHistoryIsTheCleanOne(@TempDir Path tmp) {
        try (HistoryDatabase a = HistoryDatabase.open(tmp.resolve("a.db")); HistoryDatabase b = HistoryDatabase.open(tmp.resolve("b.db"))) {
            GroundTruth plain = SyntheticHistory.generate(GeneratorSpec.small(5), a.repository());
            GroundTruth none = SyntheticHistory.generate(GeneratorSpec.small(5), Patterns.NONE, b.repository());
            assertThat(none.series()).isEqualTo(plain.series());
        }
    }
}
