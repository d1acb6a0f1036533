package dev.anvil.record.report;

import dev.anvil.history.ResultStatus;
import dev.anvil.history.Run;
import dev.anvil.history.RunStatus;
import dev.anvil.history.RunChanges;
import dev.anvil.history.StoryResult;
import dev.anvil.record.RecordOutcome;
import dev.anvil.story.Story;
import dev.anvil.story.StoryFormat;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleReporterTest {
    private static Story story(String id) {
        return new Story(id, "t", "d", "java", null, List.of(), null, StoryFormat.YAML, null, null, List.of(), null, null, null);
    }

    @org.junit.jupiter.api.io.TempDir
    Path worktree;

    @Test
    void onATerminalALiveLineShowsTheStoryInFlightAndIsClearedBeforeItsResultLine() throws Exception {
        StringWriter text = new StringWriter();
        Instant now = Instant.now();
        Run run = new Run("12345678-aaaa", now, null, "demo", 0, 0, 0, 0, 0, RunStatus.RUNNING, null, null, "h", 1L, "v");
        try (ConsoleReporter reporter = new ConsoleReporter(new PrintWriter(text, true), Path.of("/db/anvil.db"), true)) {
            reporter.runStarted(run, List.of(story("slow-story")));
            reporter.storyStarted(story("slow-story"));
            Thread.sleep(1300);
            String live = text.toString();
            assertThat(live).containsPattern("\r  running slow-story \\d\\.\\ds");
            StoryResult r = new StoryResult("r", run.id(), "slow-story", "p", "java", ResultStatus.FAILED, 1300L, "file_exists: x does not exist",
                    List.of(), now, null, "/logs/slow-story.log", worktree.toString(), List.of());
            reporter.storyFinished(story("slow-story"), r, 1, 1);
        }
        String out = text.toString();
        String afterLive = out.substring(out.lastIndexOf("\r"));
        assertThat(afterLive).startsWith("\r").contains("[1/1] slow-story  ✗  1.3s");
        assertThat(out).contains("file_exists: x does not exist", "worktree kept: " + worktree, "agent log:     /logs/slow-story.log");
        assertThat(out).startsWith("anvil record  mode demo  ·  1 story  ·  database /db/anvil.db  ·  run 12345678");
    }

    @Test
    void aWorktreeThatIsGoneIsNeverPrintedAsKept() {
        StringWriter text = new StringWriter();
        Run run = new Run("r", Instant.now(), null, "demo", 0, 0, 0, 0, 0, RunStatus.RUNNING, null, null, "h", 1L, "v");
        try (ConsoleReporter reporter = new ConsoleReporter(new PrintWriter(text, true), Path.of("db"), false)) {
            reporter.runStarted(run, List.of(story("s")));
            reporter.storyFinished(story("s"), new StoryResult("r", run.id(), "s", "p", "java", ResultStatus.FAILED, 1L,
                    "file_exists: x does not exist", List.of(), Instant.now(), null, null, worktree.resolve("removed").toString(),
                    List.of()), 1, 1);
        }
        assertThat(text.toString()).contains("x does not exist").doesNotContain("worktree kept");
    }

    @Test
    void withoutATerminalThereIsNoLiveLine() throws Exception {
        StringWriter text = new StringWriter();
        Run run = new Run("r", Instant.now(), null, "demo", 0, 0, 0, 0, 0, RunStatus.RUNNING, null, null, "h", 1L, "v");
        try (ConsoleReporter reporter = new ConsoleReporter(new PrintWriter(text, true), Path.of("db"), false)) {
            reporter.runStarted(run, List.of(story("s")));
            reporter.storyStarted(story("s"));
            Thread.sleep(700);
        }
        assertThat(text.toString()).doesNotContain("\r").doesNotContain("running");
    }

    @Test
    void withoutUnicodeTheSymbolsAreAscii() {
        StringWriter text = new StringWriter();
        ConsoleReporter ascii = new ConsoleReporter(new PrintWriter(text, true), Path.of("db"), false, false);
        assertThat(List.of(ResultStatus.PASSED, ResultStatus.FAILED, ResultStatus.ERROR, ResultStatus.SKIPPED))
                .extracting(ascii::symbol).containsExactly("+", "x", "!", "-");
        Run run = new Run("r", Instant.now(), null, "demo", 0, 0, 0, 0, 0, RunStatus.RUNNING, null, null, "h", 1L, "v");
        ascii.runStarted(run, List.of(story("s")));
        assertThat(text.toString()).isEqualTo("anvil record  mode demo  |  1 story  |  database db  |  run r" + System.lineSeparator());
    }

    @Test
    void aServerHistoryIsNamedByTheUrlItWasGiven() {
        StringWriter text = new StringWriter();
        Run run = new Run("r", Instant.now(), null, "demo", 0, 0, 0, 0, 0, RunStatus.RUNNING, null, null, "h", 1L, "v");
        new ConsoleReporter(new PrintWriter(text, true), "postgresql://ci:***@db:5432/anvil", false, false)
                .runStarted(run, List.of(story("s")));
        assertThat(text.toString()).contains("|  database postgresql://ci:***@db:5432/anvil  |");
    }

    @Test
    void aRunWaitingInTheSpoolSaysWhereAndClaimsNothingAboutThePreviousRun() {
        StringWriter text = new StringWriter();
        Instant now = Instant.now();
        Run run = new Run("12345678-aaaa", now.minusSeconds(3), now, "demo", 1, 1, 0, 0, 0, RunStatus.COMPLETED, null, null,
                "h", 1L, "v");
        Path spool = Path.of("/cache/anvil/spool/ab/history.spool-12345678-aaaa.jsonl");
        try (ConsoleReporter reporter = new ConsoleReporter(new PrintWriter(text, true), "postgresql://ci@db:5432/anvil", false, false)) {
            reporter.runFinished(new RecordOutcome(run, List.of(), java.util.Map.of(),
                    new RunChanges(java.util.Optional.empty(), List.of(), List.of()), spool));
        }
        assertThat(text.toString()).contains("1 passed, 0 failed")
                .contains("run 12345678 kept in the spool " + spool + " until the history answers: the next anvil command imports it")
                .doesNotContain("first run").doesNotContain("recorded");
    }
}
