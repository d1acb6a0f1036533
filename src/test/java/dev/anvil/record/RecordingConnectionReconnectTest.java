package dev.anvil.record;

import dev.anvil.history.DatabaseLocation;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.HistoryRepository;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Run;
import dev.anvil.history.RunStart;
import dev.anvil.history.StoryResult;
import dev.anvil.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The recorder's connection when the PostgreSQL server goes away mid-run: the write in flight
 * fails (and goes to the recorder's failure path), the next one after the server is back succeeds
 * on a new connection.
 */
class RecordingConnectionReconnectTest {
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
}
