package dev.anvil.record;

import dev.anvil.testing.TreeHash;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.HistoryRepository;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Run;
import dev.anvil.history.RunStatus;
import dev.anvil.history.StoryResult;
import dev.anvil.story.Story;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.anvil.record.TestStories.expect;
import static dev.anvil.record.TestStories.story;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecorderTest {
    @TempDir
    Path home;
    Path fixture;
    HistoryDatabase db;
    HistoryRepository repo;

    /** An agent that does what the story id says: write (creates NEW.md), fail (exit 3), hang, env (dumps its environment). */
    static final String AGENT = "case \"$ANVIL_STORY_ID\" in "
            + "write*) echo new > NEW.md ;; "
            + "fail*) echo 'cannot do it' ; exit 3 ;; "
            + "hang*) sleep 300 & echo $! > \"$ANVIL_WORKTREE/../$ANVIL_STORY_ID.child\"; wait ;; "
            + "env*) env | grep ^ANVIL_ > env.txt; printf %s {prompt} > prompt.txt ;; "
            + "esac";

    @BeforeEach
    void setUp() throws Exception {
        fixture = TestStories.folderFixture(home.resolve("fixture"));
        db = TestStories.db(home);
        repo = db.repository();
    }

    private RecordOutcome record(RecordSettings settings, RecordListener listener, Story... stories) {
        return new Recorder(repo, new CommandExecutor(AGENT, Map.of(), null), settings, listener).record(List.of(stories));
    }

    private RecordOutcome record(Story... stories) {
        return record(TestStories.settings(home), null, stories);
    }

    private static RecordSettings with(RecordSettings s, boolean keep, boolean failFast, int parallel, Duration timeout) {
        return new RecordSettings(s.mode(), s.label(), s.sutRevision(), s.worktreeRoot(), s.logRoot(), keep, failFast,
                parallel, timeout, s.languages(), s.aura());
    }

    private StoryResult result(RecordOutcome o, String storyId) {
        return repo.results(o.run().id()).stream().filter(r -> r.storyId().equals(storyId)).findFirst().orElseThrow();
    }

    @Test
    void eachStoryEndsPassedFailedOrErrorWithItsExpectationsStored() {
        Story pass = story("write-ok", fixture, expect("file_exists", "path", "NEW.md"), expect("file_contains", "path", "NEW.md", "pattern", "new"));
        Story fail = story("write-wrong", fixture, expect("file_exists", "path", "NEW.md"), expect("file_exists", "path", "OTHER.md"),
                expect("file_exists", "path", "THIRD.md"));
        Story error = TestStories.withTimeout(story("hang-1", fixture, expect("file_exists", "path", "NEW.md")), Duration.ofSeconds(1));

        RecordOutcome o = record(pass, fail, error);

        Run run = o.run();
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.totalStories()).isEqualTo(3);
        assertThat(run.passed()).isEqualTo(1);
        assertThat(run.failed()).as("failed counts failed and error").isEqualTo(2);
        assertThat(run.errors()).isEqualTo(1);
        assertThat(o.exitCode()).isEqualTo(1);

        StoryResult failed = result(o, "write-wrong");
        assertThat(failed.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(failed.errorMessage()).as("the first failing expectation").isEqualTo("file_exists: OTHER.md does not exist");
        assertThat(failed.expectations()).extracting(e -> e.status())
                .containsExactly(ResultStatus.PASSED, ResultStatus.FAILED, ResultStatus.FAILED);
        assertThat(failed.generatedFiles()).containsExactly("NEW.md");

        StoryResult timedOut = result(o, "hang-1");
        assertThat(timedOut.status()).isEqualTo(ResultStatus.ERROR);
        assertThat(timedOut.errorMessage()).contains("timed out after 1s");
        assertThat(timedOut.expectations()).extracting(e -> e.status()).containsExactly(ResultStatus.SKIPPED);
    }

    @Test
    void aTimedOutAgentIsStoppedWithItsChildren() throws Exception {
        Story hang = TestStories.withTimeout(story("hang-2", fixture), Duration.ofSeconds(1));
        RecordOutcome o = record(hang);
        Path childPid = home.resolve("worktrees").resolve(o.run().shortId()).resolve("hang-2.child");
        long pid = Long.parseLong(Files.readString(childPid).trim());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void aGitFixtureIsClonedPerStoryAndStaysUntouchedWhateverTheAgentDoesInItsClone() throws Exception {
        Path gitRepo = TestStories.gitFixture(home.resolve("git-fixture"));
        String before = TreeHash.of(gitRepo);
        String agent = "echo new > NEW.md && echo more >> src/App.java && git add -A && "
                + "git -c user.email=a@a -c user.name=a commit -q -m agent && echo late > LATE.md && "
                + "(git push -q origin HEAD:main 2>/dev/null; true)";
        RecordOutcome o = new Recorder(repo, new CommandExecutor(agent, Map.of(), null),
                with(TestStories.settings(home), true, false, 1, null), null)
                .record(List.of(story("git-1", gitRepo, expect("file_exists", "path", "NEW.md")),
                        story("git-2", gitRepo, expect("file_contains", "path", "src/App.java", "pattern", "more"))));

        assertThat(o.run().passed()).isEqualTo(2);
        assertThat(TreeHash.of(gitRepo)).isEqualTo(before);
        StoryResult r = result(o, "git-1");
        assertThat(Path.of(r.worktreePath()).resolve(".git")).isDirectory();
        assertThat(r.generatedFiles()).as("committed and uncommitted work alike")
                .containsExactly("LATE.md", "NEW.md", "src/App.java");
    }

    @Test
    void anAgentThatExitsNonZeroFailsWithItsExitCodeAndOutput() {
        RecordOutcome o = record(story("fail-1", fixture));
        StoryResult r = result(o, "fail-1");
        assertThat(r.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(r.errorMessage()).isEqualTo("agent exited with code 3: cannot do it");
    }

    @Test
    void passedWorktreesAreRemovedAndFailedOnesKeptWithTheirPathRecorded() {
        RecordOutcome o = record(story("write-pass", fixture, expect("file_exists", "path", "NEW.md")),
                story("write-fail", fixture, expect("file_exists", "path", "MISSING")));
        StoryResult passed = result(o, "write-pass");
        StoryResult failed = result(o, "write-fail");
        assertThat(passed.worktreePath()).isNull();
        assertThat(home.resolve("worktrees").resolve(o.run().shortId()).resolve("write-pass")).doesNotExist();
        assertThat(Path.of(failed.worktreePath())).isDirectory();
        assertThat(Path.of(failed.worktreePath()).resolve("NEW.md")).exists();
        assertThat(Path.of(failed.logPath())).exists();
    }

    @Test
    void keepWorktreesKeepsPassedOnesToo() {
        RecordOutcome o = record(with(TestStories.settings(home), true, false, 1, null), null,
                story("write-pass", fixture, expect("file_exists", "path", "NEW.md")));
        assertThat(Path.of(result(o, "write-pass").worktreePath()).resolve("NEW.md")).exists();
    }

    @Test
    void theAgentSeesTheStoryInItsEnvironmentAndPlaceholders() throws Exception {
        Story s = TestStories.withPrompt(story("env-1", fixture), "Title 'quoted'", "Line one\n$(rm -rf /) `id`");
        RecordOutcome o = record(with(TestStories.settings(home), true, false, 1, null), null, s);
        Path wt = Path.of(result(o, "env-1").worktreePath());
        String env = Files.readString(wt.resolve("env.txt"));
        assertThat(env).contains("ANVIL_STORY_ID=env-1", "ANVIL_MODE=test-mode", "ANVIL_LANGUAGE=java",
                "ANVIL_WORKTREE=" + wt, "ANVIL_STORY_TITLE=Title 'quoted'");
        assertThat(Files.readString(wt.resolve("prompt.txt"))).isEqualTo("Title 'quoted'\n\nLine one\n$(rm -rf /) `id`");
    }

    @Test
    void aFolderFixtureBecomesARepositoryOfItsOwnSoTheAgentsCommitsNeverReachTheOneAroundIt() throws Exception {
        // the history, its worktrees and the fixture all inside one enclosing git repository
        Path enclosing = Files.createDirectories(home.resolve("enclosing"));
        Path inner = TestStories.folderFixture(enclosing.resolve("fixtures/app"));
        sh(enclosing, "git init -q . && git add -A && git -c user.email=e@e -c user.name=e commit -q -m enclosing");
        String head = sh(enclosing, "git rev-parse HEAD");
        RecordSettings s = TestStories.settings(enclosing);
        String agent = "echo new > NEW.md && git add -A && git commit -q -m agent && echo late > LATE.md && "
                + "git rev-list --count HEAD > ../commits.txt";
        RecordOutcome o = new Recorder(repo, new CommandExecutor(agent, Map.of(), null), with(s, true, false, 1, null), null)
                .record(List.of(story("own-repo", inner, expect("file_exists", "path", "NEW.md"))));

        StoryResult r = result(o, "own-repo");
        assertThat(r.status()).as(r.errorMessage()).isEqualTo(ResultStatus.PASSED);
        assertThat(r.generatedFiles()).containsExactly("LATE.md", "NEW.md");
        assertThat(Files.readString(Path.of(r.worktreePath()).resolveSibling("commits.txt")).strip())
                .as("the fixture's one commit, then the agent's").isEqualTo("2");
        assertThat(sh(enclosing, "git rev-parse HEAD")).isEqualTo(head);
        assertThat(sh(enclosing, "git rev-list --count HEAD")).isEqualTo("1");
        assertThat(sh(enclosing, "git status --porcelain --untracked-files=all -- fixtures")).isEmpty();
    }

    @Test
    void aGreenfieldStoryStartsInAnEmptyRepositoryWithOneCommit() throws Exception {
        String agent = "test \"$(ls -A)\" = .git && test \"$(git rev-list --count HEAD)\" = 1 && echo x > Program.cs";
        RecordOutcome o = new Recorder(repo, new CommandExecutor(agent, Map.of(), null), TestStories.settings(home), null)
                .record(List.of(story("greenfield", null, expect("file_exists", "path", "Program.cs"))));
        StoryResult r = result(o, "greenfield");
        assertThat(r.status()).as(r.errorMessage()).isEqualTo(ResultStatus.PASSED);
        assertThat(r.generatedFiles()).containsExactly("Program.cs");
    }

    @Test
    void aPromptOfAnySizeReachesTheAgentThroughItsFile() throws Exception {
        String huge = "line of the story\n".repeat(40_000); // ~720 KB: over any one argument or variable
        Story s = TestStories.withPrompt(story("big-prompt", fixture), "Big", huge);
        String agent = "cp {promptFile} got.txt && cmp {promptFile} \"$ANVIL_PROMPT_FILE\" && test -z \"${ANVIL_PROMPT:-}\"";
        CommandExecutor executor = new CommandExecutor(agent, Map.of(), null);
        assertThat(executor.promptProblem(s)).isNull();
        RecordOutcome o = new Recorder(repo, executor, with(TestStories.settings(home), true, false, 1, null), null)
                .record(List.of(s));
        StoryResult r = result(o, "big-prompt");
        assertThat(r.status()).as(r.errorMessage()).isEqualTo(ResultStatus.PASSED);
        assertThat(Files.readString(Path.of(r.worktreePath()).resolve("got.txt"))).isEqualTo("Big\n\n" + huge);
        assertThat(Files.readString(Path.of(r.logPath()))).contains("ANVIL_PROMPT is not set, ANVIL_PROMPT_FILE names the file");

        assertThat(new CommandExecutor("agent {prompt}", Map.of(), null).promptProblem(s))
                .startsWith("its prompt makes the agent command ")
                .endsWith(" bytes long, over the OS limit of 131072 bytes for one argument: use {promptFile} "
                        + "(or $ANVIL_PROMPT_FILE) instead of {prompt}");
    }

    @Test
    void anAgentCommandThatQuotesAPlaceholderIsRefusedWithTheReason() {
        for (String command : List.of("agent \"{prompt}\"", "agent --id '{storyId}'", "agent \"--prompt={prompt}\" x")) {
            assertThatThrownBy(() -> new CommandExecutor(command, Map.of(), null))
                    .hasMessageContaining("inside quotes: placeholders are replaced by values that are already shell-quoted")
                    .hasMessageContaining("(inside quotes the story's text would run as shell commands)");
        }
        assertThatThrownBy(() -> new CommandExecutor("agent \"{prompt}\"", Map.of(), null))
                .hasMessage("agent command `agent \"{prompt}\"` puts \"{prompt}\" inside quotes: placeholders are replaced by "
                        + "values that are already shell-quoted, so write {prompt} without quotes (inside quotes the "
                        + "story's text would run as shell commands)");
        // shell variables, unknown names and quoted text without placeholders are fine
        new CommandExecutor("agent {prompt} --note \"it's ${HOME}\" '{unknown}' \"${storyId}\"", Map.of(), null);
    }

    private static String sh(Path dir, String command) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void eachResultIsCommittedBeforeTheNextStoryIsReported() {
        List<Integer> committedWhenReported = new ArrayList<>();
        RecordListener listener = new RecordListener() {
            @Override
            public void storyFinished(Story story, StoryResult result, int done, int total) {
                committedWhenReported.add(repo.results(result.runId()).size());
            }
        };
        record(TestStories.settings(home), listener, story("write-a", fixture), story("write-b", fixture), story("write-c", fixture));
        assertThat(committedWhenReported).containsExactly(1, 2, 3);
    }

    @Test
    void failFastStopsStartingStoriesAndRecordsTheRestAsSkipped() {
        RecordOutcome o = record(with(TestStories.settings(home), false, true, 1, null), null,
                story("write-1", fixture), story("fail-2", fixture), story("write-3", fixture), story("write-4", fixture));
        assertThat(o.run().passed()).isEqualTo(1);
        assertThat(o.run().skipped()).isEqualTo(2);
        assertThat(result(o, "write-3").status()).isEqualTo(ResultStatus.SKIPPED);
        assertThat(result(o, "write-3").errorMessage()).contains("--fail-fast").contains("fail-2");
        assertThat(home.resolve("worktrees").resolve(o.run().shortId()).resolve("write-3")).doesNotExist();
    }

    @Test
    void parallelRunsRecordEveryStoryExactlyOnceInItsOwnWorktree() {
        List<Story> stories = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            stories.add(story("write-" + i, fixture, expect("file_exists", "path", "NEW.md"), expect("file_exists", "path", "../NEW.md")));
        }
        RecordOutcome o = new Recorder(repo, new CommandExecutor(AGENT, Map.of(), null),
                with(TestStories.settings(home), false, false, 4, null), null).record(stories);
        List<StoryResult> results = repo.results(o.run().id());
        assertThat(results).hasSize(12);
        assertThat(results).extracting(StoryResult::storyId).doesNotHaveDuplicates();
        assertThat(results).extracting(StoryResult::worktreePath).doesNotHaveDuplicates();
        assertThat(o.run().failed()).isEqualTo(12);
    }

    @Test
    void interruptingStopsTheStoryInFlightRecordsItAndMarksTheRunInterrupted() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        RecordListener listener = new RecordListener() {
            @Override
            public void storyStarted(Story story) {
                if (story.id().startsWith("hang")) {
                    started.countDown();
                }
            }
        };
        Recorder recorder = new Recorder(repo, new CommandExecutor(AGENT, Map.of(), null), TestStories.settings(home), listener);
        AtomicReference<RecordOutcome> outcome = new AtomicReference<>();
        Thread t = new Thread(() -> outcome.set(recorder.record(List.of(story("write-1", fixture), story("hang-3", fixture),
                story("write-never", fixture)))));
        t.start();
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        awaitChildPidFile("hang-3.child");
        recorder.interrupt();
        t.join(30_000);

        RecordOutcome o = outcome.get();
        assertThat(o.run().status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(o.exitCode()).isEqualTo(130);
        assertThat(repo.findRun(o.run().id()).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(repo.results(o.run().id())).extracting(StoryResult::storyId).containsExactly("write-1", "hang-3");
        StoryResult inFlight = result(o, "hang-3");
        assertThat(inFlight.status()).isEqualTo(ResultStatus.ERROR);
        assertThat(inFlight.errorMessage()).isEqualTo("interrupted");
        long child = Long.parseLong(Files.readString(home.resolve("worktrees").resolve(o.run().shortId()).resolve("hang-3.child")).trim());
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void interruptingTheCallingThreadStopsTheRunAndStillWaitsForTheStoryInFlightToBeRecorded() throws Exception {
        Recorder recorder = new Recorder(repo, new CommandExecutor(AGENT, Map.of(), null), TestStories.settings(home), null);
        AtomicReference<RecordOutcome> outcome = new AtomicReference<>();
        AtomicReference<Boolean> flagAfter = new AtomicReference<>();
        Thread t = new Thread(() -> {
            outcome.set(recorder.record(List.of(story("hang-c", fixture), story("write-never", fixture))));
            flagAfter.set(Thread.currentThread().isInterrupted());
        });
        t.start();
        awaitChildPidFile("hang-c.child");
        t.interrupt();
        t.join(30_000);

        RecordOutcome o = outcome.get();
        assertThat(o.run().status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(repo.results(o.run().id())).extracting(StoryResult::errorMessage).containsExactly("interrupted");
        assertThat(flagAfter.get()).as("the caller's interrupt status is kept").isTrue();
    }

    @Test
    void interruptingAParallelRunRecordsEveryStoryInFlight() throws Exception {
        Recorder recorder = new Recorder(repo, new CommandExecutor(AGENT, Map.of(), null),
                with(TestStories.settings(home), false, false, 2, null), null);
        AtomicReference<RecordOutcome> outcome = new AtomicReference<>();
        Thread t = new Thread(() -> outcome.set(recorder.record(List.of(story("hang-a", fixture), story("hang-b", fixture),
                story("write-never", fixture)))));
        t.start();
        awaitChildPidFile("hang-a.child");
        awaitChildPidFile("hang-b.child");
        recorder.interrupt();
        t.join(30_000);

        RecordOutcome o = outcome.get();
        assertThat(o.run().status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(repo.results(o.run().id())).extracting(StoryResult::storyId).containsExactlyInAnyOrder("hang-a", "hang-b");
        assertThat(repo.results(o.run().id())).allSatisfy(r -> assertThat(r.errorMessage()).isEqualTo("interrupted"));
    }

    @Test
    void theRunKeepsItsMetadataAndEachResultItsProvenance() {
        RecordSettings s = TestStories.settings(home);
        RecordSettings labelled = new RecordSettings("nightly", "model-x", "abc123", s.worktreeRoot(), s.logRoot(),
                false, false, 1, null, s.languages(), false);
        RecordOutcome o = new Recorder(repo, new CommandExecutor(AGENT, Map.of(), null), labelled, null)
                .record(List.of(story("write-1", fixture)));
        Run run = repo.findRun(o.run().id()).orElseThrow();
        assertThat(run.mode()).isEqualTo("nightly");
        assertThat(run.label()).isEqualTo("model-x");
        assertThat(run.sutRevision()).isEqualTo("abc123");
        assertThat(run.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(run.host()).isNotBlank();
        assertThat(run.anvilVersion()).isNotBlank();
        assertThat(run.completedAt()).isNotNull();
        StoryResult r = result(o, "write-1");
        assertThat(r.storyHash()).isEqualTo("hash-write-1");
        assertThat(r.language()).isEqualTo("java");
        assertThat(r.durationMs()).isNotNull();
        assertThat(Path.of(r.logPath()).getParent()).isEqualTo(home.resolve("logs").resolve(o.run().shortId()));
    }

    @Test
    void theSummaryKnowsWhatChangedSinceThePreviousRunOfTheMode() {
        Story a = story("write-a", fixture, expect("file_exists", "path", "NEW.md"));
        Story b = story("write-b", fixture, expect("file_exists", "path", "MISSING.md"));
        record(a, b);
        Story aNowFails = story("write-a", fixture, expect("file_exists", "path", "MISSING.md"));
        Story bNowPasses = story("write-b", fixture, expect("file_exists", "path", "NEW.md"));
        RecordOutcome second = record(aNowFails, bNowPasses);

        assertThat(second.changes().previous()).isPresent();
        assertThat(second.changes().newlyFailing()).containsExactly("write-a");
        assertThat(second.changes().newlyPassing()).containsExactly("write-b");
    }

    /** Waits until the hanging agent has started its child (so the interrupt meets a running agent). */
    private void awaitChildPidFile(String name) throws Exception {
        for (int i = 0; i < 600; i++) {
            try (var files = Files.walk(home.resolve("worktrees"))) {
                if (files.anyMatch(p -> p.getFileName().toString().equals(name) && p.toFile().length() > 0)) {
                    return;
                }
            } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException e) {
                // the worktree folder is being made
            }
            Thread.sleep(50);
        }
        throw new AssertionError(name + " never appeared");
    }
}
