package dev.anvil.record.aura;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anvil.cli.Cli;
import dev.anvil.history.AuraResult;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.IndexUsage;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Run;
import dev.anvil.history.RunDetail;
import dev.anvil.history.StoryResult;
import dev.anvil.frame.Frames;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code anvil record --mode aura-agents} end to end against the in-process Aura, with real git
 * worktrees that Aura's DELETE really removes, as a real Aura does.
 */
class AuraRecordTest {
    @TempDir
    Path tmp;
    String out;
    String err;
    Path db;
    Path stories;
    Path auraWorktrees;

    private int anvil(String... args) {
        Cli.Outcome o = Cli.run(args);
        out = o.out();
        err = o.err();
        return o.exitCode();
    }

    /** A story in the shape of the .NET Anvil's scenario files (snake_case expectation parameters). */
    private void scenario(String name, String title, String... expectations) throws IOException {
        Files.writeString(stories.resolve(name + ".yaml"), """
                name: %s
                description: %s, as a user would ask
                language: csharp
                repository: ../fixtures/app
                story:
                  title: %s
                  description: Implement %s in the greeter service.
                expectations:
                %s
                """.formatted(name, title, title, title, String.join("\n", expectations)));
    }

    @BeforeEach
    void suite() throws Exception {
        stories = Files.createDirectories(tmp.resolve("suite/stories"));
        Path fixture = Files.createDirectories(tmp.resolve("suite/fixtures/app"));
        Files.writeString(fixture.resolve("GreeterService.cs"), "class GreeterService {}\n");
        FakeAura.git(fixture, "init", "-q");
        FakeAura.git(fixture, "add", "-A");
        FakeAura.git(fixture, "commit", "-q", "-m", "fixture");
        db = tmp.resolve("history/anvil.db");
        auraWorktrees = tmp.resolve("aura-worktrees");
    }

    private static void write(Path worktree, String file, String text) {
        try {
            Files.writeString(worktree.resolve(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String finished(String status, String extra) {
        return """
                {"id":"{id}","status":"%s","worktreePath":"{worktree}"%s,"steps":[
                  {"id":"s1","order":1,"name":"Find","status":"Completed",
                   "output":"{\\"toolSteps\\":[{\\"action\\":\\"aura_search\\",\\"actionInput\\":\\"{}\\"},{\\"action\\":\\"read_file\\",\\"actionInput\\":\\"{\\\\\\"filePath\\\\\\":\\\\\\"GreeterService.cs\\\\\\"}\\"}]}"},
                  {"id":"s2","order":2,"name":"Edit","status":"Completed",
                   "output":"{\\"toolCalls\\":[{\\"toolName\\":\\"aura_navigate\\",\\"input\\":\\"{}\\"},{\\"toolName\\":\\"create_file\\",\\"input\\":\\"{\\\\\\"filePath\\\\\\":\\\\\\"Greet.cs\\\\\\"}\\"}]}"}
                ]}""".formatted(status, extra);
    }

    private Map<String, StoryResult> results(Path history) {
        try (HistoryDatabase h = HistoryDatabase.open(history)) {
            Run run = h.repository().listRuns(1, null).get(0);
            return h.repository().results(run.id()).stream().collect(Collectors.toMap(StoryResult::storyId, Function.identity()));
        }
    }

    @Test
    void eachStoryIsValidatedInAurasWorktreeBeforeItIsDeletedAndAFailedOnesWorktreeIsKept() throws Exception {
        scenario("greet", "Greet",
                "  - type: file_contains", "    description: Greet says hello", "    path: \"**/Greet.cs\"", "    pattern: Hello",
                "  - type: index_usage", "    description: uses the index", "    min_aura_tool_ratio: 0.6", "    max_steps_to_target: 4");
        scenario("farewell", "Farewell", "  - type: file_exists", "    description: Farewell exists", "    path: Farewell.cs");
        scenario("rescued", "Rescued", "  - type: file_exists", "    description: the file is there", "    path: Rescued.cs");
        scenario("cancelled", "Cancelled", "  - type: file_exists", "    path: GreeterService.cs");
        scenario("nowhere", "Nowhere", "  - type: file_exists", "    path: GreeterService.cs");
        try (FakeAura aura = new FakeAura()) {
            aura.realWorktrees(auraWorktrees)
                    .agent("Greet", wt -> write(wt, "Greet.cs", "class Greet { string Hi() => \"Hello\"; }"))
                    .agent("Rescued", wt -> write(wt, "Rescued.cs", "class Rescued {}"))
                    .statesFor("Greet", "{\"id\":\"{id}\",\"status\":\"Running\"}", finished("Completed", ""))
                    .statesFor("Farewell", finished("Failed", ",\"error\":\"step 2 failed\""))
                    .statesFor("Rescued", finished("GateFailed", ""))
                    .statesFor("Cancelled", finished("Cancelled", ""))
                    .statesFor("Nowhere", "{\"id\":\"{id}\",\"status\":\"Completed\",\"steps\":[]}");

            int code = anvil("--db", db.toString(), "record", stories.toString(), "--mode", "aura-agents",
                    "--aura-url", aura.url(), "--output-file", tmp.resolve("run.json").toString());

            assertThat(code).as(err).isEqualTo(1);
            Map<String, StoryResult> r = results(db);

            StoryResult greet = r.get("greet");
            assertThat(greet.status()).as(greet.errorMessage()).isEqualTo(ResultStatus.PASSED);
            assertThat(greet.worktreePath()).as("deleted with the story: nothing to point at").isNull();
            // GreeterService.cs was read and never edited: one backtracking event
            assertThat(greet.aura()).isEqualTo(new AuraResult(greet.aura().auraStoryId(), "Completed",
                    new IndexUsage(4, 2, 1, 0.667, 4, 1, List.of("direct"))));
            assertThat(greet.expectations().get(1).message()).startsWith("index usage OK: 67% Aura tool ratio");

            StoryResult farewell = r.get("farewell");
            assertThat(farewell.status()).isEqualTo(ResultStatus.FAILED);
            assertThat(farewell.errorMessage()).isEqualTo("file_exists: Farewell.cs does not exist (Aura story Failed: step 2 failed)");
            assertThat(farewell.aura().auraStatus()).isEqualTo("Failed");
            assertThat(Path.of(farewell.worktreePath())).as("kept for inspection").isDirectory()
                    .isEqualTo(auraWorktrees.resolve(farewell.aura().auraStoryId()));
            assertThat(out).contains("worktree kept: " + farewell.worktreePath());

            StoryResult rescued = r.get("rescued");
            assertThat(rescued.status()).as("every expectation holds, whatever Aura's status").isEqualTo(ResultStatus.PASSED);
            assertThat(rescued.aura().auraStatus()).isEqualTo("GateFailed");

            StoryResult cancelled = r.get("cancelled");
            assertThat(cancelled.status()).isEqualTo(ResultStatus.ERROR);
            assertThat(cancelled.errorMessage()).isEqualTo("Aura story was cancelled");
            assertThat(cancelled.aura().auraStatus()).isEqualTo("Cancelled");
            assertThat(cancelled.worktreePath()).as("Aura removed it").isNull();

            StoryResult nowhere = r.get("nowhere");
            assertThat(nowhere.status()).isEqualTo(ResultStatus.ERROR);
            assertThat(nowhere.errorMessage()).isEqualTo("Aura finished the story (Completed) but reported no worktreePath to validate");

            assertThat(aura.storiesLeft()).as("only the failed story stays in Aura").containsExactly("Farewell");
            assertThat(aura.deletedWorktrees()).hasSize(4).allSatisfy(p -> assertThat(p).doesNotExist());
            assertThat(out.lines().filter(l -> l.contains("worktree kept:")).toList())
                    .as("no path that is gone is printed").hasSize(1);
            List<String> lines = aura.requestLines();
            String greetId = greet.aura().auraStoryId();
            assertThat(lines.indexOf("DELETE /api/developer/stories/" + greetId))
                    .as("deleted after its last poll, once validated")
                    .isGreaterThan(lines.lastIndexOf("GET /api/developer/stories/" + greetId));
        }
    }

    @Test
    void indexUsageIsStoredPerResultAndReadBackAsATable() throws Exception {
        scenario("greet", "Greet", "  - type: file_exists", "    path: Greet.cs");
        try (FakeAura aura = new FakeAura()) {
            aura.realWorktrees(auraWorktrees).agent("Greet", wt -> write(wt, "Greet.cs", "x"))
                    .statesFor("Greet", finished("Completed", ""));
            for (int i = 0; i < 2; i++) {
                assertThat(anvil("--db", db.toString(), "record", stories.toString(), "--mode", "aura-agents",
                        "--aura-url", aura.url())).as(err).isZero();
            }
        }
        try (HistoryDatabase h = HistoryDatabase.open(db)) {
            Table usage = Frames.indexUsage(h.jdbi());
            assertThat(usage.rowCount()).isEqualTo(2);
            assertThat(usage.columnNames()).contains("executedAt", "mode", "storyId", "auraStatus", "auraToolRatio",
                    "stepsToFirstRelevantCode", "backtrackingEvents", "detectedPatterns");
            assertThat(usage.doubleColumn("auraToolRatio").asList()).containsExactly(0.667, 0.667);
            assertThat(usage.stringColumn("detectedPatterns").asList()).containsExactly("[\"direct\"]", "[\"direct\"]");
            assertThat(usage.stringColumn("mode").asList()).containsOnly("aura-agents");
        }
        assertThat(anvil("--db", db.toString(), "prune", "--older-than", "0h")).as(err).isZero();
        try (HistoryDatabase h = HistoryDatabase.open(db)) {
            assertThat(Frames.indexUsage(h.jdbi()).rowCount()).as("pruned with their results").isZero();
        }
    }

    @Test
    void theReportKeepsTheDotnetFieldsAndImportsAsTheSameRunOnlyIntoAnotherHistory() throws Exception {
        scenario("greet", "Greet", "  - type: file_exists", "    description: Greet exists", "    path: Greet.cs");
        scenario("farewell", "Farewell", "  - type: file_exists", "    description: Farewell exists", "    path: Farewell.cs");
        Path report = tmp.resolve("reports/run.json");
        try (FakeAura aura = new FakeAura()) {
            aura.realWorktrees(auraWorktrees).agent("Greet", wt -> write(wt, "Greet.cs", "x"))
                    .statesFor("Greet", finished("Completed", "")).statesFor("Farewell", finished("Failed", ""));
            assertThat(anvil("--db", db.toString(), "record", stories.toString(), "--mode", "aura-agents",
                    "--aura-url", aura.url(), "--output-file", report.toString())).isEqualTo(1);
        }

        JsonNode json = new ObjectMapper().readTree(report.toFile());
        for (String field : List.of("startedAt", "completedAt", "totalDurationSeconds", "passed", "failed", "total", "results",
                "runId", "mode", "status")) {
            assertThat(json.has(field)).as(field).isTrue();
        }
        JsonNode greet = json.get("results").findParents("scenarioName").stream()
                .filter(n -> n.get("scenarioName").asText().equals("greet")).findFirst().orElseThrow();
        assertThat(greet.get("success").asBoolean()).isTrue();
        assertThat(greet.get("storyId").asText()).as("Aura's id of the story, as the .NET report has it")
                .isEqualTo(results(db).get("greet").aura().auraStoryId());
        assertThat(greet.get("anvilStoryId").asText()).isEqualTo("greet");
        assertThat(greet.get("scenarioPath").asText()).endsWith("greet.yaml");
        assertThat(greet.get("auraStatus").asText()).isEqualTo("Completed");
        assertThat(greet.get("indexUsage").get("auraToolRatio").asDouble()).isEqualTo(0.667);
        JsonNode expectation = greet.get("expectations").get(0);
        assertThat(expectation.get("passed").asBoolean()).isTrue();
        assertThat(expectation.get("type").asText()).isEqualTo("file_exists");
        assertThat(expectation.get("description").asText()).isEqualTo("Greet exists");
        assertThat(expectation.has("message")).isTrue();

        assertThat(anvil("--db", db.toString(), "record", "--import", report.toString())).isEqualTo(2);
        assertThat(err.lines().toList()).hasSize(1);
        assertThat(err).contains("is already in this history; nothing recorded");
        try (HistoryDatabase h = HistoryDatabase.open(db)) {
            assertThat(h.repository().countRuns()).isEqualTo(1);
        }

        Path other = tmp.resolve("other/anvil.db");
        assertThat(anvil("--db", other.toString(), "record", "--import", report.toString())).as(err).isZero();
        assertThat(out).contains("mode aura-agents");
        RunDetail original;
        RunDetail copy;
        try (HistoryDatabase a = HistoryDatabase.open(db); HistoryDatabase b = HistoryDatabase.open(other)) {
            original = a.repository().loadRun("latest");
            copy = b.repository().loadRun("latest");
        }
        assertThat(copy).as("the same run, result for result").isEqualTo(original);
        assertThat(copy.results()).allSatisfy(r -> assertThat(r.aura()).isNotNull());

        assertThat(anvil("--db", tmp.resolve("third.db").toString(), "record", "--import", report.toString(),
                "--mode", "other-mode")).isEqualTo(2);
        assertThat(err).contains("is imported as that run; drop --mode other-mode");
    }

    @Test
    void theSuitesAnvilYamlSetsTheDecomposeBodyAndTheToolListsOfTheMode() throws Exception {
        scenario("greet", "Greet", "  - type: file_exists", "    path: Greet.cs");
        Files.writeString(tmp.resolve("suite/anvil.yaml"), """
                modes:
                  aura-agents:
                    decompose: {maxParallelism: 3, includeTests: true}
                    indexUsage:
                      semanticTools: [aura_navigate]
                """);
        try (FakeAura aura = new FakeAura()) {
            aura.realWorktrees(auraWorktrees).agent("Greet", wt -> write(wt, "Greet.cs", "x"))
                    .statesFor("Greet", finished("Completed", ""));
            assertThat(anvil("--db", db.toString(), "record", stories.toString(), "--mode", "aura-agents",
                    "--aura-url", aura.url())).as(err).isZero();
            FakeAura.Request decompose = aura.requests().stream().filter(r -> r.path().endsWith("/decompose")).findFirst().orElseThrow();
            assertThat(decompose.json()).isEqualTo(new ObjectMapper().readTree("{\"maxParallelism\":3,\"includeTests\":true}"));
        }
        IndexUsage usage = results(db).get("greet").aura().indexUsage();
        assertThat(usage.semanticToolCalls()).as("aura_search is no longer semantic for this mode").isEqualTo(1);
        assertThat(usage.auraToolRatio()).isEqualTo(0.5);
    }

    @Test
    void anUnreachableAuraIsOneSetupErrorAndRecordsNothing() throws Exception {
        scenario("greet", "Greet", "  - type: file_exists", "    path: Greet.cs");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }

        assertThat(anvil("--db", db.toString(), "record", stories.toString(), "--mode", "aura-agents",
                "--aura-url", "http://127.0.0.1:" + port)).isEqualTo(2);

        assertThat(err.lines().filter(l -> l.startsWith("anvil:")).toList()).hasSize(1);
        assertThat(err).contains("Aura is not reachable");
        try (HistoryDatabase h = HistoryDatabase.open(db)) {
            assertThat(h.repository().countRuns()).isZero();
        }
    }
}
