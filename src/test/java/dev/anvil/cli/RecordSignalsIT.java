package dev.anvil.cli;

import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Run;
import dev.anvil.history.RunStatus;
import dev.anvil.history.StoryResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ctrl-C and kill -9 of a real {@code anvil record} (a child JVM running the built jar) while a
 * slow agent with a child of its own is in flight.
 */
class RecordSignalsIT {
    @TempDir
    Path tmp;
    Path stories;
    Path db;
    Process anvil;
    final List<Long> leftovers = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        stories = Files.createDirectories(tmp.resolve("stories"));
        db = tmp.resolve("anvil.db");
        for (String id : List.of("a-quick", "b-quick", "c-slow", "d-never")) {
            Files.writeString(stories.resolve(id + ".yaml"), "name: " + id + "\nlanguage: java\n"
                    + "story: {title: t, description: d}\nexpectations:\n  - type: file_exists\n    path: DONE.txt\n");
        }
    }

    @AfterEach
    void cleanUp() {
        if (anvil != null) {
            anvil.destroyForcibly();
        }
        for (long pid : leftovers) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private Process startRecord() throws IOException {
        String agent = "case \"$ANVIL_STORY_ID\" in *slow) echo $$ > " + tmp + "/agent.pid; sleep 300 & echo $! > "
                + tmp + "/child.pid; wait ;; *) echo done > DONE.txt ;; esac";
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-jar", System.getProperty("anvil.jar"), "--db", db.toString(),
                "record", stories.toString(), "--mode", "signals", "--agent-command", agent)
                .redirectOutput(tmp.resolve("out.txt").toFile())
                .redirectError(tmp.resolve("err.txt").toFile());
        return pb.start();
    }

    private long awaitPid(String name) throws Exception {
        Path f = tmp.resolve(name);
        for (int i = 0; i < 1200; i++) {
            if (Files.exists(f) && !Files.readString(f).isBlank()) {
                long pid = Long.parseLong(Files.readString(f).trim());
                leftovers.add(pid);
                return pid;
            }
            assertThat(anvil.isAlive()).as("anvil ended early: " + Files.readString(tmp.resolve("err.txt"))).isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError(name + " never appeared; anvil said: " + Files.readString(tmp.resolve("err.txt")));
    }

    private static void signal(String signal, long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).inheritIO().start().waitFor()).isZero();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private Run onlyRun() {
        try (HistoryDatabase h = HistoryDatabase.open(db)) {
            List<Run> runs = h.repository().listRuns(0, null);
            assertThat(runs).hasSize(1);
            return runs.get(0);
        }
    }

    private List<StoryResult> results(Run run) {
        try (HistoryDatabase h = HistoryDatabase.open(db)) {
            return h.repository().results(run.id());
        }
    }

    @Test
    void ctrlCStopsTheStoryInFlightWithItsChildRecordsItAndMarksTheRunInterrupted() throws Exception {
        anvil = startRecord();
        long agent = awaitPid("agent.pid");
        long child = awaitPid("child.pid");

        signal("INT", anvil.pid());

        assertThat(anvil.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(anvil.exitValue()).isEqualTo(130);
        Run run = onlyRun();
        assertThat(run.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(run.completedAt()).isNotNull();
        List<StoryResult> results = results(run);
        assertThat(results).extracting(StoryResult::storyId).containsExactly("a-quick", "b-quick", "c-slow");
        assertThat(results.get(2).status()).isEqualTo(ResultStatus.ERROR);
        assertThat(results.get(2).errorMessage()).isEqualTo("interrupted");
        assertThat(alive(agent)).as("agent").isFalse();
        assertThat(alive(child)).as("agent's child").isFalse();
        assertThat(Files.readString(tmp.resolve("out.txt"))).contains("INTERRUPTED", "c-slow");
    }

    @Test
    void afterKillMinus9EveryFinishedResultIsStoredAndTheRunShowsAsIncomplete() throws Exception {
        anvil = startRecord();
        awaitPid("agent.pid");
        awaitPid("child.pid");

        signal("KILL", anvil.pid());
        assertThat(anvil.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Run run = onlyRun();
        assertThat(run.status()).isEqualTo(RunStatus.INCOMPLETE);
        assertThat(run.completedAt()).isNull();
        assertThat(run.passed()).as("live totals of the finished results").isEqualTo(2);
        assertThat(results(run)).extracting(StoryResult::storyId).containsExactly("a-quick", "b-quick");
    }
}
