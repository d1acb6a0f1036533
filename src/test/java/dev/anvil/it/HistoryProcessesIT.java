package dev.anvil.it;

import dev.anvil.testing.PackagedAnvil;
import dev.anvil.testing.PackagedAnvil.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar in real child processes: concurrent recorders and readers, and bad input. */
class HistoryProcessesIT {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path tmp;

    private Outcome anvil(String... args) throws Exception {
        return PackagedAnvil.in(tmp).run(args);
    }

    private static Process start(Path dir, List<String> command) throws IOException {
        return new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("out-" + System.nanoTime()).toFile())
                .redirectError(ProcessBuilder.Redirect.PIPE)
                .start();
    }

    @Test
    void twoRecorderProcessesAndAReaderProcessShareOneFile() throws Exception {
        Path db = tmp.resolve("shared.db");
        assertThat(anvil("--db", db.toString(), "db", "migrate").exitCode()).isZero();
        List<Process> recorders = new ArrayList<>();
        for (String mode : List.of("copilot-cli", "aura-agents")) {
            recorders.add(start(tmp, List.of(JAVA, "-cp", System.getProperty("java.class.path"),
                    "dev.anvil.history.RecorderProcess", db.toString(), mode, "400")));
        }
        int reads = 0;
        while (recorders.stream().anyMatch(Process::isAlive)) {
            Outcome o = anvil("--db", db.toString(), "runs", "--format", "csv");
            assertThat(o.err()).isEmpty();
            assertThat(o.exitCode()).isZero();
            reads++;
        }
        for (Process p : recorders) {
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(err).isZero();
            assertThat(err).doesNotContain("locked");
        }
        assertThat(reads).isPositive();
        Outcome listed = anvil("--db", db.toString(), "runs", "--format", "csv");
        assertThat(listed.out().lines().skip(1)).hasSize(2)
                .allSatisfy(l -> assertThat(l).contains(",400,300,100,0,0,0.75,").endsWith(",completed"));
    }

    @Test
    void aFileThatIsNotADatabaseGetsOneLineExitCodeTwoAndStaysByteForByteTheSame() throws Exception {
        Path file = tmp.resolve("thesis.docx");
        byte[] bytes = new byte[4096];
        new java.util.Random(7).nextBytes(bytes);
        Files.write(file, bytes);

        Outcome o = anvil("--db", file.toString(), "runs");

        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("anvil: " + file + ": not an SQLite database; it was left untouched. "
                + "Point --db or ANVIL_DB at an Anvil history.\n");
        assertThat(o.out()).isEmpty();
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
    }

    @Test
    void aMalformedOlderThanGetsOneLineAndExitCodeTwo() throws Exception {
        Outcome o = anvil("--db", tmp.resolve("a.db").toString(), "prune", "--older-than", "90 days");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err().lines()).singleElement().asString().startsWith("anvil: malformed --older-than '90 days'");
    }

    @Test
    void versionAndHelpAnswer() throws Exception {
        assertThat(anvil("--version").out()).startsWith("anvil ");
        assertThat(anvil("--help").out()).contains("runs", "show", "prune", "export", "import");
        assertThat(anvil("show", "--help").out()).contains("latest~N");
    }
}
