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
            for (Kind kind : Kind.values()) {
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
}
