package dev.anvil.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A running run is alive while its heartbeat is fresh, on any host; prune leaves such a run alone. */
class HeartbeatLivenessTest {
    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    static final Instant STARTED = NOW.minus(Duration.ofHours(2));

    @TempDir
    Path tmp;

    private static RunStatus judge(String host, Long pid, Instant heartbeat) {
        return RunLiveness.judge("running", STARTED, null, host, pid, heartbeat, NOW);
    }

    @Test
    void aRunOfAnotherHostIsRunningWhileItsHeartbeatIsFreshAndIncompleteOnceItIsAMinuteOld() {
        assertThat(judge("other-host", 4242L, NOW.minusSeconds(5))).isEqualTo(RunStatus.RUNNING);
        assertThat(judge("other-host", 4242L, NOW.minusSeconds(60))).isEqualTo(RunStatus.RUNNING);
        assertThat(judge("other-host", 4242L, NOW.minusSeconds(61))).isEqualTo(RunStatus.INCOMPLETE);
    }

    @Test
    void onThisHostAGoneProcessIsIncompleteAtOnceWhateverTheHeartbeatSays() {
        long dead = deadPid();
        assertThat(judge(Hosts.localName(), dead, NOW.minusSeconds(1))).isEqualTo(RunStatus.INCOMPLETE);
    }

    @Test
    void aPidReusedByALaterProcessDoesNotKeepAStaleRunAlive() {
        // this JVM started after the run began, like a process that took a crashed recorder's pid
        long mine = ProcessHandle.current().pid();
        Instant started = ProcessHandle.current().info().startInstant().orElseThrow().minus(Duration.ofHours(1));
        assertThat(RunLiveness.judge("running", started, null, Hosts.localName(), mine, null, NOW))
                .isEqualTo(RunStatus.INCOMPLETE);
        assertThat(RunLiveness.judge("running", Instant.now(), null, Hosts.localName(), mine,
                Instant.now().minus(Duration.ofMinutes(5)), Instant.now()))
                .as("alive pid, but the heartbeat stopped a minute ago").isEqualTo(RunStatus.INCOMPLETE);
    }

    @Test
    void aRunWithoutHeartbeatFromBeforeV4KeepsThePidRule() {
        assertThat(judge("other-host", 4242L, null)).isEqualTo(RunStatus.RUNNING);
        assertThat(judge(Hosts.localName(), deadPid(), null)).isEqualTo(RunStatus.INCOMPLETE);
        assertThat(judge(null, null, null)).isEqualTo(RunStatus.INCOMPLETE);
    }

    @Test
    void finishedRunsAreWhatTheySay() {
        assertThat(RunLiveness.judge("completed", STARTED, NOW, "h", 1L, null, NOW)).isEqualTo(RunStatus.COMPLETED);
        assertThat(RunLiveness.judge("interrupted", STARTED, NOW, "h", 1L, null, NOW)).isEqualTo(RunStatus.INTERRUPTED);
    }

    @Test
    void pruneNeverDeletesARunWithAFreshHeartbeatButDoesDeleteOneWhoseHeartbeatStopped() {
        try (HistoryDatabase db = HistoryDatabase.open(tmp.resolve("anvil.db"))) {
            HistoryRepository repo = db.repository();
            Run live = repo.startRun(new RunStart(Ids.newId(), STARTED, "m", null, null, "other-host", 1L, "test"));
            Run dead = repo.startRun(new RunStart(Ids.newId(), STARTED, "m", null, null, "other-host", 2L, "test"));
            repo.appendResult(StoryResult.of(live.id(), "s", "java", ResultStatus.PASSED, 1, null, STARTED));
            assertThat(repo.beat(live.id(), NOW.minusSeconds(3))).isTrue();
            repo.beat(dead.id(), NOW.minusSeconds(90));

            PruneReport report = repo.pruneOlderThan(NOW, false, NOW);

            assertThat(report.runs()).isEqualTo(1);
            assertThat(repo.findRun(live.id())).isPresent();
            assertThat(repo.findRun(dead.id())).isEmpty();
            assertThat(repo.beat(dead.id(), NOW)).as("a beat for a deleted run says so").isFalse();
        }
    }

    private static long deadPid() {
        try {
            Process p = new ProcessBuilder("true").start();
            p.waitFor();
            return p.pid();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
