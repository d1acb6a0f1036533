package dev.anvil.analysis;

import dev.anvil.testing.TestHistory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.anvil.testing.TestHistory.failed;
import static dev.anvil.testing.TestHistory.passed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DurationsTest {
    private static final Duration HALF_DAY = Duration.ofHours(12);

    @TempDir
    static Path tmp;
    private static TestHistory history;
    private static final List<String> runs = new ArrayList<>();

    /**
     * 40 runs of mode cli: "doubles" takes twice as long from run 20 on, "flat" stays put, "blip"
     * is slow in three runs only, "failing-fast" fails quickly until run 20 and then passes at its
     * usual pace (its failures do not count as durations). Noise: log-normal, sd 0.15.
     */
    @BeforeAll
    static void history() {
        history = TestHistory.create(tmp);
        Random random = new Random(1);
        for (int run = 0; run < 40; run++) {
            double noise = Math.exp(0.15 * random.nextGaussian());
            double noise2 = Math.exp(0.15 * random.nextGaussian());
            double noise3 = Math.exp(0.15 * random.nextGaussian());
            List<TestHistory.Outcome> outcomes = List.of(
                    passed("doubles").withDuration(Math.round(10_000 * noise * (run >= 20 ? 2 : 1))),
                    passed("flat").withDuration(Math.round(8_000 * noise2)),
                    passed("blip").withDuration(Math.round(5_000 * noise3 * (run >= 10 && run < 13 ? 4 : 1))),
                    run < 20 ? failed("failing-fast", "boom").withDuration(500) : passed("failing-fast").withDuration(Math.round(6_000 * noise)));
            runs.add(history.run("cli", TestHistory.at(run, HALF_DAY), outcomes));
        }
    }

    @Test
    void aStoryWhoseDurationsDoubleIsFoundAtTheRunOfTheChange() {
        List<Durations.Row> slower = new Durations(history.jdbi()).slower(AnalysisFilter.all());
        assertThat(slower).extracting(Durations.Row::storyId).containsExactly("doubles");
        Durations.Row row = slower.get(0);
        assertThat(row.changeRunId()).isEqualTo(runs.get(20));
        assertThat(row.changeAt()).isEqualTo(TestHistory.at(20, HALF_DAY));
        assertThat(row.ratio()).isBetween(1.7, 2.3);
        assertThat(row.medianBeforeMs()).isBetween(9_000.0, 11_000.0);
        assertThat(row.medianAfterMs()).isBetween(18_000.0, 22_000.0);
        assertThat(row.pValue()).isLessThan(0.001);
        assertThat(row.runsAfter()).isEqualTo(20);
    }

    @Test
    void everySeriesHasItsMedianAndP90OverPassedResults() {
        List<Durations.Row> rows = new Durations(history.jdbi()).rows(AnalysisFilter.all());
        assertThat(rows).extracting(Durations.Row::storyId).containsExactly("doubles", "blip", "failing-fast", "flat");
        Durations.Row flat = rows.get(3);
        assertThat(flat.runs()).isEqualTo(40);
        assertThat(flat.medianMs()).isBetween(7_000.0, 9_000.0);
        assertThat(flat.p90Ms()).isGreaterThan(flat.medianMs());
        assertThat(flat.slower()).isFalse();
        assertThat(flat.changeRunId()).isNull();
        assertThat(rows.get(2).runs()).isEqualTo(20);
    }

    @Test
    void theSettingsDecideWhatCountsAsAChange() {
        Durations strict = new Durations(history.jdbi(), Durations.Settings.DEFAULT.withMinChange(1.5));
        assertThat(strict.slower(AnalysisFilter.all())).isEmpty();
        Durations needsMoreRuns = new Durations(history.jdbi(), Durations.Settings.DEFAULT.withMinRuns(25));
        assertThat(needsMoreRuns.slower(AnalysisFilter.all())).isEmpty();
    }

    @Test
    void sinceLooksOnlyAtRecentRunsSoAnOldChangeIsNoLongerOne() {
        AnalysisFilter recent = AnalysisFilter.all().withSince(TestHistory.at(22, HALF_DAY));
        assertThat(new Durations(history.jdbi()).slower(recent)).isEmpty();
        assertThat(new Durations(history.jdbi()).rows(recent)).filteredOn(r -> r.storyId().equals("doubles"))
                .singleElement().satisfies(r -> assertThat(r.medianMs()).isBetween(18_000.0, 22_000.0));
    }

    @Test
    void theTableHasTheRowFields() {
        Table t = new Durations(history.jdbi()).table(AnalysisFilter.all());
        assertThat(t.columnNames()).containsExactly("storyId", "mode", "language", "runs", "medianMs", "p90Ms", "slower",
                "changeRunId", "changeAt", "medianBeforeMs", "medianAfterMs", "ratio", "pValue", "runsAfter");
        assertThat(t.doubleColumn("ratio").get(0)).isCloseTo(2.0, within(0.3));
    }

    @Test
    void durationsAnotherToolStoredAsRealNumbersReadAsTheirWholeMilliseconds(@TempDir Path dir) {
        TestHistory other = TestHistory.create(dir);
        for (int run = 0; run < 3; run++) {
            other.run("cli", TestHistory.at(run, HALF_DAY), List.of(passed("real").withDuration(1_000 + run)));
        }
        other.jdbi().useHandle(h -> h.execute("UPDATE StoryResults SET DurationMs = DurationMs + 0.75"));

        Durations.Row row = new Durations(other.jdbi()).rows(AnalysisFilter.all()).get(0);

        assertThat(row.runs()).isEqualTo(3);
        assertThat(row.medianMs()).isEqualTo(1_001.0);
    }
}
