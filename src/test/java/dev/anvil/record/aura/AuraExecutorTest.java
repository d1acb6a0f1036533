package dev.anvil.record.aura;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anvil.AnvilException;
import dev.anvil.config.AnvilConfig;
import dev.anvil.record.AgentOutcome;
import dev.anvil.record.AgentOutcome.AgentStep;
import dev.anvil.record.AgentTask;
import dev.anvil.record.ModeResolver;
import dev.anvil.history.IndexUsage;
import dev.anvil.story.Story;
import dev.anvil.story.StoryFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Aura executor against an in-process server that speaks Aura's developer API. */
class AuraExecutorTest {
    private static final String STORY = "/api/developer/stories/" + FakeAura.ID;

    @TempDir
    Path tmp;

    private FakeAura aura;
    private Path fixture;
    private Path log;

    @BeforeEach
    void start() throws IOException {
        aura = new FakeAura();
        fixture = Files.createDirectories(tmp.resolve("fixtures/hello"));
        log = tmp.resolve("logs/hello.log");
    }

    @AfterEach
    void stop() {
        aura.close();
    }

    private Story story(String executor) {
        return new Story("hello", "Add a greeting", "Add Greet(name) returning \"Hello, name!\".", "csharp", null,
                List.of(), tmp.resolve("hello.yaml"), StoryFormat.YAML, fixture, "fixtures/hello", List.of(),
                Duration.ofSeconds(300), executor, "abc");
    }

    private AgentOutcome run(Story story, Duration timeout) throws InterruptedException {
        AuraExecutor executor = new AuraExecutor(aura.url(), Duration.ofMillis(5));
        return executor.run(new AgentTask(story, "aura-agents", null, log, timeout));
    }

    private String completed(String worktree) {
        return """
                {"id":"%s","status":"Completed","worktreePath":"%s","steps":[
                  {"name":"Find the class","status":"Completed",
                   "output":"{\\"toolCalls\\":[{\\"toolName\\":\\"aura_search\\"},{\\"toolName\\":\\"file.read\\"}]}"},
                  {"name":"Edit","status":"Completed","output":{"toolSteps":[{"action":"aura_navigate"},{"action":"file.write"}]}},
                  {"name":"Build","status":"Completed","tool":"dotnet.build"},
                  {"name":"Explain","status":"Completed","output":"I changed the greeter."}
                ]}""".formatted(FakeAura.ID, worktree);
    }

    @Test
    void aCompletedStoryIsCreatedAnalyzedDecomposedRunPolledAndDeleted() throws Exception {
        Path worktree = Files.createDirectories(tmp.resolve("aura-worktrees/hello"));
        aura.states("{\"id\":\"" + FakeAura.ID + "\",\"status\":\"Analyzing\"}",
                "{\"id\":\"" + FakeAura.ID + "\",\"status\":\"Running\"}",
                completed(worktree.toString()));

        AgentOutcome outcome = run(story("copilot"), Duration.ofSeconds(30));

        assertThat(outcome.kind()).isEqualTo(AgentOutcome.Kind.COMPLETED);
        assertThat(outcome.worktree()).isEqualTo(worktree);
        assertThat(outcome.message()).isNull();
        assertThat(aura.requestLines()).as("not deleted before the recorder has validated the worktree").containsExactly(
                "POST /api/developer/stories",
                "POST " + STORY + "/analyze",
                "POST " + STORY + "/decompose",
                "POST " + STORY + "/run",
                "GET " + STORY, "GET " + STORY, "GET " + STORY);
        assertThat(aura.requests().get(2).json()).isEqualTo(new ObjectMapper().readTree(
                "{\"maxParallelism\": 1, \"includeTests\": false}"));
        outcome.release().release(false);
        assertThat(aura.requestLines()).last().isEqualTo("DELETE " + STORY);
        assertThat(new ObjectMapper().readValue(aura.requests().get(0).body(), Map.class)).containsExactly(
                Map.entry("title", "Add a greeting"),
                Map.entry("description", "Add Greet(name) returning \"Hello, name!\"."),
                Map.entry("repositoryPath", fixture.toString()),
                Map.entry("automationMode", "Autonomous"),
                Map.entry("preferredExecutor", "copilot"));
        assertThat(outcome.steps()).containsExactly(
                new AgentStep("Find the class", "aura_search", true),
                new AgentStep("Find the class", "file.read", false),
                new AgentStep("Edit", "aura_navigate", true),
                new AgentStep("Edit", "file.write", false),
                new AgentStep("Build", "dotnet.build", false));
        assertThat(outcome.aura().auraStoryId()).isEqualTo(FakeAura.ID);
        assertThat(outcome.aura().auraStatus()).isEqualTo("Completed");
        assertThat(outcome.aura().indexUsage()).isEqualTo(
                new IndexUsage(5, 2, 1, 0.667, 5, 0, List.of()));
        assertThat(Files.readString(log)).contains("> POST /api/developer/stories {\"title\":\"Add a greeting\"",
                "status Analyzing", "status Running", "status Completed", "> DELETE " + STORY);
    }

    @Test
    void withoutAnExecutorNoPreferredExecutorIsSent() throws Exception {
        aura.states(completed(tmp.toString()));
        run(story(null), Duration.ofSeconds(30));
        assertThat(aura.requests().get(0).json().has("preferredExecutor")).isFalse();
    }

    @Test
    void aStoryAuraCallsFailedIsStillValidatedAndItsStatusKeptBesideIt() throws Exception {
        aura.states("{\"id\":\"" + FakeAura.ID + "\",\"status\":\"Failed\",\"error\":\"build broke\",\"worktreePath\":\"" + tmp + "\"}");
        AgentOutcome outcome = run(story("internal"), Duration.ofSeconds(30));
        assertThat(outcome.kind()).as("judged by the expectations, as the .NET Anvil does").isEqualTo(AgentOutcome.Kind.COMPLETED);
        assertThat(outcome.message()).isEqualTo("Aura story Failed: build broke");
        assertThat(outcome.worktree()).isEqualTo(tmp);
        assertThat(outcome.aura().auraStatus()).isEqualTo("Failed");
        assertThat(aura.requestLines()).doesNotContain("DELETE " + STORY);

        outcome.release().release(true);

        assertThat(aura.requestLines()).as("a story that did not pass is kept in Aura with its worktree")
                .doesNotContain("DELETE " + STORY);
        assertThat(Files.readString(log)).contains("kept story " + FakeAura.ID + " in Aura with its worktree " + tmp);
    }

    @Test
    void aFinishedStoryWithoutAWorktreeIsAnErrorAndDeleted() throws Exception {
        aura.states("{\"id\":\"" + FakeAura.ID + "\",\"status\":\"GateFailed\"}");
        AgentOutcome outcome = run(story(null), Duration.ofSeconds(30));
        assertThat(outcome.kind()).isEqualTo(AgentOutcome.Kind.CRASHED);
        assertThat(outcome.message()).isEqualTo("Aura finished the story (GateFailed) but reported no worktreePath to validate");
        assertThat(outcome.aura().auraStatus()).isEqualTo("GateFailed");
        assertThat(aura.requestLines()).last().isEqualTo("DELETE " + STORY);
    }

    @Test
    void aReportedWorktreeThatIsNotThereIsAnError() throws Exception {
        Path gone = tmp.resolve("never-made");
        aura.states("{\"id\":\"" + FakeAura.ID + "\",\"status\":\"Completed\",\"worktreePath\":\"" + gone + "\"}");
        AgentOutcome outcome = run(story(null), Duration.ofSeconds(30));
        assertThat(outcome.kind()).isEqualTo(AgentOutcome.Kind.CRASHED);
        assertThat(outcome.message()).isEqualTo("Aura's worktree " + gone + " (story Completed) does not exist");
        assertThat(aura.requestLines()).last().isEqualTo("DELETE " + STORY);
    }

    @Test
    void aCancelledStoryIsACrashEvenWithAWorktree() throws Exception {
        aura.states("{\"id\":\"" + FakeAura.ID + "\",\"status\":\"Cancelled\",\"worktreePath\":\"" + tmp + "\"}");
        AgentOutcome outcome = run(story(null), Duration.ofSeconds(30));
        assertThat(outcome.kind()).isEqualTo(AgentOutcome.Kind.CRASHED);
        assertThat(outcome.message()).isEqualTo("Aura story was cancelled");
        assertThat(outcome.aura().auraStatus()).isEqualTo("Cancelled");
        assertThat(aura.requestLines()).last().isEqualTo("DELETE " + STORY);
    }

    @Test
    void theDecomposeBodyComesFromTheMode() throws Exception {
        aura.states(completed(tmp.toString()));
        AnvilConfig.ModeConfig mode = new AnvilConfig.ModeConfig(null, "aura", null, null, null,
                Map.of("maxParallelism", 4, "includeTests", true), null);
        new AuraExecutor(aura.url(), Duration.ofMillis(5), mode).run(new AgentTask(story(null), "aura-agents", null, log,
                Duration.ofSeconds(30)));
        assertThat(aura.requests().get(2).json()).isEqualTo(new ObjectMapper().readTree(
                "{\"maxParallelism\": 4, \"includeTests\": true}"));
    }

    @Test
    void aGateThatProceedsAutomaticallyIsRunAgain() throws Exception {
        aura.states("{\"id\":\"" + FakeAura.ID + "\",\"status\":\"GatePending\",\"gateMode\":\"AutoProceed\"}",
                "{\"id\":\"" + FakeAura.ID + "\",\"status\":\"Running\"}",
                "{\"id\":\"" + FakeAura.ID + "\",\"status\":\"ReadyToComplete\",\"worktreePath\":\"" + tmp + "\"}");

        AgentOutcome outcome = run(story(null), Duration.ofSeconds(30));

        assertThat(outcome.kind()).isEqualTo(AgentOutcome.Kind.COMPLETED);
        assertThat(aura.requestLines()).containsExactly(
                "POST /api/developer/stories",
                "POST " + STORY + "/analyze",
                "POST " + STORY + "/decompose",
                "POST " + STORY + "/run",
                "GET " + STORY,
                "POST " + STORY + "/run",
                "GET " + STORY, "GET " + STORY);
    }

    @Test
    void aStoryPastItsTimeoutIsTimedOutAndDeleted() throws Exception {
        aura.states("{\"id\":\"" + FakeAura.ID + "\",\"status\":\"GatePending\",\"gateMode\":\"Manual\"}");
        long start = System.nanoTime();
        AgentOutcome outcome = run(story(null), Duration.ofMillis(1500));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(outcome.kind()).isEqualTo(AgentOutcome.Kind.TIMED_OUT);
        assertThat(outcome.message()).isEqualTo("Aura story did not finish within 1.5s (last status GatePending)");
        assertThat(aura.requestLines()).filteredOn(r -> r.equals("POST " + STORY + "/run")).hasSize(1);
        assertThat(aura.requestLines()).last().isEqualTo("DELETE " + STORY);
    }

    @Test
    void aServerErrorOnCreateIsACrashWithTheStatusAndNothingToDelete() throws Exception {
        aura.failCreateWith(500);
        AgentOutcome outcome = run(story(null), Duration.ofSeconds(30));
        assertThat(outcome.kind()).isEqualTo(AgentOutcome.Kind.CRASHED);
        assertThat(outcome.message()).isEqualTo(
                "Aura: POST /api/developer/stories returned HTTP 500: {\"error\":\"database is locked\"}");
        assertThat(aura.requestLines()).containsExactly("POST /api/developer/stories");
        assertThat(Files.readString(log)).contains("< 500");
    }

    @Test
    void anInterruptStopsPollingDeletesTheStoryAndThrows() throws Exception {
        aura.states("{\"id\":\"" + FakeAura.ID + "\",\"status\":\"Running\"}");
        AtomicReference<Thread> runner = new AtomicReference<>();
        CompletableFuture<AgentOutcome> result = CompletableFuture.supplyAsync(() -> {
            runner.set(Thread.currentThread());
            try {
                return run(story(null), Duration.ofMinutes(5));
            } catch (InterruptedException e) {
                throw new IllegalStateException("interrupted", e);
            }
        });
        while (aura.requestLines().stream().noneMatch(r -> r.startsWith("GET "))) {
            Thread.sleep(5);
        }
        runner.get().interrupt();

        assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class)
                .cause().isInstanceOf(InterruptedException.class);
        assertThat(aura.requestLines()).last().isEqualTo("DELETE " + STORY);
    }

    @Test
    void theHealthCheckPassesWhenAuraAnswers() {
        new AuraExecutor(aura.url()).checkReady();
        assertThat(aura.requestLines()).containsExactly("GET /health");
        assertThat(AuraHealth.check(aura.url()).version()).isEqualTo("0.1.0");
    }

    @Test
    void anUnhealthyAuraStopsTheRunBeforeItStarts() {
        aura.health(200, "{\"healthy\":false,\"status\":\"degraded\"}");
        assertThatThrownBy(() -> new AuraExecutor(aura.url()).checkReady()).isInstanceOf(AnvilException.class)
                .hasMessageContaining("is not healthy: GET /health says");
        aura.health(503, "");
        assertThatThrownBy(() -> new AuraExecutor(aura.url()).checkReady()).isInstanceOf(AnvilException.class)
                .hasMessage("Aura at " + aura.url() + " is not healthy: GET /health returned HTTP 503");
    }

    @Test
    void anUnreachableAuraIsOneClearErrorNamingItsUrl() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        AuraExecutor executor = new AuraExecutor("http://127.0.0.1:" + port);
        assertThatThrownBy(executor::checkReady).isInstanceOf(AnvilException.class)
                .hasMessage("Aura is not reachable at http://127.0.0.1:" + port + " (GET /health: connection refused); "
                        + "start Aura or point --aura-url (or AURA_URL, or auraUrl in anvil.yaml) at it");
    }

    @Test
    void theUrlComesFromTheOptionThenTheModeThenAuraUrlThenTheConfigThenTheDefault() {
        AnvilConfig config = new AnvilConfig(null,
                Map.of("aura-agents", new AnvilConfig.ModeConfig(null, "aura", "http://mode:1", null, null)),
                Map.of(), "http://top:2", null);
        ModeResolver noEnv = new ModeResolver(List.of(config), Map.of());
        ModeResolver withEnv = new ModeResolver(List.of(config), Map.of("AURA_URL", "http://env:4"));
        assertThat(withEnv.auraUrl("http://opt:3", withEnv.modeConfig("aura-agents"))).isEqualTo("http://opt:3");
        assertThat(withEnv.auraUrl(null, withEnv.modeConfig("aura-agents"))).isEqualTo("http://mode:1");
        assertThat(withEnv.auraUrl(null, withEnv.modeConfig("other"))).isEqualTo("http://env:4");
        assertThat(noEnv.auraUrl(null, noEnv.modeConfig("other"))).isEqualTo("http://top:2");
        assertThat(new ModeResolver(List.of(AnvilConfig.EMPTY), Map.of()).auraUrl(null, null)).isEqualTo("http://localhost:5300");
        assertThatThrownBy(() -> new AuraExecutor("localhost:5300")).isInstanceOf(AnvilException.class)
                .hasMessage("bad Aura URL 'localhost:5300': expected http://HOST:PORT");
    }

    @Test
    void aPollThatFailsOnceOrTwiceIsRetried() throws Exception {
        aura.unavailableFor(2).states("{\"id\":\"" + FakeAura.ID + "\",\"status\":\"Completed\",\"worktreePath\":\"" + tmp + "\"}");
        AgentOutcome outcome = run(story(null), Duration.ofSeconds(30));
        assertThat(outcome.kind()).isEqualTo(AgentOutcome.Kind.COMPLETED);
        assertThat(aura.requestLines()).filteredOn(r -> r.equals("GET " + STORY)).hasSize(3);
        assertThat(Files.readString(log)).contains("returned HTTP 503", "trying again");
    }

    @Test
    void pollsThatKeepFailingAreACrashAndTheStoryIsStillDeleted() throws Exception {
        aura.unavailableFor(AuraExecutor.POLL_RETRIES).states("{\"id\":\"" + FakeAura.ID + "\",\"status\":\"Completed\"}");
        AgentOutcome outcome = run(story(null), Duration.ofSeconds(30));
        assertThat(outcome.kind()).isEqualTo(AgentOutcome.Kind.CRASHED);
        assertThat(outcome.message()).isEqualTo("Aura: GET " + STORY + " returned HTTP 503: {\"error\":\"restarting\"}");
        assertThat(aura.requestLines()).last().isEqualTo("DELETE " + STORY);
    }
}
