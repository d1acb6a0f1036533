package dev.anvil.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every notebook in {@code notebooks/} runs headless with Jupyter's own {@code jupyter nbconvert --execute}
 * on the Anvil kernel (installed with {@code anvil kernel install --prefix}), against a generated history
 * and against an empty one, without an error, and shows what it is for.
 */
@EnabledOnOs(OS.LINUX)
class NotebooksIT {
    /** What each notebook must show on a generated history; a new notebook needs an entry here. */
    private static final Map<String, List<String>> EXPECTED = Map.of(
            "weekly-review.ipynb", List.of("Open regressions", "firstFailingRunId", "this week", "Flaky this week", " -> ",
                    "Pass rate per week", "<table>"),
            "trend-exploration.ipynb", List.of("Pass rate per week and mode", "Pass rate per week, mode and language",
                    "Durations", "image/png", "<table>", "Story "),
            "mode-comparison.ipynb", List.of("Modes in the last 30 days: [aura-agents, copilot-cli, story-ui]",
                    "Pass rate per mode, last 30 days", "stories ran in every mode", "Head to head", "image/png"));

    @TempDir
    static Path tmp;
    static String jupyter;
    static Map<String, String> env;

    @BeforeAll
    static void installTheKernelAndGenerateAHistory() {
        JupyterTools.pythonWithJupyterClient();
        jupyter = JupyterTools.jupyter().orElse(null);
        assumeTrue(jupyter != null, "jupyter nbconvert is not installed (CI installs jupyter-nbconvert from Debian)");
        Path prefix = tmp.resolve("prefix");
        env = new HashMap<>(Map.of("JUPYTER_DATA_DIR", tmp.resolve("jupyter-data").toString(),
                "JUPYTER_PATH", prefix.resolve("share/jupyter").toString()));
        JupyterTools.Result install = JupyterTools.anvil(env, "kernel", "install", "--prefix", prefix.toString());
        assertThat(install.exitCode()).as(install.toString()).isZero();
        JupyterTools.Result generate = JupyterTools.anvil(env, "--db", tmp.resolve("generated.db").toString(),
                "generate", "--seed", "11", "--stories", "30", "--days", "30");
        assertThat(generate.exitCode()).as(generate.toString()).isZero();
    }

    static List<Path> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(JupyterTools.projectDir().resolve("notebooks"))) {
            return files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    @Test
    void everyNotebookHasExpectationsHere() throws IOException {
        assertThat(notebooks()).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    }

    @Test
    void everyNotebookRunsOnAGeneratedHistoryAndShowsItsTablesAndCharts() throws IOException {
        SoftAssertions softly = new SoftAssertions();
        for (Path notebook : notebooks()) {
            Executed run = execute(notebook, tmp.resolve("generated.db"), "generated");
            softly.assertThat(run.errors()).as(notebook + " ran into errors").isEmpty();
            for (String expected : EXPECTED.get(notebook.getFileName().toString())) {
                softly.assertThat(run.shown()).as(notebook + " shows " + expected).contains(expected);
            }
        }
        softly.assertAll();
    }

    @Test
    void everyNotebookSaysSoWhenTheHistoryIsEmptyInsteadOfFailing() throws IOException {
        SoftAssertions softly = new SoftAssertions();
        for (Path notebook : notebooks()) {
            Executed run = execute(notebook, tmp.resolve("empty.db"), "empty");
            softly.assertThat(run.errors()).as(notebook + " ran into errors").isEmpty();
            softly.assertThat(run.shown()).as(notebook.toString()).contains("has no runs yet");
        }
        softly.assertAll();
    }

    /** Errors (one line each) and everything shown: text, HTML, markdown, and the MIME types of the outputs. */
    record Executed(List<String> errors, String shown) {
    }

    private static Executed execute(Path notebook, Path database, String variant) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(variant));
        Path copy = Files.copy(notebook, dir.resolve(notebook.getFileName()));
        Map<String, String> runEnv = new HashMap<>(env);
        runEnv.put("ANVIL_DB", database.toString());
        JupyterTools.Result r = JupyterTools.run(List.of(jupyter, "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.timeout=600", "--allow-errors", "--output", "executed-" + notebook.getFileName(),
                copy.toString()), runEnv, dir, 900);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode executed = new ObjectMapper().readTree(dir.resolve("executed-" + notebook.getFileName()).toFile());
        assertThat(executed.path("metadata").path("kernelspec").path("name").asText()).isEqualTo("anvil");
        List<String> errors = new ArrayList<>();
        StringBuilder shown = new StringBuilder();
        Set<String> mimeTypes = new LinkedHashSet<>();
        for (JsonNode cell : executed.path("cells")) {
            for (JsonNode output : cell.path("outputs")) {
                String type = output.path("output_type").asText();
                if (type.equals("error")) {
                    errors.add(output.path("ename").asText() + ": " + output.path("evalue").asText()
                            + " in cell:\n" + text(cell.path("source")) + "\n" + output.path("traceback"));
                } else if (type.equals("stream")) {
                    shown.append(text(output.path("text"))).append('\n');
                } else {
                    output.path("data").fields().forEachRemaining(e -> {
                        mimeTypes.add(e.getKey());
                        if (e.getKey().startsWith("text/")) {
                            shown.append(text(e.getValue())).append('\n');
                        }
                    });
                }
            }
        }
        shown.append(String.join(" ", mimeTypes));
        return new Executed(errors, shown.toString());
    }

    /** nbformat keeps multi-line text as a list of lines. */
    private static String text(JsonNode node) {
        if (!node.isArray()) {
            return node.asText();
        }
        StringBuilder sb = new StringBuilder();
        node.forEach(line -> sb.append(line.asText()));
        return sb.toString();
    }
}
