package dev.anvil.analysis;

import dev.anvil.testing.TestHistory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static dev.anvil.testing.TestHistory.error;
import static dev.anvil.testing.TestHistory.failed;
import static dev.anvil.testing.TestHistory.passed;
import static dev.anvil.testing.TestHistory.skipped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrendTest {
    private static final Instant MONDAY = Instant.parse("2026-01-05T06:00:00Z");
    private static final Instant MONDAY_EVENING = Instant.parse("2026-01-05T18:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2026-01-06T06:00:00Z");
    private static final Instant NEXT_MONDAY = Instant.parse("2026-01-12T06:00:00Z");

    private TestHistory history;
    private Trend trend;

    @BeforeEach
    void history(@TempDir Path tmp) {
        history = TestHistory.create(tmp);
        history.run("cli", MONDAY, List.of(passed("a"), failed("b", "x"), error("c", "boom"), skipped("d")));
        history.run("cli", MONDAY_EVENING, List.of(passed("a"), passed("b"), passed("c"), passed("d").inLanguage("java")));
        history.run("cli", TUESDAY, List.of(passed("a"), failed("b", "x")));
        history.run("ui", MONDAY, List.of(failed("a", "y"), failed("b", "y"), passed("c")));
        history.run("cli", NEXT_MONDAY, List.of(passed("a")));
        trend = new Trend(history.jdbi());
    }

    @Test
    void aDayCountsTheRunsThatStartedInItWithErrorsKeptApartAndSkippedLeftOut() {
        Trend.Row monday = find(trend.rows(AnalysisFilter.all(), Every.DAY), "2026-01-05", "cli");
        assertThat(monday.runs()).isEqualTo(2);
        assertThat(monday.results()).isEqualTo(7);
        assertThat(monday.passed()).isEqualTo(5);
        assertThat(monday.failed()).isEqualTo(1);
        assertThat(monday.errors()).isEqualTo(1);
        assertThat(monday.language()).isEqualTo(Trend.ALL_LANGUAGES);
        // 5 of 6 (the error is not counted): Wilson 95% interval
        assertThat(monday.passRate()).isCloseTo(5 / 6.0, within(1e-12));
        assertThat(monday.passRateLow()).isCloseTo(0.4365, within(1e-4));
        assertThat(monday.passRateHigh()).isCloseTo(0.9699, within(1e-4));
        assertThat(monday.periodStart()).isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
    }

    @Test
    void errorsAsFailuresCountsThemInThePassRate() {
        Trend.Row monday = find(trend.rows(AnalysisFilter.all().withErrorsAsFailures(true), Every.DAY), "2026-01-05", "cli");
        assertThat(monday.passRate()).isCloseTo(5 / 7.0, within(1e-12));
        assertThat(monday.errors()).isEqualTo(1);
    }

    @Test
    void weeksAreIsoWeeksFromMonday() {
        List<Trend.Row> rows = trend.rows(AnalysisFilter.all().withMode("cli"), Every.WEEK);
        assertThat(rows).extracting(Trend.Row::period).containsExactly("2026-W02", "2026-W03");
        assertThat(rows.get(0).runs()).isEqualTo(3);
        assertThat(rows.get(0).passed()).isEqualTo(6);
        assertThat(rows.get(0).failed()).isEqualTo(2);
        // 6 of 8: the textbook Wilson interval
        assertThat(rows.get(0).passRateLow()).isCloseTo(0.4093, within(1e-4));
        assertThat(rows.get(0).passRateHigh()).isCloseTo(0.9285, within(1e-4));
        assertThat(rows.get(1).periodStart()).isEqualTo(Instant.parse("2026-01-12T00:00:00Z"));
    }

    @Test
    void perRunGivesOneRowPerRunInStartOrder() {
        List<Trend.Row> rows = trend.rows(AnalysisFilter.all().withMode("cli"), Every.RUN);
        assertThat(rows).hasSize(4);
        assertThat(rows).extracting(Trend.Row::periodStart).isSorted();
        assertThat(rows).allSatisfy(r -> assertThat(r.runs()).isEqualTo(1));
        assertThat(rows.get(0).period()).hasSize(8);
    }

    @Test
    void byLanguageSplitsEachModeAndTheLanguageFilterNamesIt() {
        List<Trend.Row> split = trend.rows(AnalysisFilter.all().withMode("cli").withByLanguage(true), Every.WEEK);
        assertThat(split).extracting(Trend.Row::language).containsExactly("java", "python", "python");
        List<Trend.Row> onlyJava = trend.rows(AnalysisFilter.all().withLanguage("java"), Every.WEEK);
        assertThat(onlyJava).singleElement().satisfies(r -> {
            assertThat(r.language()).isEqualTo("java");
            assertThat(r.passed()).isEqualTo(1);
        });
    }

    @Test
    void sinceAndStoryFiltersNarrowTheCount() {
        List<Trend.Row> rows = trend.rows(AnalysisFilter.all().withStory("b").withSince(TUESDAY), Every.DAY);
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.period()).isEqualTo("2026-01-06");
            assertThat(r.failed()).isEqualTo(1);
            assertThat(r.passRate()).isEqualTo(0.0);
        });
    }

    @Test
    void theTableHasTheRowFieldsAsTypedColumns() {
        Table t = trend.table(AnalysisFilter.all(), Every.DAY);
        assertThat(t.columnNames()).containsExactly("period", "periodStart", "mode", "language", "runs", "results",
                "passed", "failed", "errors", "passRate", "passRateLow", "passRateHigh");
        assertThat(t.column("periodStart").type()).isEqualTo(ColumnType.INSTANT);
        assertThat(t.column("passRate").type()).isEqualTo(ColumnType.DOUBLE);
        assertThat(t.column("runs").type()).isEqualTo(ColumnType.INTEGER);
        assertThat(t.rowCount()).isEqualTo(4);
    }

    @Test
    void perModeTheRunTotalsGiveTheSameAnswerAsCountingTheResults() {
        for (Every every : Every.values()) {
            for (AnalysisFilter f : List.of(AnalysisFilter.all(), AnalysisFilter.all().withMode("cli").withSince(TUESDAY),
                    AnalysisFilter.all().withErrorsAsFailures(true))) {
                assertThat(trend.rows(f, every, false)).isEqualTo(trend.rows(f, every, true)).isNotEmpty();
            }
        }
    }

    @Test
    void aRunStillGoingIsCountedFromItsResultsSoFar() {
        String id = dev.anvil.history.Ids.newId();
        history.repository().startRun(new dev.anvil.history.RunStart(id, NEXT_MONDAY.plusSeconds(60), "cli", null, null,
                "elsewhere", 1L, "test"));
        history.repository().appendResults(List.of(
                dev.anvil.history.StoryResult.of(id, "a", "python", dev.anvil.history.ResultStatus.FAILED, 10, "x", NEXT_MONDAY.plusSeconds(61)),
                dev.anvil.history.StoryResult.of(id, "b", "python", dev.anvil.history.ResultStatus.ERROR, 10, "y", NEXT_MONDAY.plusSeconds(62))));
        AnalysisFilter cli = AnalysisFilter.all().withMode("cli");
        Trend.Row week = trend.rows(cli, Every.WEEK).get(1);
        assertThat(week.runs()).isEqualTo(2);
        assertThat(week.passed()).isEqualTo(1);
        assertThat(week.failed()).isEqualTo(1);
        assertThat(week.errors()).isEqualTo(1);
        assertThat(trend.rows(cli, Every.WEEK, false)).isEqualTo(trend.rows(cli, Every.WEEK, true));
    }

    @Test
    void anEmptyHistoryIsAnEmptyAnswer(@TempDir Path other) {
        assertThat(new Trend(TestHistory.create(other).jdbi()).rows(AnalysisFilter.all(), Every.DAY)).isEmpty();
    }

    private static Trend.Row find(List<Trend.Row> rows, String period, String mode) {
        return rows.stream().filter(r -> r.period().equals(period) && r.mode().equals(mode)).findFirst().orElseThrow();
    }
}
