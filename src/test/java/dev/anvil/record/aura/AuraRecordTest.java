package dev.anvil.record.aura;

import dev.anvil.cli.Main;
import dev.anvil.history.ExpectationResult;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Run;
import dev.anvil.history.StoryResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code anvil record --mode aura-agents} end to end against the in-process Aura. */
class AuraRecordTest {
    @TempDir
    Path tmp;
    String err;

    private int anvil(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter e = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(e, true));
        int code = cl.execute(args);
        err = e.toString();
        return code;
    }

    private Path suite() throws Exception {
        Path stories = Files.createDirectories(tmp.resolve("suite/stories"));
        Files.createDirectories(tmp.resolve("suite/fixtures/app"));
        Files.writeString(stories.resolve("hello.yaml"), """
                name: hello
                language: csharp
                repository: fixtures/app
                story: {title: Greet, description: Add Greet}
                expectations:
                  - type: file_exists
                    path: Greeter.cs
                  - type: index_usage
                    min_aura_tool_ratio: 0.3
                    max_steps_to_target: 5
                """);
        return stories;
    }

    @Test
    void auraAgentsRunsThroughAuraValidatesInItsWorktreeAndChecksIndexUsage() throws Exception {
        Path stories = suite();
        Path worktree = Files.createDirectories(tmp.resolve("aura-wt"));
        Files.writeString(worktree.resolve("Greeter.cs"), "class Greeter {}");
        try (FakeAura aura = new FakeAura()) {
            aura.states("""
                    {"id":"%s","status":"Completed","worktreePath":"%s","steps":[
                      {"name":"Find","status":"Completed","tool":"aura_search"},
                      {"name":"Edit","status":"Completed","tool":"file.write"}]}""".formatted(FakeAura.ID, worktree));
            Path db = tmp.resolve("anvil.db");

            assertThat(anvil("--db", db.toString(), "record", stories.toString(), "--mode", "aura-agents",
                    "--aura-url", aura.url())).as(err).isZero();

            try (HistoryDatabase h = HistoryDatabase.open(db)) {
                Run run = h.repository().listRuns(1, null).get(0);
                assertThat(run.mode()).isEqualTo("aura-agents");
                StoryResult r = h.repository().results(run.id()).get(0);
                assertThat(r.status()).isEqualTo(ResultStatus.PASSED);
                assertThat(r.worktreePath()).as("Aura's worktree is recorded, never deleted").isEqualTo(worktree.toString());
                ExpectationResult usage = r.expectations().get(1);
                assertThat(usage.status()).isEqualTo(ResultStatus.PASSED);
                assertThat(usage.message()).contains("1 of 2 steps used Aura tools");
            }
            assertThat(worktree.resolve("Greeter.cs")).exists();
        }
    }

    @Test
    void anUnreachableAuraIsOneSetupErrorAndRecordsNothing() throws Exception {
        Path stories = suite();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path db = tmp.resolve("anvil.db");

        assertThat(anvil("--db", db.toString(), "record", stories.toString(), "--mode", "aura-agents",
                "--aura-url", "http://127.0.0.1:" + port)).isEqualTo(2);

        assertThat(err.lines().filter(l -> l.startsWith("anvil:")).toList()).hasSize(1);
        assertThat(err).contains("Aura is not reachable");
        try (HistoryDatabase h = HistoryDatabase.open(db)) {
            assertThat(h.repository().countRuns()).isZero();
        }
    }
}
