package dev.anvil.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernel as Jupyter sees it: installed with {@code anvil kernel install}, started by Jupyter's own
 * client library (jupyter_client's KernelManager, from a Python script), and asked every message type.
 * One kernel serves all scenarios (a JVM per scenario would take minutes); each test judges one answer.
 */
@EnabledOnOs(OS.LINUX)
class KernelProtocolIT {
    @TempDir
    static Path tmp;

    static JsonNode answers;
    static String clientStderr;

    @BeforeAll
    static void driveTheKernelWithJupytersClient() throws Exception {
        String python = JupyterTools.pythonWithJupyterClient();
        Path data = tmp.resolve("jupyter");
        Map<String, String> env = Map.of("JUPYTER_DATA_DIR", data.toString(),
                "ANVIL_DB", tmp.resolve("history.db").toString());
        JupyterTools.Result install = JupyterTools.anvil(env, "kernel", "install", "--user");
        assertThat(install.exitCode()).as(install.toString()).isZero();
        assertThat(data.resolve("kernels/anvil/kernel.json")).exists();

        Path markers = Files.createDirectories(tmp.resolve("markers"));
        Path script = JupyterTools.projectDir().resolve("src/test/resources/dev/anvil/kernel/protocol_check.py");
        JupyterTools.Result r = JupyterTools.run(List.of(python, script.toString(), "anvil", markers.toString()),
                env, tmp, 600);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String json = r.out().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow(
                () -> new AssertionError("no answers from the client script\n" + r));
        answers = new ObjectMapper().readTree(json);
        clientStderr = r.err();
    }

    private static List<JsonNode> iopub(String scenario, String type) {
        List<JsonNode> out = new ArrayList<>();
        answers.path(scenario).path("iopub").forEach(m -> {
            if (m.path("msg_type").asText().equals(type)) {
                out.add(m.path("content"));
            }
        });
        return out;
    }

    private static String stream(String scenario, String name) {
        StringBuilder sb = new StringBuilder();
        iopub(scenario, "stream").stream().filter(c -> c.path("name").asText().equals(name))
                .forEach(c -> sb.append(c.path("text").asText()));
        return sb.toString();
    }

    @Test
    void kernelInfoSaysJavaWithTheJshellExtension() {
        JsonNode info = answers.path("kernel_info").path("reply");
        assertThat(info.path("status").asText()).isEqualTo("ok");
        assertThat(info.path("implementation").asText()).isEqualTo("anvil");
        assertThat(info.path("language_info").path("name").asText()).isEqualTo("java");
        assertThat(info.path("language_info").path("file_extension").asText()).isEqualTo(".jsh");
        assertThat(info.path("language_info").path("version").asText()).isEqualTo(String.valueOf(Runtime.version().feature()));
    }

    @Test
    void executeStreamsStdoutAndStderrAndPublishesTheLastValue() {
        assertThat(stream("streams", "stdout")).isEqualTo("hello from a cell\n");
        assertThat(stream("streams", "stderr")).isEqualTo("a warning\n");
        List<JsonNode> results = iopub("streams", "execute_result");
        assertThat(results).hasSize(1);
        assertThat(results.get(0).path("data").path("text/plain").asText()).isEqualTo("42");
        assertThat(answers.path("streams").path("reply").path("status").asText()).isEqualTo("ok");
    }

    @Test
    void aCompileErrorIsAnErrorWithItsLineAndMessage() {
        JsonNode reply = answers.path("compile_error").path("reply");
        assertThat(reply.path("status").asText()).isEqualTo("error");
        List<JsonNode> errors = iopub("compile_error", "error");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).path("ename").asText()).isEqualTo("CompilationError");
        String traceback = String.join("\n", texts(errors.get(0).path("traceback")));
        assertThat(traceback).contains("line 2: cannot find symbol", "int b = undefinedThing + 1;", "^");
    }

    @Test
    void anExceptionIsAnErrorNamedByItsClassWithTheCellLine() {
        List<JsonNode> errors = iopub("exception", "error");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).path("ename").asText()).isEqualTo("ArithmeticException");
        assertThat(errors.get(0).path("evalue").asText()).isEqualTo("/ by zero");
        assertThat(texts(errors.get(0).path("traceback"))).containsSequence(
                "java.lang.ArithmeticException: / by zero", "    at cell line 2: int b = a / 0;");
        assertThat(answers.path("exception").path("reply").path("status").asText()).isEqualTo("error");
    }

    @Test
    void completeOffersJshellsCandidatesForTheTextBeforeTheCursor() {
        JsonNode reply = answers.path("complete").path("reply");
        assertThat(reply.path("status").asText()).isEqualTo("ok");
        assertThat(texts(reply.path("matches"))).anyMatch(m -> m.startsWith("toUpperCase"));
        assertThat(reply.path("cursor_start").asInt()).isEqualTo(6);
        assertThat(reply.path("cursor_end").asInt()).isEqualTo(11);
    }

    @Test
    void inspectGivesTheSignature() {
        JsonNode reply = answers.path("inspect").path("reply");
        assertThat(reply.path("status").asText()).isEqualTo("ok");
        assertThat(reply.path("found").asBoolean()).isTrue();
        assertThat(reply.path("data").path("text/plain").asText()).contains("max(int");
    }

    @Test
    void isCompleteTellsCompleteIncompleteAndInvalidApart() {
        JsonNode r = answers.path("is_complete");
        assertThat(r.path("complete").path("reply").path("status").asText()).isEqualTo("complete");
        assertThat(r.path("incomplete").path("reply").path("status").asText()).isEqualTo("incomplete");
        assertThat(r.path("invalid").path("reply").path("status").asText()).isEqualTo("invalid");
    }

    @Test
    void aTableIsShownAsAnHtmlTableAndAsText() {
        List<JsonNode> results = iopub("table", "execute_result");
        assertThat(results).hasSize(1);
        String html = results.get(0).path("data").path("text/html").asText();
        assertThat(html).contains("<table>", "<th>one</th><th>two</th>", "a&lt;b");
        assertThat(results.get(0).path("data").path("text/plain").asText()).contains("one", "two", "a<b");
    }

    @Test
    void aChartDrawnByPlotIsShownAsAPngImage() {
        List<JsonNode> results = iopub("image", "execute_result");
        assertThat(results).hasSize(1);
        byte[] png = Base64.getDecoder().decode(results.get(0).path("data").path("image/png").asText());
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }

    @Test
    void anSvgChartIsShownAsSvgText() {
        List<JsonNode> results = iopub("svg", "execute_result");
        assertThat(results).hasSize(1);
        assertThat(results.get(0).path("data").path("image/svg+xml").asText())
                .startsWith("<svg").contains("<title>Pass rate by mode").endsWith("</svg>\n");
    }

    @Test
    void aCellSwitchesTheDatabaseWithUse() {
        String shown = iopub("use", "execute_result").get(0).path("data").path("text/plain").asText();
        assertThat(shown).contains(answers.path("use_db").asText());
        assertThat(Path.of(answers.path("use_db").asText())).exists();
    }

    @Test
    void showInACellDisplaysItsTableThere() {
        List<JsonNode> shown = iopub("show", "display_data");
        assertThat(shown).anyMatch(d -> d.path("data").path("text/markdown").asText().contains("Two rows"));
        assertThat(shown).anyMatch(d -> d.path("data").path("text/html").asText().contains("<th>n</th>"));
    }

    @Test
    void interruptStopsARunningCellAndTheKernelCarriesOn() {
        JsonNode interrupted = answers.path("interrupt");
        assertThat(interrupted.path("reply").path("status").asText()).isIn("error", "aborted");
        assertThat(interrupted.path("seconds").asDouble()).isLessThan(30);
        List<JsonNode> errors = iopub("interrupt", "error");
        assertThat(errors).hasSize(1);
        assertThat(texts(errors.get(0).path("traceback"))).contains("    at cell line 2: while (true) { spins++; }")
                .noneMatch(line -> line.contains("dev.anvil.kernel") || line.contains("org.dflib"));
        assertThat(iopub("after_interrupt", "execute_result").get(0).path("data").path("text/plain").asText())
                .isEqualTo("2");
    }

    @Test
    void sigintStopsTheRunningCellNotTheKernel() {
        assertThat(answers.path("sigint").path("reply").path("status").asText()).isEqualTo("error");
        assertThat(iopub("after_sigint", "execute_result").get(0).path("data").path("text/plain").asText())
                .isEqualTo("4");
    }

    @Test
    void outputIsStreamedWhileTheCellRuns() {
        List<JsonNode> streams = new ArrayList<>();
        answers.path("streaming").path("iopub").forEach(m -> {
            if (m.path("msg_type").asText().equals("stream")) {
                streams.add(m);
            }
        });
        assertThat(streams).extracting(m -> m.path("content").path("text").asText()).containsExactly("first\n", "second\n");
        double gap = streams.get(1).path("t").asDouble() - streams.get(0).path("t").asDouble();
        assertThat(gap).as("seconds between the two lines arriving").isGreaterThan(1.0);
    }

    @Test
    void badlySignedAndUnsignedMessagesAreDroppedUnexecutedAndLogged() {
        assertThat(answers.path("bad_signature").path("replied").asBoolean()).isFalse();
        assertThat(answers.path("bad_signature").path("marker_exists").asBoolean()).isFalse();
        assertThat(answers.path("unsigned").path("replied").asBoolean()).isFalse();
        assertThat(answers.path("unsigned").path("marker_exists").asBoolean()).isFalse();
        assertThat(tmp.resolve("markers/bad-signature")).doesNotExist();
        assertThat(clientStderr).contains("dropped a shell message with an invalid or missing HMAC signature");
        assertThat(iopub("after_bad_signature", "execute_result").get(0).path("data").path("text/plain").asText())
                .isEqualTo("\"still serving\"");
    }

    @Test
    void itListensOnTheAddressAndPortsOfTheConnectionFileOnly() {
        String ip = answers.path("ip").asText();
        Set<String> expected = new HashSet<>();
        answers.path("ports").forEach(p -> expected.add(ip + ":" + p.asInt()));
        Set<String> listening = new HashSet<>();
        answers.path("listening").forEach(s -> listening.add(s.get(0).asText() + ":" + s.get(1).asInt()));
        assertThat(ip).isEqualTo("127.0.0.1");
        assertThat(listening).isEqualTo(expected);
    }

    @Test
    void shutdownRepliesAndEndsTheKernelProcess() {
        assertThat(answers.path("shutdown_reply").path("restart").asBoolean(true)).isFalse();
        assertThat(answers.path("alive_after_shutdown").asBoolean()).isFalse();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
