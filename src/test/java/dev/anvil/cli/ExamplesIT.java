package dev.anvil.cli;

import dev.anvil.testing.TreeHash;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Run;
import dev.anvil.history.StoryResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's first command, as a new user runs it: the launcher, examples/, the default database location. */
class ExamplesIT {
    @TempDir
    Path tmp;


    @Test
    void theFirstRunOfTheExamplesPassesMostStoriesAndFailsOneForARealReason() throws Exception {
        Path project = Path.of(System.getProperty("anvil.projectDir"));
        Path fixture = project.resolve("examples/fixtures/calculator");
        String before = TreeHash.of(fixture);
        // The default database lives in the data folder: point XDG_DATA_HOME (and HOME) at a temp folder.
        ProcessBuilder pb = new ProcessBuilder("./anvil", "record", "examples/stories", "--mode", "demo")
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("out.txt").toFile());
        pb.environment().remove("ANVIL_DB");
        pb.environment().put("XDG_DATA_HOME", tmp.resolve("data").toString());
        pb.environment().put("XDG_CONFIG_HOME", tmp.resolve("config").toString());
        pb.environment().put("ANVIL_CDS", "0");
        Process p = pb.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String out = Files.readString(tmp.resolve("out.txt"));

        assertThat(p.exitValue()).as(out).isEqualTo(1);
        Path db = tmp.resolve("data/anvil/anvil.db");
        assertThat(out).contains("mode demo", "4 stories", db.toString());
        assertThat(out).containsPattern("add-subtract +✓").containsPattern("greeting +✓").containsPattern("usage-doc +✓");
        assertThat(out).containsPattern("add-multiply +✗").contains("FAIL multiply(3, 4): expected 12 but was 7");
        assertThat(out).contains("3 passed, 1 failed, 0 errors, 0 skipped", "75.0% pass");
        try (HistoryDatabase h = HistoryDatabase.open(db)) {
            List<Run> runs = h.repository().listRuns(0, null);
            assertThat(runs).hasSize(1);
            assertThat(runs.get(0).mode()).isEqualTo("demo");
            List<StoryResult> results = h.repository().results(runs.get(0).id());
            StoryResult multiply = results.stream().filter(r -> r.storyId().equals("add-multiply")).findFirst().orElseThrow();
            assertThat(multiply.status()).isEqualTo(ResultStatus.FAILED);
            assertThat(multiply.errorMessage()).startsWith("tests_pass:");
            assertThat(multiply.generatedFiles()).containsExactly("src/Calculator.java", "test/MultiplyTest.java");
            assertThat(Path.of(multiply.worktreePath()).resolve("test/MultiplyTest.java")).exists();
        }
        assertThat(TreeHash.of(fixture)).as("the example fixture is never modified").isEqualTo(before);
    }
}
