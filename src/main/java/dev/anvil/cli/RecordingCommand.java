package dev.anvil.cli;

import dev.anvil.AnvilException;
import dev.anvil.config.AnvilConfig;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.Spool;
import dev.anvil.record.AgentExecutor;
import dev.anvil.record.AgentMode;
import dev.anvil.record.Durability;
import dev.anvil.record.ModeResolver;
import dev.anvil.record.RecordOutcome;
import dev.anvil.record.RecordSettings;
import dev.anvil.record.Recorder;
import dev.anvil.record.RecordingConnection;
import dev.anvil.record.RunPreflight;
import dev.anvil.record.SeriesGuard;
import dev.anvil.record.aura.AuraExecutor;
import dev.anvil.record.expect.LanguageCommands;
import dev.anvil.record.report.ConsoleReporter;
import dev.anvil.record.report.JUnitReport;
import dev.anvil.record.report.JsonReport;
import dev.anvil.report.RunReport;
import dev.anvil.story.Story;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/** What {@code record} and {@code rerun} share: how stories run, and how the run is shown. */
abstract class RecordingCommand extends HistoryCommand {
    enum Output { text, json }

    @Option(names = "--agent-command", paramLabel = "COMMAND",
            description = "Run the agent as this shell command (overrides the mode's command in anvil.yaml). "
                    + "Placeholders {prompt}, {storyId}, {worktree}, {storyFile}, {configDir} are replaced shell-quoted.")
    String agentCommand;

    @Option(names = "--aura-url", paramLabel = "URL", description = "Base URL of Aura for aura modes (default: the mode's auraUrl in anvil.yaml, then $"
            + ModeResolver.AURA_URL_ENV + ", then " + ModeResolver.DEFAULT_AURA_URL + ").")
    String auraUrl;

    @Option(names = "--label", paramLabel = "TEXT", description = "A label stored with the run (e.g. nightly, model-x).")
    String label;

    @Option(names = "--sut-revision", paramLabel = "REV", description = "Revision of the system under test, stored with the run.")
    String sutRevision;

    @Option(names = "--sut-repo", paramLabel = "DIR", description = "Read the revision of the system under test from this git repository's HEAD.")
    Path sutRepo;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Stop each story after this many seconds (overrides the stories' timeoutSeconds).")
    Integer timeoutSeconds;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1", description = "Run N stories at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--fail-fast", description = "Start no further story after the first that fails or errors (the rest are recorded as skipped).")
    boolean failFast;

    @Option(names = "--keep-worktrees", description = "Keep the worktrees of passed stories too (failed ones are always kept).")
    boolean keepWorktrees;

    @Option(names = "--worktrees", paramLabel = "DIR", description = "Where story worktrees go (default: 'worktrees' beside the database).")
    Path worktreesDir;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json: the ADR-013 report on stdout; progress then goes to stderr.")
    Output output;

    @Option(names = "--output-file", paramLabel = "FILE", description = "Also write the ADR-013 JSON report to FILE.")
    Path outputFile;

    @Option(names = "--junit", paramLabel = "FILE",
            description = "Also write the run as JUnit XML to FILE (one testcase per story, classname = the mode) for CI test reporters.")
    Path junitFile;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Also write the HTML report of the run to FILE (as 'anvil report' does).")
    Path reportFile;

    @Option(names = {"-q", "--quiet"}, description = "No progress or summary (the exit code and --output still tell).")
    boolean quiet;

    /** Records the stories as one run; returns the exit code (0 all passed, 1 failures, 130 interrupted). */
    int record(List<Story> stories, List<Path> suitePaths, String mode) {
        if (parallel < 1) {
            throw new AnvilException("--parallel must be at least 1 (got " + parallel + ")");
        }
        if (timeoutSeconds != null && timeoutSeconds < 1) {
            throw new AnvilException("--timeout must be at least 1 second (got " + timeoutSeconds + ")");
        }
        RunPreflight.check(stories);
        ModeResolver modes = ModeResolver.forStories(config(), suitePaths);
        AgentMode agentMode = modes.resolve(mode, agentCommand, auraUrl, auraFactory());
        List<String> promptProblems = RunPreflight.promptProblems(agentMode.executor(), stories);
        if (!promptProblems.isEmpty()) {
            promptProblems.forEach(err()::println);
            err().flush();
            throw new AnvilException(promptProblems.size() + " stor" + (promptProblems.size() == 1 ? "y" : "ies")
                    + " cannot be given to the agent command; nothing was recorded");
        }
        for (String warning : RunPreflight.fixtureWarnings(stories)) {
            err().println("warning: " + warning);
        }
        err().flush();
        String revision = sutRevision != null ? sutRevision : sutRepo == null ? null : RunPreflight.gitHead(sutRepo);
        try (HistoryDatabase db = openHistoryForWriting("record"); AgentExecutor executor = agentMode.executor()) {
            executor.checkReady();
            stories = SeriesGuard.distinct(db.repository(), stories, w -> err().println("warning: " + w));
            err().flush();
            Path home = db.path().getParent();
            Duration timeout = timeoutSeconds != null ? Duration.ofSeconds(timeoutSeconds)
                    : agentMode.timeoutSeconds() != null ? Duration.ofSeconds(agentMode.timeoutSeconds()) : null;
            RecordSettings settings = new RecordSettings(mode, label, revision,
                    worktreesDir != null ? worktreesDir.toAbsolutePath() : home.resolve("worktrees"),
                    home.resolve("logs"), keepWorktrees, failFast, parallel, timeout,
                    new LanguageCommands(modes.languages()), agentMode.aura());
            PrintWriter progress = output == Output.json ? err() : out();
            boolean live = !quiet && System.console() != null && output == Output.text;
            try (ConsoleReporter reporter = new ConsoleReporter(progress, db.display(), live, ConsoleReporter.unicodeStdout());
                 RecordingConnection connection = RecordingConnection.open(db)) {
                PrintWriter err = err();
                Durability durability = Durability.of(Spool.of(db, System.getenv()), db.repository(), line -> {
                    err.println("anvil: " + line);
                    err.flush();
                });
                Recorder recorder = new Recorder(connection.repository(), executor, settings, quiet ? null : reporter)
                        .withDurability(durability);
                return recordStoppingOnSignal(recorder, stories, db).exitCode();
            }
        }
    }

    /**
     * Runs the recorder with a shutdown hook: on Ctrl-C (SIGINT) or SIGTERM the JVM starts
     * shutting down, the hook interrupts the run and waits until the stories in flight are
     * recorded, the run is marked interrupted and the reports are written; the JVM then exits
     * with 130 (128 + SIGINT).
     */
    private RecordOutcome recordStoppingOnSignal(Recorder recorder, List<Story> stories, HistoryDatabase db) {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            recorder.interrupt();
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "anvil-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            RecordOutcome outcome = recorder.record(stories);
            writeReports(outcome);
            writeCiFiles(outcome, db);
            return outcome;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running and waits for us
            }
        }
    }

    private void writeReports(RecordOutcome outcome) {
        String json = null;
        if (output == Output.json) {
            json = JsonReport.toJson(outcome);
            out().println(json);
            out().flush();
        }
        if (outputFile != null) {
            try {
                Path parent = outputFile.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(outputFile, (json != null ? json : JsonReport.toJson(outcome)) + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new AnvilException("cannot write the report " + outputFile + ": " + e.getMessage(), e);
            }
        }
    }

    /** The JUnit XML and the HTML report, when asked for: what CI systems read after the run. */
    private void writeCiFiles(RecordOutcome outcome, HistoryDatabase db) {
        if (junitFile != null) {
            JUnitReport.write(junitFile, outcome.run(), outcome.results());
        }
        if (reportFile != null && outcome.waitingInSpool() != null) {
            // the report reads the history, which has not got the run's results (a server may still be away)
            err().println("anvil: " + reportFile + " is not written: the run's results wait in the spool; once the next "
                    + "command imported them: anvil report " + outcome.run().shortId() + " --output " + reportFile);
            err().flush();
        } else if (reportFile != null) {
            RunReport.write(db.jdbi(), db.name(), outcome.run().id(), RunReport.DEFAULT_SINCE,
                    reportFile);
        }
    }

    /** Makes the Aura executor for aura modes, from its base URL and the mode's anvil.yaml entry. */
    BiFunction<String, AnvilConfig.ModeConfig, AgentExecutor> auraFactory() {
        return AuraExecutor::new;
    }
}
