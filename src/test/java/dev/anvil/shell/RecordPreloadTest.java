package dev.anvil.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** record(...) from a snippet runs the demo suite through anvil record on the shell's own history. */
class RecordPreloadTest {
    @TempDir
    Path tmp;

    @Test
    void recordRunsTheSuiteOnThisHistoryAndTheTablesSeeTheNewRun() {
        Path stories = Path.of(System.getProperty("anvil.projectDir", "."), "examples", "stories").toAbsolutePath();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (AnvilShell shell = AnvilShell.start(new ShellOptions(tmp.resolve("h.db"), out, out, Map.of()))) {
            assertThat(shell.eval("runs().rowCount()").value()).isEqualTo(0);
            Evaluation e = shell.eval("record(\"" + stories + "\", \"--mode\", \"demo\")");
            assertThat(e.exception()).isNull();
            assertThat(e.value()).as(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(1); // the demo agent fails add-multiply
            assertThat(shell.eval("runs().rowCount()").value()).isEqualTo(1);
            Object total = shell.eval("(long) runs().intColumn(\"totalStories\").get(0)").value();
            assertThat(shell.eval("history.countResults()").value()).isEqualTo(total).isNotEqualTo(0L);
            assertThat(shell.eval("runs().stringColumn(\"mode\").get(0)").value()).isEqualTo("demo");
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("add-multiply");
    }
}
