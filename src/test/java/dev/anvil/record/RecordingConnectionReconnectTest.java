package dev.anvil.record;

import dev.anvil.history.DatabaseLocation;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.HistoryRepository;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Run;
import dev.anvil.history.RunStart;
import dev.anvil.history.RunStatus;
import dev.anvil.history.StoryResult;
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
}
