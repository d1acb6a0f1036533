package dev.anvil.record;

import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Run;
import dev.anvil.history.RunStatus;
import dev.anvil.history.Spool;
import dev.anvil.history.StoryResult;
import dev.anvil.story.Story;
import dev.anvil.testing.SmallFilesystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.anvil.record.TestStories.expect;
import static dev.anvil.record.TestStories.story;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history on a real small file system that fills up or turns read-only mid-run: the spool
 * beside it cannot be written either, so results go to the spool in the cache folder, and come
 * back once the file system takes writes again.
 */
class FaultyFilesystemRecordingTest {
    @TempDir
    Path home;
    SmallFilesystem fs;
    Path fixture;
    Path file;
    Map<String, String> env;
    final List<String> notices = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        fs = SmallFilesystem.mount(home.resolve("small"), 4);
        fixture = TestStories.folderFixture(home.resolve("fixture"));
        file = fs.root().resolve("anvil.db");
        env = Map.of("XDG_CACHE_HOME", home.resolve("cache").toString());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (fs != null) {
            fs.close();
        }
    }

    private RecordOutcome record(HistoryDatabase db, RecordListener fault) {
        try (RecordingConnection connection = RecordingConnection.open(db)) {
            Durability d = Durability.of(Spool.beside(file, env), db.repository(), notices::add)
                    .withRetryFor(Duration.ofSeconds(2)).withBeatEvery(Duration.ofMinutes(10));
            return new Recorder(connection.repository(), new CommandExecutor("echo new > NEW.md", Map.of(), null),
                    TestStories.settings(home), fault).withDurability(d).record(List.of(
                    story("one", fixture, expect("file_exists", "path", "NEW.md")),
                    story("two", fixture, expect("file_exists", "path", "NEW.md")),
                    story("three", fixture, expect("file_exists", "path", "NEW.md"))));
        }
    }

    private RecordListener afterFirstStory(ThrowingRunnable fault) {
        return new RecordListener() {
            @Override
            public void storyFinished(Story story, StoryResult result, int done, int total) {
                if (done == 1) {
                    try {
                        fault.run();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private void assertSpooledToTheCacheAndImportedLater(RecordOutcome o, ThrowingRunnable repair) throws Exception {
        assertThat(o.results()).extracting(StoryResult::status).containsOnly(ResultStatus.PASSED).hasSize(3);
        assertThat(o.run().status()).isEqualTo(RunStatus.COMPLETED);
        Path cacheSpool = home.resolve("cache/anvil/spool");
        assertThat(notices.get(0)).startsWith("cannot write to the history (").contains(cacheSpool.toString());
        assertThat(notices.get(notices.size() - 1)).contains("wait in the spool " + cacheSpool);
        assertThat(Spool.beside(file, env).pending()).hasSize(1).allMatch(p -> p.startsWith(cacheSpool));

        repair.run();
        try (HistoryDatabase db = HistoryDatabase.open(file)) {
            Spool.DrainReport report = Spool.beside(file, env).drainInto(db);
            assertThat(report.results()).isEqualTo(2);
            assertThat(report.files()).isEqualTo(1);
            Run stored = db.repository().findRun(o.run().id()).orElseThrow();
            assertThat(stored.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(stored.passed()).isEqualTo(3);
            assertThat(Spool.beside(file, env).pending()).isEmpty();
        }
    }

    @Test
    void aFullFileSystemMidRunSpoolsTheRestAndTheSpoolIsImportedOnceThereIsRoomAgain() throws Exception {
        RecordOutcome o;
        try (HistoryDatabase db = HistoryDatabase.open(file)) {
            o = record(db, afterFirstStory(fs::fill));
        }
        assertThat(notices.get(0)).containsIgnoringCase("full");
        assertSpooledToTheCacheAndImportedLater(o, fs::free);
    }
}
