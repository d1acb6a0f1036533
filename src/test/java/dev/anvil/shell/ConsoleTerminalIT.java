package dev.anvil.shell;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.anvil.analysis.Analyses;
import dev.anvil.history.HistoryDatabase;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code anvil console} in a real terminal: tmux runs the jar in a detached session, the test types
 * with send-keys and reads the screen with capture-pane, as a person at a terminal would see it.
 */
class ConsoleTerminalIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path tmp;
    private String session;

    @BeforeEach
    void needsTmuxAndTheJar() {
        assumeTrue(onPath("tmux"), "tmux is not installed here (.ci/run installs it): the terminal test needs it");
        String jar = System.getProperty("anvil.jar");
        assumeTrue(jar != null && Files.isRegularFile(Path.of(jar)), "the packaged jar (anvil.jar) is needed");
        session = "anvil-it-" + ProcessHandle.current().pid();
    }

    @AfterEach
    void killSession() throws Exception {
        if (session != null && run("tmux", "has-session", "-t", session) == 0) {
            run("tmux", "kill-session", "-t", session);
            sessionEnds();
        }
    }

    @Test
    void typedQueriesAnswerOnTheScreenAndTabCompletesPreloads() throws Exception {
        Path db = startConsole(160);
        String screen = waitFor(s -> s.contains("jshell>"));
        assertThat(screen).contains("Anvil console: history " + db).contains("120 runs, 3,600 story results");

        keys("runs().rowCount()", "Enter");
        assertThat(waitFor(s -> s.contains("==> 120"))).contains("$");

        keys("sq", "Tab");
        waitFor(s -> lastPromptLine(s).contains("sql("));
        keys("\"SELECT COUNT(*) AS n FROM TestRuns WHERE Mode = ?\", \"aura-agents\").intColumn(\"n\").get(0)", "Enter");
        assertThat(waitFor(s -> s.contains("==> 40"))).contains("==> 40");

        keys("regressions(lastW", "Tab");
        waitFor(s -> lastPromptLine(s).contains("regressions(lastWeek()"));
        keys(".mo", "Tab");
        waitFor(s -> lastPromptLine(s).contains("regressions(lastWeek().mode("));
        keys("C-u", "C-k");

        exitConsole();
    }

    /**
     * A table value at 120 and 200 columns: shown whole (its first and last rows, no " ... " cut by
     * JShell), its cells short, no line longer than the terminal (capture-pane -J joins wrapped
     * lines, so a wrapped line shows as a long one), and the columns left out named.
     */
    @ParameterizedTest
    @ValueSource(ints = {120, 200})
    void aTableValueFitsTheTerminalAndShowsItsFirstAndLastRows(int width) throws Exception {
        Path db = startConsole(width);
        waitFor(s -> s.contains("jshell>"));
        Table expected;
        try (HistoryDatabase history = HistoryDatabase.open(db)) {
            expected = new Analyses(history).regressions();
        }
        assertThat(expected.rowCount()).as("the generated history has regressions to show").isGreaterThan(1);
        int last = expected.rowCount() - 1;

        keys("var open = regressions()", "Enter");
        String screen = waitFor(s -> s.contains("open ==> regressions · " + expected.rowCount() + " rows") && s.trim().endsWith("jshell>"));

        String value = screen.substring(screen.indexOf("open ==> "));
        assertThat(value).contains(expected.stringColumn("storyId").get(0), expected.stringColumn("storyId").get(last))
                .contains(expected.stringColumn("firstFailingRunId").get(0).substring(0, 8) + "  ")
                .doesNotContain(expected.stringColumn("firstFailingRunId").get(0))
                .doesNotContain(" ... ");
        assertThat(lines(screen)).allSatisfy(l -> assertThat(l.length()).as("line: %s", l).isLessThanOrEqualTo(width));
        if (width == 120) {
            assertThat(value).contains("more columns: ").contains("pValue");
        }

        keys("runs()", "Enter");
        screen = waitFor(s -> s.contains("more rows: show($"));
        assertThat(screen).containsPattern("… 100 more rows: show\\(\\$\\d+\\) or \\$\\d+\\.print\\(120\\)");
        assertThat(lines(screen)).allSatisfy(l -> assertThat(l.length()).as("line: %s", l).isLessThanOrEqualTo(width));

        keys("flaky().first(3).print()", "Enter");
        screen = waitFor(s -> s.contains("-----") && s.trim().endsWith("jshell>"));
        assertThat(screen).as("Tablesaw's printout as the table it draws").doesNotContain("\\n").containsPattern("(?m)^-{10,}$");

        exitConsole();
    }

    private Path startConsole(int width) throws Exception {
        Path db = GeneratedHistory.copyTo(tmp);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = String.join(" ", java, "-Djava.util.prefs.userRoot=" + tmp.resolve("prefs"),
                "-jar", System.getProperty("anvil.jar"), "--db", db.toString(), "console");
        assertThat(run("tmux", "new-session", "-d", "-s", session, "-x", String.valueOf(width), "-y", "50", command)).isZero();
        return db;
    }

    private void exitConsole() throws Exception {
        keys("/exit", "Enter");
        // The tool saves its history into the prefs folder as it exits: wait for the session to
        // end so the console is really gone (and done writing) before the folder is removed.
        assertThat(sessionEnds()).as("the console exits on /exit").isTrue();
    }

    private static List<String> lines(String screen) {
        return List.of(screen.split("\n"));
    }

    private boolean sessionEnds() throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (run("tmux", "has-session", "-t", session) != 0) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private static String lastPromptLine(String screen) {
        String last = "";
        for (String line : screen.split("\n")) {
            if (line.contains("jshell>")) {
                last = line;
            }
        }
        return last;
    }

    private void keys(String... keys) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tmux", "send-keys", "-t", session));
        for (String k : keys) {
            if (k.equals("Enter") || k.equals("Tab") || k.startsWith("C-")) {
                cmd.add(k);
            } else {
                cmd.add("-l");
                cmd.add(k);
                assertThat(run(cmd.toArray(new String[0]))).isZero();
                cmd = new ArrayList<>(List.of("tmux", "send-keys", "-t", session));
            }
        }
        if (cmd.size() > 4) {
            assertThat(run(cmd.toArray(new String[0]))).isZero();
        }
    }

    private String waitFor(Predicate<String> ready) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = capture();
            if (ready.test(screen)) {
                return screen;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the screen never showed what was expected; it shows:\n" + screen);
    }

    private String capture() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tmux", "capture-pane", "-p", "-J", "-S", "-200", "-t", session)
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return text;
    }

    private static int run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static boolean onPath(String program) {
        try {
            return run("sh", "-c", "command -v " + program) == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
