package dev.anvil.record;

import dev.anvil.cli.Cli;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Run;
import dev.anvil.history.RunStatus;
import dev.anvil.history.Spool;
import dev.anvil.history.StoryResult;
import dev.anvil.story.Story;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.anvil.record.TestStories.expect;
import static dev.anvil.record.TestStories.story;
import static org.assertj.core.api.Assertions.assertThat;

/** Nothing a story finished is lost when the history cannot take it: it goes to the spool and comes back. */
class DurableRecordingTest {
    @TempDir
    Path home;
    Path fixture;
    Path file;
    HistoryDatabase db;
    RecordingConnection connection;
    final List<String> notices = new CopyOnWriteArrayList<>();
    Connection locker;

    @BeforeEach
    void setUp() throws Exception {
        fixture = TestStories.folderFixture(home.resolve("fixture"));
        db = TestStories.db(home);
        file = db.path();
        connection = RecordingConnection.open(db);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (locker != null) {
            locker.close();
        }
        connection.close();
        db.close();
    }

    private Durability durability(Duration retryFor) {
        return Durability.of(Spool.beside(file, Map.of("XDG_CACHE_HOME", home.resolve("cache").toString())),
                db.repository(), notices::add).withRetryFor(retryFor).withBeatEvery(Duration.ofMinutes(10));
    }

    private RecordOutcome record(Durability d, RecordListener listener, Story... stories) {
        return new Recorder(connection.repository(), new CommandExecutor("echo new > NEW.md", Map.of(), null),
                TestStories.settings(home), listener).withDurability(d).record(List.of(stories));
    }

    private Story[] threeStories() {
        return new Story[] {story("one", fixture, expect("file_exists", "path", "NEW.md")),
                story("two", fixture, expect("file_exists", "path", "NEW.md")),
                story("three", fixture, expect("file_exists", "path", "NEW.md"))};
    }

    /** After the first story, another connection takes the write lock (BEGIN EXCLUSIVE) and keeps it. */
    private RecordListener lockAfterFirstStory() {
        return new RecordListener() {
            @Override
            public void storyFinished(Story story, StoryResult result, int done, int total) {
                if (done == 1) {
                    try {
                        locker = DriverManager.getConnection("jdbc:sqlite:" + file);
                        try (Statement s = locker.createStatement()) {
                            s.execute("BEGIN EXCLUSIVE");
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
    }

    private static void release(Connection held) throws java.sql.SQLException {
        try (Statement s = held.createStatement()) {
            s.execute("ROLLBACK");
        }
    }

    private void shortBusyTimeout() {
        connection.repository().jdbi().useHandle(h -> h.execute("PRAGMA busy_timeout = 100"));
    }

    @Test
    void aLockHeldPastTheRetriesSendsTheRestOfTheRunToTheSpoolAndTheNextCommandImportsIt() throws Exception {
        shortBusyTimeout();

        RecordOutcome o = record(durability(Duration.ofMillis(500)), lockAfterFirstStory(), threeStories());

        assertThat(o.results()).extracting(StoryResult::status).containsOnly(ResultStatus.PASSED).hasSize(3);
        assertThat(o.run().status()).as("the report knows the run finished").isEqualTo(RunStatus.COMPLETED);
        assertThat(o.run().totalStories()).isEqualTo(3);
        Path spool = home.resolve("anvil.db.spool-" + o.run().id() + ".jsonl");
        assertThat(spool).exists();
        assertThat(notices).hasSize(2);
        assertThat(notices.get(0)).startsWith("cannot write to the history (").contains("locked")
                .endsWith("results are kept in the spool " + spool);
        assertThat(notices.get(1)).contains("wait in the spool " + spool);
        assertThat(db.repository().findRun(o.run().id()).orElseThrow().totalStories())
                .as("only the first result reached the history").isEqualTo(1);

        release(locker);
        locker.close();
        locker = null;
        connection.close();
        Cli.Outcome runs = Cli.run("--db", file.toString(), "runs");
        assertThat(runs.exitCode()).isZero();
        assertThat(runs.err()).isEqualTo("anvil: imported 2 result(s) from 1 spool file(s) left by an earlier recording\n");
        assertThat(spool).doesNotExist();
        Run stored = db.repository().findRun(o.run().id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(stored.totalStories()).isEqualTo(3);
        assertThat(stored.passed()).isEqualTo(3);
        assertThat(db.repository().results(o.run().id())).extracting(StoryResult::id)
                .containsExactlyInAnyOrderElementsOf(o.results().stream().map(StoryResult::id).toList());

        assertThat(Cli.run("--db", file.toString(), "runs").err()).as("imported once").isEmpty();
    }

    @Test
    void aLockReleasedWithinTheRetriesIsWaitedOutAndNothingIsSpooled() throws Exception {
        shortBusyTimeout();
        RecordListener lockBriefly = new RecordListener() {
            @Override
            public void storyFinished(Story story, StoryResult result, int done, int total) {
                lockAfterFirstStory().storyFinished(story, result, done, total);
                if (done == 1) {
                    Connection held = locker;
                    new Thread(() -> {
                        try {
                            Thread.sleep(700);
                            release(held);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }).start();
                }
            }
        };

        RecordOutcome o = record(durability(Duration.ofSeconds(20)), lockBriefly, threeStories());

        assertThat(notices).isEmpty();
        assertThat(Spool.beside(file, Map.of("XDG_CACHE_HOME", home.resolve("cache").toString())).pending()).isEmpty();
        Run stored = db.repository().findRun(o.run().id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(stored.totalStories()).isEqualTo(3);
    }

    @Test
    void aRunRowDeletedMidRunFailsTheForeignKeyAndTheRunIsRebuiltFromTheSpool() {
        RecordListener deleteRun = new RecordListener() {
            @Override
            public void storyFinished(Story story, StoryResult result, int done, int total) {
                if (done == 1) {
                    db.jdbi().useTransaction(h -> {
                        h.execute("DELETE FROM ExpectationResults");
                        h.execute("DELETE FROM StoryResults");
                        h.execute("DELETE FROM TestRuns");
                    });
                }
            }
        };

        RecordOutcome o = record(durability(Duration.ofSeconds(5)), deleteRun, threeStories());

        assertThat(notices.get(0)).startsWith("cannot write to the history (").contains("FOREIGN KEY");
        assertThat(notices.get(1)).startsWith("the history answers again: the spooled results are imported");
        Run stored = db.repository().findRun(o.run().id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(stored.totalStories()).as("the two results after the deletion are kept").isEqualTo(2);
        assertThat(o.run()).isEqualTo(stored);
        assertThat(Spool.beside(file, Map.of("XDG_CACHE_HOME", home.resolve("cache").toString())).pending()).isEmpty();
    }

    @Test
    void theRecorderBeatsWhileItRecords() {
        Durability d = durability(Duration.ofSeconds(5)).withBeatEvery(Duration.ofMillis(100));
        List<String> beats = new CopyOnWriteArrayList<>();
        RecordListener watch = new RecordListener() {
            @Override
            public void storyFinished(Story story, StoryResult result, int done, int total) {
                try {
                    Thread.sleep(400);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                beats.add(db.jdbi().withHandle(h -> h.createQuery("SELECT Heartbeat FROM TestRuns").mapTo(String.class).one()));
            }
        };

        RecordOutcome o = record(d, watch, threeStories());

        assertThat(beats).hasSize(3).doesNotHaveDuplicates().isSorted();
        assertThat(beats.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z")
                .isGreaterThan(dev.anvil.history.Timestamps.format(o.run().startedAt()));
    }

    /**
     * A history that refuses writes mid-run (SQLITE_READONLY: here the recording connection made
     * query-only; a read-only file system cannot be remounted while the recorder holds the file).
     */
    @Test
    void aHistoryThatTurnsReadOnlyMidRunSpoolsTheRestAndTheNextCommandImportsIt() {
        RecordListener readOnly = new RecordListener() {
            @Override
            public void storyFinished(Story story, StoryResult result, int done, int total) {
                if (done == 1) {
                    connection.repository().jdbi().useHandle(h -> h.execute("PRAGMA query_only = 1"));
                }
            }
        };

        RecordOutcome o = record(durability(Duration.ofSeconds(5)), readOnly, threeStories());

        assertThat(notices.get(0)).startsWith("cannot write to the history (").containsIgnoringCase("readonly");
        Path spool = home.resolve("anvil.db.spool-" + o.run().id() + ".jsonl");
        assertThat(notices.get(1)).contains("wait in the spool " + spool);
        assertThat(o.run().totalStories()).isEqualTo(3);
        connection.close();

        Cli.Outcome show = Cli.run("--db", file.toString(), "show", "latest");
        assertThat(show.err()).isEqualTo("anvil: imported 2 result(s) from 1 spool file(s) left by an earlier recording\n");
        assertThat(show.exitCode()).isZero();
        Run stored = db.repository().findRun(o.run().id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(stored.totalStories()).isEqualTo(3);
        assertThat(spool).doesNotExist();
    }
}
