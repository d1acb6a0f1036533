package dev.anvil.record;

import dev.anvil.history.DatabaseLocation;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.HistoryRepository;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Run;
import dev.anvil.history.RunStart;
import dev.anvil.history.RunStatus;
import dev.anvil.history.StoryResult;
import dev.anvil.testing.FreezingProxy;
import dev.anvil.testing.TestPostgres;
import dev.anvil.history.Spool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The recorder's connection when the PostgreSQL server goes away mid-run: the write in flight
 * fails (and goes to the recorder's failure path), the next one after the server is back succeeds
 * on a new connection.
 */
class RecordingConnectionReconnectTest {
    @TempDir
    Path home;

    @Test
    void aWriteAfterTheServerCameBackGoesThroughOnANewConnection() {
        TestPostgres pg = TestPostgres.shared();
        DatabaseLocation team = DatabaseLocation.of(pg.urlWithPassword(pg.createDatabase()), null, "test", Map.of());
        try (HistoryDatabase db = HistoryDatabase.open(team); RecordingConnection connection = RecordingConnection.open(db)) {
            HistoryRepository repo = connection.repository();
            Run run = repo.startRun(RunStart.now("copilot-cli", null, null));
            repo.appendResult(StoryResult.of(run.id(), "before", "java", ResultStatus.PASSED, 1, null, Instant.now()));

            pg.stop();
            try {
                assertThatThrownBy(() -> repo.appendResult(
                        StoryResult.of(run.id(), "while-down", "java", ResultStatus.PASSED, 1, null, Instant.now())))
                        .isInstanceOf(RuntimeException.class);
            } finally {
                pg.startServer();
            }
            repo.appendResult(StoryResult.of(run.id(), "after", "java", ResultStatus.PASSED, 1, null, Instant.now()));

            assertThat(db.repository().results(run.id())).extracting(StoryResult::storyId)
                    .containsExactlyInAnyOrder("before", "after");
        }
    }

    /**
     * A server restarted while no write was in flight: the held connection is dead but nothing
     * knows it yet. The next result must reach the server on a new connection, not send the rest
     * of the run to the spool.
     */
    @Test
    void aResultAfterARestartBetweenTwoResultsGoesToTheServerNotToTheSpool() {
        List<String> notices = new CopyOnWriteArrayList<>();
        try (TestPostgres pg = TestPostgres.startOwn()) {
            DatabaseLocation team = DatabaseLocation.of(pg.urlWithPassword(pg.createDatabase()), null, "test", Map.of());
            try (HistoryDatabase db = HistoryDatabase.open(team); RecordingConnection connection = RecordingConnection.open(db)) {
                Spool spool = Spool.forHistory(team.shareable(), Map.of("XDG_CACHE_HOME", home.resolve("cache").toString()));
                Durability durability = Durability.of(spool, null, notices::add).withRetryFor(Duration.ofSeconds(5));
                RunStart start = RunStart.now("copilot-cli", null, null);
                DurableRun writer = new DurableRun(connection.repository(), durability, start.id());
                Run run = writer.start(start);
                writer.append(StoryResult.of(run.id(), "before", "java", ResultStatus.PASSED, 1, null, Instant.now()));
                HistoryRepository heartbeats = db.repository();
                assertThat(heartbeats.beat(run.id(), Instant.now())).isTrue();

                pg.stop();
                pg.startServer();
                writer.append(StoryResult.of(run.id(), "after", "java", ResultStatus.PASSED, 1, null, Instant.now()));
                assertThat(heartbeats.beat(run.id(), Instant.now())).as("the heartbeat's own connection is renewed too").isTrue();
                Run finished = writer.finish(RunStatus.COMPLETED, Instant.now(), List.of());
                writer.release();

                assertThat(notices).as("nothing spooled").isEmpty();
                assertThat(writer.spooled()).isFalse();
                assertThat(spool.pending()).isEmpty();
                assertThat(finished.totalStories()).isEqualTo(2);
                assertThat(db.repository().results(run.id())).extracting(StoryResult::storyId)
                        .containsExactlyInAnyOrder("before", "after");
            }
        }
    }

    /**
     * The network goes silent mid-run (packets dropped, nothing closed): the write waiting for an
     * answer gives up after the answer timeout instead of the system's quarter of an hour, the
     * result goes to the spool, and the spool brings it to the server once; nothing twice.
     */
    @Test
    @org.junit.jupiter.api.Timeout(120) // without the answer timeout the write waits for ever: the relay acknowledges every byte
    void aServerThatStopsAnsweringSendsTheResultToTheSpoolWithinTheAnswerTimeout() throws Exception {
        List<String> notices = new CopyOnWriteArrayList<>();
        TestPostgres pg = TestPostgres.shared();
        String database = pg.createDatabase();
        try (FreezingProxy network = new FreezingProxy(pg.port())) {
            DatabaseLocation team = DatabaseLocation.of("postgresql://" + TestPostgres.SUPERUSER + ":" + TestPostgres.PASSWORD
                    + "@127.0.0.1:" + network.port() + "/" + database, null, "test", Map.of());
            try (HistoryDatabase db = HistoryDatabase.open(team);
                 RecordingConnection connection = RecordingConnection.open(db, Duration.ofSeconds(2))) {
                Spool spool = Spool.forHistory(team.shareable(), Map.of("XDG_CACHE_HOME", home.resolve("cache").toString()));
                Durability durability = Durability.of(spool, null, notices::add).withRetryFor(Duration.ofSeconds(5));
                RunStart start = RunStart.now("copilot-cli", null, null);
                DurableRun writer = new DurableRun(connection.repository(), durability, start.id());
                Run run = writer.start(start);
                writer.append(StoryResult.of(run.id(), "before", "java", ResultStatus.PASSED, 1, null, Instant.now()));

                network.freeze();
                long t0 = System.nanoTime();
                writer.append(StoryResult.of(run.id(), "while-silent", "java", ResultStatus.PASSED, 1, null, Instant.now()));
                long waitedMs = (System.nanoTime() - t0) / 1_000_000;
                network.thaw();
                writer.finish(RunStatus.COMPLETED, Instant.now(), List.of());
                writer.release();

                assertThat(waitedMs).as("gave up after the answer timeout").isBetween(1_500L, 30_000L);
                assertThat(writer.spooled()).isTrue();
                assertThat(notices).singleElement().asString().startsWith("cannot write to the history (");
                try (HistoryDatabase direct = HistoryDatabase.open(DatabaseLocation.of(pg.urlWithPassword(database), null,
                        "test", Map.of()))) {
                    Spool.DrainReport drained = spool.drainInto(direct);
                    assertThat(drained.results()).isEqualTo(1);
                    assertThat(direct.repository().results(run.id())).extracting(StoryResult::storyId)
                            .containsExactlyInAnyOrder("before", "while-silent");
                    assertThat(direct.repository().findRun(run.id()).orElseThrow().totalStories()).isEqualTo(2);
                }
            }
        }
    }
}
