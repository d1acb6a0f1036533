package dev.anvil.frame;

import dev.anvil.analysis.AnalysisFilter;
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

class FramesTest {
    private static final Instant FIRST = Instant.parse("2026-01-05T06:00:00Z");
    private static final Instant SECOND = Instant.parse("2026-01-06T06:00:00Z");

    private TestHistory history;
    private String firstRun;
    private String secondRun;

    @BeforeEach
    void history(@TempDir Path tmp) {
        history = TestHistory.create(tmp);
        firstRun = history.run("cli", FIRST, List.of(passed("a").withDuration(1500), failed("b", "expected 3 got 4"),
                error("c", "timeout"), skipped("d")));
        secondRun = history.run("ui", SECOND, List.of(passed("a").inLanguage("java"), passed("b")));
    }

    @Test
    void resultsHaveTypedColumnsRunByRunInStartOrder() {
        Table t = Frames.results(history.jdbi());
        assertThat(t.columnNames()).containsExactly("runId", "mode", "runStartedAt", "storyId", "language", "status",
                "durationMs", "executedAt", "errorMessage");
        assertThat(t.column("runStartedAt").type()).isEqualTo(ColumnType.INSTANT);
        assertThat(t.column("executedAt").type()).isEqualTo(ColumnType.INSTANT);
        assertThat(t.column("durationMs").type()).isEqualTo(ColumnType.LONG);
        for (String c : List.of("runId", "mode", "storyId", "language", "status", "errorMessage")) {
            assertThat(t.column(c).type()).as(c).isEqualTo(ColumnType.STRING);
        }
        assertThat(t.rowCount()).isEqualTo(6);
        assertThat(t.stringColumn("runId").asList()).containsExactly(firstRun, firstRun, firstRun, firstRun, secondRun, secondRun);
        assertThat(t.stringColumn("storyId").asList()).containsExactly("a", "b", "c", "d", "a", "b");
        assertThat(t.stringColumn("status").asList()).containsExactly("passed", "failed", "error", "skipped", "passed", "passed");
        assertThat(t.instantColumn("runStartedAt").get(0)).isEqualTo(FIRST);
        assertThat(t.instantColumn("executedAt").get(0)).isEqualTo(FIRST.plusSeconds(1));
        assertThat(t.longColumn("durationMs").get(0)).isEqualTo(1500L);
        assertThat(t.stringColumn("errorMessage").get(1)).isEqualTo("expected 3 got 4");
        assertThat(t.stringColumn("errorMessage").isMissing(0)).isTrue();
    }

    @Test
    void resultsHonourEveryFilter() {
        assertThat(Frames.results(history.jdbi(), AnalysisFilter.all().withMode("ui")).rowCount()).isEqualTo(2);
        assertThat(Frames.results(history.jdbi(), AnalysisFilter.all().withLanguage("java")).rowCount()).isEqualTo(1);
        assertThat(Frames.results(history.jdbi(), AnalysisFilter.all().withStory("b")).stringColumn("status").asList())
                .containsExactly("failed", "passed");
        assertThat(Frames.results(history.jdbi(), AnalysisFilter.all().withSince(SECOND)).stringColumn("mode").asList())
                .containsOnly("ui");
        assertThat(Frames.results(history.jdbi(), AnalysisFilter.all().withMode("nope")).rowCount()).isZero();
    }

    @Test
    void runsHaveTheirCountsWithErrorsApart() {
        Table t = Frames.runs(history.jdbi());
        assertThat(t.stringColumn("runId").asList()).containsExactly(firstRun, secondRun);
        assertThat(t.column("startedAt").type()).isEqualTo(ColumnType.INSTANT);
        assertThat(t.column("passRate").type()).isEqualTo(ColumnType.DOUBLE);
        assertThat(t.intColumn("totalStories").get(0)).isEqualTo(4);
        assertThat(t.intColumn("passed").get(0)).isEqualTo(1);
        assertThat(t.intColumn("failed").get(0)).isEqualTo(1);
        assertThat(t.intColumn("errors").get(0)).isEqualTo(1);
        assertThat(t.intColumn("skipped").get(0)).isEqualTo(1);
        assertThat(t.doubleColumn("passRate").get(0)).isEqualTo(0.5);
        assertThat(t.stringColumn("status").get(0)).isEqualTo("completed");
        assertThat(Frames.runs(history.jdbi(), AnalysisFilter.all().withLanguage("java")).stringColumn("runId").asList())
                .containsExactly(secondRun);
        assertThat(Frames.runs(history.jdbi(), AnalysisFilter.all().withSince(SECOND)).rowCount()).isEqualTo(1);
    }

    @Test
    void aRunStillGoingHasNoCompletionAndLiveCounts() {
        String id = dev.anvil.history.Ids.newId();
        history.repository().startRun(new dev.anvil.history.RunStart(id, SECOND.plusSeconds(60), "cli", null, null,
                "elsewhere", 1L, "test"));
        history.repository().appendResult(dev.anvil.history.StoryResult.of(id, "a", "python",
                dev.anvil.history.ResultStatus.PASSED, 10, null, SECOND.plusSeconds(61)));
        // still going: its recorder (on another host) beat just now
        history.repository().beat(id, java.time.Instant.now());
        Table t = Frames.runs(history.jdbi());
        int last = t.rowCount() - 1;
        assertThat(t.stringColumn("runId").get(last)).isEqualTo(id);
        assertThat(t.instantColumn("completedAt").isMissing(last)).isTrue();
        assertThat(t.intColumn("passed").get(last)).isEqualTo(1);
        assertThat(t.stringColumn("status").get(last)).isEqualTo("running");
    }

    @Test
    void sqlTypesColumnsFromTheirValues() {
        Table t = Frames.sql(history.jdbi(), "SELECT StoryId, DurationMs, ExecutedAt, DurationMs / 1000.0 AS Seconds, "
                + "COUNT(*) OVER () AS N, 5000000000 AS Big, NULL AS Absent FROM StoryResults WHERE TestRunId = ? ORDER BY StoryId", firstRun);
        assertThat(t.column("StoryId").type()).isEqualTo(ColumnType.STRING);
        assertThat(t.column("DurationMs").type()).isEqualTo(ColumnType.INTEGER);
        assertThat(t.column("ExecutedAt").type()).isEqualTo(ColumnType.INSTANT);
        assertThat(t.column("Seconds").type()).isEqualTo(ColumnType.DOUBLE);
        assertThat(t.column("N").type()).isEqualTo(ColumnType.INTEGER);
        assertThat(t.column("Big").type()).isEqualTo(ColumnType.LONG);
        assertThat(t.column("Absent").type()).isEqualTo(ColumnType.STRING);
        assertThat(t.rowCount()).isEqualTo(4);
        assertThat(t.doubleColumn("Seconds").get(0)).isEqualTo(1.5);
        assertThat(t.instantColumn("ExecutedAt").get(0)).isEqualTo(FIRST.plusSeconds(1));
    }

    @Test
    void aColumnWithoutValuesTakesItsDeclaredType() {
        Table t = Frames.sql(history.jdbi(), "SELECT DurationMs, StoryId FROM StoryResults WHERE StoryId = ?", "none");
        assertThat(t.rowCount()).isZero();
        assertThat(t.column("DurationMs").type()).isEqualTo(ColumnType.LONG);
        assertThat(t.column("StoryId").type()).isEqualTo(ColumnType.STRING);
    }

    @Test
    void sqlParametersAreBoundSoAnInjectionAttemptStaysAValue() {
        String attack = "a' OR '1'='1";
        Table t = Frames.sql(history.jdbi(), "SELECT * FROM StoryResults WHERE StoryId = ?", attack);
        assertThat(t.rowCount()).isZero();
        Frames.sql(history.jdbi(), "SELECT ? AS Echo", "x'); DROP TABLE StoryResults; --");
        assertThat(history.repository().countResults()).isEqualTo(6);
        assertThat(Frames.sql(history.jdbi(), "SELECT ? AS Echo", attack).stringColumn("Echo").get(0)).isEqualTo(attack);
    }

    @Test
    void instantParametersAreBoundAsStoredText() {
        Table t = Frames.sql(history.jdbi(), "SELECT Id FROM TestRuns WHERE StartedAt >= ?", SECOND);
        assertThat(t.stringColumn("Id").asList()).containsExactly(secondRun);
    }

    @Test
    void storedTimestampsOfOtherWritersAreReadToo() {
        assertThat(PackedTimes.pack("2026-11-27T06:00:00.123Z"))
                .isEqualTo(tech.tablesaw.columns.instant.PackedInstant.pack(Instant.parse("2026-11-27T06:00:00.123Z")));
        assertThat(tech.tablesaw.columns.instant.PackedInstant.asInstant(PackedTimes.pack("2026-01-30 06:00:00.1234567")))
                .isEqualTo(Instant.parse("2026-01-30T06:00:00.123Z"));
    }
}
