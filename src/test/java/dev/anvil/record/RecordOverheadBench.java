package dev.anvil.record;

import dev.anvil.cli.Main;
import dev.anvil.history.ExpectationResult;
import dev.anvil.history.ResultStatus;
import dev.anvil.record.expect.ExpectationContext;
import dev.anvil.record.expect.ExpectationEvaluator;
import dev.anvil.record.expect.LanguageCommands;
import dev.anvil.record.process.ShellCommand;
import dev.anvil.story.Expectation;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Anvil's own overhead per story (issue 3): {@code anvil record} of N stories whose agent is
 * {@code true} and whose one expectation is {@code file_exists}, against the anchor of what that
 * work costs by itself in the same JVM: N spawns of the agent exactly as Anvil spawns it, and N
 * file_exists checks; overhead = (record - anchor) / N. And in-run: the same suite through the
 * recorder, timing each agent process inside the run; overhead = (load + record - agent
 * processes - validators) / N, which does not drift with the machine's load between phases.
 * Run with src/bench/record-overhead.sh (exits 1 when the best in-run round is over 5 ms).
 */
public final class RecordOverheadBench {
    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path tmp = Files.createTempDirectory("anvil-bench");
        Path suite = tmp.resolve("suite");
        Path stories = Files.createDirectories(suite.resolve("stories"));
        Path fixture = Files.createDirectories(suite.resolve("fixtures/app"));
        Files.writeString(fixture.resolve("README.md"), "fixture\n");
        Files.writeString(fixture.resolve("App.java"), "class App {}\n");
        for (int i = 0; i < n; i++) {
            Files.writeString(stories.resolve(String.format("s%05d.yaml", i)), "name: s" + i + "\nlanguage: java\n"
                    + "repository: fixtures/app\nstory: {title: t, description: d}\n"
                    + "expectations:\n  - type: file_exists\n    path: README.md\n");
        }
        System.out.printf(Locale.ROOT, "suite of %d stories in %s; %d rounds; process groups: %s%n", n, suite, rounds,
                ShellCommand.usesProcessGroups());
        warmUp(tmp, suite, fixture);
        double best = Double.MAX_VALUE;
        double bestInRun = Double.MAX_VALUE;
        for (int round = 1; round <= rounds; round++) {
            double anchorMs = anchor(tmp, fixture, n);
            double recordMs = record(tmp.resolve("db-" + round + "/anvil.db"), stories);
            double loadMs = load(stories);
            double[] inRun = inRun(tmp.resolve("inrun-" + round), stories);
            System.out.printf(Locale.ROOT, "round %d in-run: load + record %.0f ms, agent processes %.0f ms, validators %.0f ms, "
                    + "Anvil overhead %.2f ms/story%n", round, inRun[0], inRun[1], inRun[2], (inRun[0] - inRun[1] - inRun[2]) / n);
            bestInRun = Math.min(bestInRun, (inRun[0] - inRun[1] - inRun[2]) / n);
            double perStory = (recordMs - anchorMs) / n;
            best = Math.min(best, perStory);
            System.out.printf(Locale.ROOT, "round %d: record %.0f ms, anchor (agent spawns + file_exists) %.0f ms, "
                    + "ratio %.2f, Anvil overhead %.2f ms/story (of which loading and validating the files %.2f ms)%n",
                    round, recordMs, anchorMs, recordMs / anchorMs, perStory, loadMs / n);
        }
        System.out.printf(Locale.ROOT, "best overhead: %.2f ms per story against the anchor, %.2f ms measured in-run (budget 5 ms)%n",
                best, bestInRun);
        dev.anvil.record.worktree.WorktreeFactory.deleteTree(tmp);
        System.exit(bestInRun <= 5.0 ? 0 : 1);
    }

    private static void warmUp(Path tmp, Path suite, Path fixture) throws Exception {
        Path small = Files.createDirectories(tmp.resolve("warm/stories"));
        for (int i = 0; i < 200; i++) {
            Files.copy(suite.resolve("stories").resolve(String.format("s%05d.yaml", i)), small.resolve(i + ".yaml"));
        }
        Files.createDirectories(tmp.resolve("warm/fixtures"));
        Files.createSymbolicLink(tmp.resolve("warm/fixtures/app"), fixture);
        record(tmp.resolve("warm/anvil.db"), small);
        anchor(tmp, fixture, 200);
    }

    /**
     * The same suite through the recorder (as {@code record} runs it: one connection for the run),
     * timing inside the run what is not Anvil's: each agent process from spawn to exit, and each
     * file_exists check. Returns {load + record, agent, validators} in ms.
     */
    private static double[] inRun(Path home, Path stories) throws Exception {
        long t0 = System.nanoTime();
        try (dev.anvil.history.HistoryDatabase db = dev.anvil.history.HistoryDatabase.open(home.resolve("anvil.db"))) {
            return inRun(home, stories, db, t0);
        }
    }

    /**
     * The in-run measure into an open history (a file or a PostgreSQL server); {@code t0} is when
     * opening it began. Returns {load + record, agent, validators} in ms.
     */
    public static double[] inRun(Path home, Path stories, dev.anvil.history.HistoryDatabase db, long t0) throws Exception {
        java.util.List<dev.anvil.story.Story> loaded = new dev.anvil.story.StoryLoader().load(stories).stories();
        long[] agentNanos = new long[1];
        AgentExecutor command = new CommandExecutor("true", Map.of(), null);
        AgentExecutor timed = task -> {
            long a = System.nanoTime();
            try {
                return command.run(task);
            } finally {
                agentNanos[0] += System.nanoTime() - a;
            }
        };
        RecordSettings settings = new RecordSettings("bench", null, null, home.resolve("worktrees"), home.resolve("logs"),
                false, false, 1, null, new LanguageCommands(Map.of()), false);
        try (RecordingConnection connection = RecordingConnection.open(db)) {
            // as anvil record does it: the history's spool, heartbeat on its own connection
            Durability durability = Durability.of(dev.anvil.history.Spool.of(db, System.getenv()),
                    db.repository(), System.err::println);
            RecordOutcome o = new Recorder(connection.repository(), timed, settings, null).withDurability(durability)
                    .record(loaded);
            if (o.run().passed() != loaded.size()) {
                throw new IllegalStateException("not all passed: " + o.run());
            }
        }
        double total = (System.nanoTime() - t0) / 1e6;
        // the validators: the same number of file_exists checks, timed alone
        Path fixture = stories.getParent().resolve("fixtures/app");
        ExpectationEvaluator evaluator = new ExpectationEvaluator();
        Expectation exists = new Expectation("file_exists", null, Map.of("path", "README.md"), 1);
        ExpectationContext ctx = new ExpectationContext(fixture, null, null, false, new LanguageCommands(Map.of()),
                Duration.ofSeconds(60), home.resolve("v.log"), Map.of());
        long v0 = System.nanoTime();
        for (int i = 0; i < loaded.size(); i++) {
            evaluator.evaluate(0, exists, ctx);
        }
        double validators = (System.nanoTime() - v0) / 1e6;
        return new double[] {total, agentNanos[0] / 1e6, validators};
    }

    private static double load(Path stories) {
        long t0 = System.nanoTime();
        int loaded = new dev.anvil.story.StoryLoader().load(stories).stories().size();
        if (loaded == 0) {
            throw new IllegalStateException("no stories loaded");
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double record(Path db, Path stories) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        long t0 = System.nanoTime();
        int code = cl.execute("--db", db.toString(), "record", stories.toString(), "--mode", "bench",
                "--agent-command", "true", "--quiet");
        long t1 = System.nanoTime();
        if (code != 0) {
            throw new IllegalStateException("record exited " + code + ": " + err);
        }
        return (t1 - t0) / 1e6;
    }

    /** The work that is not Anvil's: the agent, spawned as Anvil spawns it, and the validator. */
    public static double anchor(Path tmp, Path fixture, int n) throws Exception {
        Path log = tmp.resolve("anchor.log");
        Files.deleteIfExists(log);
        Files.createFile(log);
        ExpectationEvaluator evaluator = new ExpectationEvaluator();
        Expectation exists = new Expectation("file_exists", null, Map.of("path", "README.md"), 1);
        ExpectationContext ctx = new ExpectationContext(fixture, null, null, false, new LanguageCommands(Map.of()),
                Duration.ofSeconds(60), log, Map.of());
        Map<String, String> env = Map.of("ANVIL_STORY_ID", "s", "ANVIL_PROMPT", "t\n\nd", "ANVIL_MODE", "bench");
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (!ShellCommand.run("true", fixture, env, Duration.ofSeconds(60), log).succeeded()) {
                throw new IllegalStateException("true failed");
            }
            ExpectationResult r = evaluator.evaluate(0, exists, ctx);
            if (r.status() != ResultStatus.PASSED) {
                throw new IllegalStateException(r.message());
            }
        }
        return (System.nanoTime() - t0) / 1e6;
    }
}
