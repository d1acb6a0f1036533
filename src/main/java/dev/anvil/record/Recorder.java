package dev.anvil.record;

import dev.anvil.Version;
import dev.anvil.history.ExpectationResult;
import dev.anvil.history.HistoryRepository;
import dev.anvil.history.Hosts;
import dev.anvil.history.Ids;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Run;
import dev.anvil.history.RunChanges;
import dev.anvil.history.RunStart;
import dev.anvil.history.RunStatus;
import dev.anvil.history.StoryResult;
import dev.anvil.history.Timestamps;
import dev.anvil.record.expect.ExpectationContext;
import dev.anvil.record.expect.ExpectationEvaluator;
import dev.anvil.record.worktree.Worktree;
import dev.anvil.record.worktree.WorktreeFactory;
import dev.anvil.story.Expectation;
import dev.anvil.story.Story;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records one run: writes the run row, runs each story (worktree, agent, expectations), commits
 * each result as its story ends, and writes the totals at the end. {@link #interrupt()} (Ctrl-C)
 * stops the stories in flight, records them as errors and marks the run interrupted.
 */
public final class Recorder {
    static final String INTERRUPTED = RunChanges.INTERRUPTED;

    private final HistoryRepository repo;
    private final AgentExecutor executor;
    private final RecordSettings settings;
    private final RecordListener listener;
    private final WorktreeFactory worktrees;
    private final ExpectationEvaluator evaluator = new ExpectationEvaluator();

    private final Set<Thread> workers = ConcurrentHashMap.newKeySet();
    private final Object commitLock = new Object();
    private volatile boolean interrupted;
    private volatile String failFastCause;
    private Durability durability;

    public Recorder(HistoryRepository repo, AgentExecutor executor, RecordSettings settings, RecordListener listener) {
        this.repo = repo;
        this.executor = executor;
        this.settings = settings;
        this.listener = listener == null ? RecordListener.NONE : listener;
        this.worktrees = new WorktreeFactory(settings.worktreeRoot());
        this.durability = Durability.none();
    }

    /** Keeps results through history failures as {@code d} says (spool, retries, heartbeat). */
    public Recorder withDurability(Durability d) {
        this.durability = d;
        return this;
    }

    /** Stops the run: stories in flight are stopped (process trees included) and recorded as errors. */
    public void interrupt() {
        interrupted = true;
        workers.forEach(Thread::interrupt);
    }

    public RecordOutcome record(List<Story> stories) {
        // An idle connection held for the whole run: SQLite checkpoints the WAL and deletes it when
        // the last connection closes, which would otherwise happen after every committed result.
        try (org.jdbi.v3.core.Handle keepAlive = repo.jdbi().open()) {
            return recordRun(stories);
        }
    }

    private RecordOutcome recordRun(List<Story> stories) {
        RunStart start = new RunStart(Ids.newId(), Timestamps.now(), settings.mode(), settings.label(),
                settings.sutRevision(), Hosts.localName(), ProcessHandle.current().pid(), Version.get());
        DurableRun writer = new DurableRun(repo, durability, start.id());
        Run run = writer.start(start);
        try (Heartbeat beat = durability.heartbeats() == null ? null
                : Heartbeat.start(durability.heartbeats(), run.id(), durability.beatEvery())) {
            return recordRun(stories, run, writer);
        } finally {
            writer.release();
        }
    }

    private RecordOutcome recordRun(List<Story> stories, Run run, DurableRun writer) {
        listener.runStarted(run, stories);
        List<StoryResult> results = Collections.synchronizedList(new ArrayList<>());
        Map<String, Story> storyOf = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(settings.parallel(), r -> {
            Thread t = new Thread(r, "anvil-story");
            t.setDaemon(true);
            return t;
        });
        boolean callerInterrupted = false;
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Story story : stories) {
                futures.add(pool.submit(() -> {
                    workers.add(Thread.currentThread());
                    try {
                        StoryResult r = runOne(run, story);
                        if (r != null) {
                            storyOf.put(r.id(), story);
                            synchronized (commitLock) {
                                Thread.interrupted(); // the commit must happen even after Ctrl-C
                                writer.append(r);
                                results.add(r);
                                listener.storyFinished(story, r, done.incrementAndGet(), stories.size());
                            }
                        }
                    } finally {
                        workers.remove(Thread.currentThread());
                        Thread.interrupted();
                    }
                }));
            }
            pool.shutdown();
            for (Future<?> f : futures) {
                // Interrupting the caller stops the run, but it still waits for the stories in flight to be recorded.
                while (true) {
                    try {
                        f.get();
                        break;
                    } catch (InterruptedException e) {
                        callerInterrupted = true;
                        interrupt();
                    } catch (ExecutionException e) {
                        Throwable cause = e.getCause();
                        throw cause instanceof RuntimeException ? (RuntimeException) cause : new IllegalStateException(cause);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        worktrees.removeRunFolderIfEmpty(run.shortId());
        Run finished = writer.finish(interrupted ? RunStatus.INTERRUPTED : RunStatus.COMPLETED, Timestamps.now(), results);
        Path waiting = null;
        if (writer.spooled()) {
            finished = drainOwnSpool(writer, finished);
            waiting = writer.spoolPaths().stream().filter(Files::exists).reduce((first, last) -> last).orElse(null);
        }
        // Against a history that lacks this run's results, "what changed" would be wrong: not asked.
        RunChanges changes = waiting == null ? changes(finished)
                : new RunChanges(java.util.Optional.empty(), List.of(), List.of());
        RecordOutcome outcome = new RecordOutcome(finished, List.copyOf(results), Map.copyOf(storyOf), changes, waiting);
        listener.runFinished(outcome);
        if (callerInterrupted) {
            Thread.currentThread().interrupt();
        }
        return outcome;
    }

    /**
     * The run went to the spool: now that it is finished, the history may answer again (a lock
     * released, space freed); import the spool at once if so, else say where it waits.
     */
    private Run drainOwnSpool(DurableRun writer, Run finished) {
        java.nio.file.Path spool = writer.spoolPath();
        writer.release();
        try {
            dev.anvil.history.Spool.DrainReport report = durability.spool().drainInto(repo.jdbi());
            boolean imported = !writer.spoolPaths().isEmpty() && writer.spoolPaths().stream().noneMatch(Files::exists);
            if (imported) {
                // this run's own spool, with any an earlier recording left: not "left by an earlier recording"
                durability.notices().accept("the history answers again: the spooled results are imported ("
                        + report.results() + " result(s)" + (report.files() > 1 ? " from " + report.files() + " spool files" : "")
                        + ")");
                return repo.findRun(finished.id()).orElse(finished);
            }
        } catch (RuntimeException e) {
            // still unreachable: the spool waits for the next command
        }
        durability.notices().accept("the history could not take every result; they wait in the spool "
                + (spool == null ? "(none could be written)" : spool)
                + ", which the next anvil command that opens the history imports");
        return finished;
    }

    /** What changed against the previous run; nothing known when the history cannot say. */
    private RunChanges changes(Run finished) {
        try {
            return RunChanges.of(repo, finished);
        } catch (RuntimeException e) {
            return new RunChanges(java.util.Optional.empty(), List.of(), List.of());
        }
    }

    /** Runs one story; null when the run was interrupted before it started. */
    private StoryResult runOne(Run run, Story story) {
        if (interrupted) {
            return null;
        }
        String cause = failFastCause;
        if (cause != null) {
            return result(run, story, Timestamps.now(), 0, ResultStatus.SKIPPED,
                    "not run: --fail-fast stopped the run after " + cause + " did not pass", List.of(),
                    skippedExpectations(story, "not checked: the story did not run"), null, null);
        }
        listener.storyStarted(story);
        StoryResult r = execute(run, story);
        if (settings.failFast() && r.status() != ResultStatus.PASSED && r.status() != ResultStatus.SKIPPED) {
            failFastCause = story.id();
        }
        return r;
    }

    StoryResult execute(Run run, Story story) {
        Instant executedAt = Timestamps.now();
        long start = System.nanoTime();
        Path log = null;
        Worktree worktree = null;
        Path workDir = null;
        ResultStatus status;
        String message;
        List<ExpectationResult> expectations;
        List<String> generated = List.of();
        AgentOutcome agent = null;
        try {
            Path logDir = settings.logRoot().resolve(run.shortId());
            Files.createDirectories(logDir);
            log = createLog(logDir, story.id());
            Duration timeout = settings.timeoutOverride() != null ? settings.timeoutOverride() : story.timeout();
            if (executor.needsWorktree()) {
                worktree = worktrees.create(run.shortId(), story.id(), story.repository(), log);
                workDir = worktree.path();
            }
            AgentOutcome outcome = executor.run(new AgentTask(story, settings.mode(), workDir, log, timeout));
            agent = outcome;
            if (outcome.worktree() != null) {
                workDir = outcome.worktree();
            }
            // What the agent changed, before build and test commands add their own outputs.
            generated = generatedFiles(worktree, workDir, log);
            switch (outcome.kind()) {
                case TIMED_OUT:
                case CRASHED:
                    status = ResultStatus.ERROR;
                    message = outcome.message();
                    expectations = skippedExpectations(story, "not checked: " + outcome.kind().name().toLowerCase().replace('_', ' '));
                    break;
                default:
                    if (workDir == null) {
                        status = ResultStatus.ERROR;
                        message = "the executor reported no worktree to validate";
                        expectations = skippedExpectations(story, "not checked: no worktree");
                        break;
                    }
                    expectations = evaluate(story, outcome, workDir, log, timeout);
                    ExpectationResult firstError = first(expectations, ResultStatus.ERROR);
                    ExpectationResult firstFailure = first(expectations, ResultStatus.FAILED);
                    if (outcome.kind() == AgentOutcome.Kind.FAILED) {
                        status = ResultStatus.FAILED;
                        message = outcome.message();
                    } else if (firstError != null) {
                        status = ResultStatus.ERROR;
                        message = describe(firstError);
                    } else if (firstFailure != null) {
                        status = ResultStatus.FAILED;
                        message = describe(firstFailure);
                    } else {
                        status = ResultStatus.PASSED;
                        message = null;
                    }
                    if (outcome.kind() == AgentOutcome.Kind.COMPLETED && status != ResultStatus.PASSED
                            && outcome.message() != null) {
                        message = message == null ? outcome.message() : message + " (" + outcome.message() + ")";
                    }
            }
        } catch (InterruptedException e) {
            Thread.interrupted();
            status = ResultStatus.ERROR;
            message = INTERRUPTED;
            expectations = skippedExpectations(story, "not checked: interrupted");
        } catch (IOException | RuntimeException e) {
            boolean byInterrupt = interrupted || Thread.interrupted() || e instanceof java.nio.channels.ClosedByInterruptException;
            status = ResultStatus.ERROR;
            message = byInterrupt ? INTERRUPTED : "infrastructure: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            expectations = skippedExpectations(story, "not checked: " + message);
        }
        if (interrupted && status != ResultStatus.PASSED) {
            // Ctrl-C arrived while the story was in flight: whatever broke, the cause is the interrupt.
            status = ResultStatus.ERROR;
            message = INTERRUPTED;
        }
        if (agent != null) {
            // After the expectations: an executor's release (Aura's delete) may remove the worktree.
            agent.release().release(status != ResultStatus.PASSED && !interrupted || settings.keepWorktrees());
        }
        String kept = workDir == null ? null : workDir.toString();
        if (worktree == null && workDir != null && !Files.isDirectory(workDir)) {
            kept = null; // the executor's own worktree is gone (Aura removed it): never point at it
        }
        if (worktree != null && status == ResultStatus.PASSED && !settings.keepWorktrees()) {
            try {
                worktrees.discard(worktree);
                kept = null;
            } catch (IOException e) {
                // could not delete it: it stays, and its path is recorded so it can be found
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        StoryResult r = result(run, story, executedAt, ms, status, message, generated, expectations,
                log == null ? null : log.toString(), kept);
        return agent == null || agent.aura() == null ? r : r.withAura(agent.aura());
    }

    private List<ExpectationResult> evaluate(Story story, AgentOutcome outcome, Path workDir, Path log, Duration timeout)
            throws InterruptedException {
        ExpectationContext ctx = new ExpectationContext(workDir, story, outcome, settings.aura(), settings.languages(),
                timeout, log, environment(story, workDir));
        List<ExpectationResult> out = new ArrayList<>(story.expectations().size());
        int position = 0;
        for (Expectation e : story.expectations()) {
            out.add(evaluator.evaluate(position++, e, ctx));
        }
        return out;
    }

    private Map<String, String> environment(Story s, Path workDir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ANVIL_STORY_ID", s.id());
        env.put("ANVIL_WORKTREE", workDir.toString());
        if (workDir.toAbsolutePath().getParent() != null) {
            env.put("GIT_CEILING_DIRECTORIES", workDir.toAbsolutePath().getParent().toString());
        }
        env.put("ANVIL_LANGUAGE", s.language() == null ? "" : s.language());
        env.put("ANVIL_MODE", settings.mode());
        env.put("ANVIL_STORY_FILE", s.file() == null ? "" : s.file().toAbsolutePath().toString());
        return env;
    }

    private List<String> generatedFiles(Worktree worktree, Path workDir, Path log) throws IOException, InterruptedException {
        if (worktree != null) {
            return worktrees.generatedFiles(worktree, log);
        }
        if (workDir != null && Files.exists(workDir.resolve(".git"))) {
            return worktrees.generatedFiles(new Worktree(workDir, Worktree.Kind.GIT_CLONE, null, null), log);
        }
        return List.of();
    }

    /** Creates the story's log file; a second story with the same id (or a parallel one) gets a suffix. */
    private static Path createLog(Path dir, String storyId) throws IOException {
        String base = storyId == null ? "story" : storyId.replaceAll("[^A-Za-z0-9._-]+", "_");
        for (int i = 1; ; i++) {
            try {
                return Files.createFile(dir.resolve((i == 1 ? base : base + "-" + i) + ".log"));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // taken: try the next suffix
            }
        }
    }

    private static ExpectationResult first(List<ExpectationResult> list, ResultStatus status) {
        for (ExpectationResult e : list) {
            if (e.status() == status) {
                return e;
            }
        }
        return null;
    }

    private static String describe(ExpectationResult e) {
        return e.type() + ": " + e.message();
    }

    private static List<ExpectationResult> skippedExpectations(Story story, String why) {
        List<ExpectationResult> out = new ArrayList<>();
        int i = 0;
        for (Expectation e : story.expectations()) {
            out.add(new ExpectationResult(i++, e.type(), e.description(), ResultStatus.SKIPPED, why));
        }
        return out;
    }

    private static StoryResult result(Run run, Story story, Instant executedAt, long ms, ResultStatus status, String message,
                                      List<String> generated, List<ExpectationResult> expectations, String log, String worktree) {
        String path = story.file() == null ? story.id() : story.file().toAbsolutePath().normalize().toString();
        return new StoryResult(Ids.newId(), run.id(), story.id(), path, story.language() == null ? "unknown" : story.language(),
                status, ms, message, generated, executedAt, story.fileHash(), log, worktree, expectations);
    }
}
