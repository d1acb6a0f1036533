package dev.anvil.it;

import dev.anvil.history.HistoryDatabase;
import dev.anvil.synthetic.GeneratorSpec;
import dev.anvil.synthetic.SyntheticHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The gate as GitHub Actions runs it: the packaged jar in a child process with $GITHUB_STEP_SUMMARY set. */
class GateJobSummaryIT {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path tmp;

    @Test
    void markdownIsPrintedAndAppendedToTheJobSummaryAndTheExitCodeIsTheVerdict() throws Exception {
        Path db = tmp.resolve("h.db");
        GeneratorSpec spec = new GeneratorSpec(5, 30, List.of("copilot-cli"), 40,
                GeneratorSpec.startEndingNow(40, Duration.ofHours(12)), Duration.ofHours(12),
                0.02, 0.02, 0.005, 0.1, 0.1, 0, 0, 0, 1.0, GeneratorSpec.LANGUAGES);
        try (HistoryDatabase h = HistoryDatabase.open(db)) {
            SyntheticHistory.generate(spec, h.repository());
        }
        Path summary = Files.writeString(tmp.resolve("step-summary.md"), "## Earlier step\n\n");

        ProcessBuilder pb = new ProcessBuilder(JAVA, "-jar", System.getProperty("anvil.jar"), "--db", db.toString(),
                "gate", "--format", "markdown").directory(tmp.toFile());
        pb.environment().put("GITHUB_STEP_SUMMARY", summary.toString());
        pb.redirectOutput(tmp.resolve("out.txt").toFile()).redirectError(tmp.resolve("err.txt").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        String out = Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out + Files.readString(tmp.resolve("err.txt"))).isEqualTo(1);
        assertThat(out).startsWith("## Anvil gate: ❌ failed").contains("### Regressions", "| Story | Mode | Since run |");
        assertThat(Files.readString(summary, StandardCharsets.UTF_8)).isEqualTo("## Earlier step\n\n" + out + "\n");
    }
}
