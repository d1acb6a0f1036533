package dev.anvil.cli;

import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.Run;
import dev.anvil.history.RunStatus;
import dev.anvil.history.Spool;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code anvil record} against the faults of a shared history file: a long lock, a prune mid-run. */
class DurableRecordIT {
    @TempDir
    Path tmp;
    Path stories;
    Path db;

    @BeforeEach
    void setUp() throws Exception {
        stories = Files.createDirectories(tmp.resolve("stories"));
        Files.createDirectories(tmp.resolve("fixture"));
        Files.writeString(tmp.resolve("fixture/README.md"), "app\n");
        for (String id : List.of("one", "two", "three")) {
            Files.writeString(stories.resolve(id + ".yaml"), """
                    name: %s
                    language: java
                    repository: ../fixture
                    story:
                      title: Write DONE.txt
                      description: Create DONE.txt.
                    expectations:
                      - type: file_exists
                        path: DONE.txt
                    """.formatted(id));
        }
        db = tmp.resolve("data/anvil.db");
    }

    private CompletableFuture<Cli.Outcome> recordInBackground(String agent) {
        return CompletableFuture.supplyAsync(() -> Cli.run("--db", db.toString(), "record", stories.toString(),
                "--mode", "t", "--agent-command", agent));
    }

    private long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (java.sql.SQLException e) {
            return 0; // not created yet
        }
    }

    private void awaitCount(String sql, long atLeast) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (count(sql) < atLeast) {
            assertThat(System.nanoTime()).as("waited for " + sql).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void pruneDuringARecordingLeavesTheRunBeingRecordedAndTheRecorderFinishesIt() throws Exception {
        CompletableFuture<Cli.Outcome> recording = recordInBackground("sleep 1; echo done > DONE.txt");
        awaitCount("SELECT COUNT(*) FROM StoryResults", 1);

        Cli.Outcome prune = Cli.run("--db", db.toString(), "prune", "--older-than", "0h");

        assertThat(prune.exitCode()).isZero();
        assertThat(prune.out()).startsWith("removed 0 run(s), 0 story result(s)");
        Cli.Outcome record = recording.get(2, TimeUnit.MINUTES);
        assertThat(record.err()).isEmpty();
        assertThat(record.exitCode()).isZero();
        try (HistoryDatabase h = HistoryDatabase.open(db)) {
            Run run = h.repository().resolveRun("latest");
            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(run.totalStories()).isEqualTo(3);
            assertThat(run.passed()).isEqualTo(3);
        }
    }

    /** The real scenario, with the real 30 s busy timeout: a lock held for a minute is waited out. */
    @Test
    void aLockHeldForAMinuteMidRunIsWaitedOutAndEveryResultIsCommitted() throws Exception {
        CompletableFuture<Cli.Outcome> recording = recordInBackground("echo done > DONE.txt");
        awaitCount("SELECT COUNT(*) FROM StoryResults", 1);
        long locked;
        try (Connection locker = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = locker.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
            locked = System.nanoTime();
            Thread.sleep(60_000);
            s.execute("ROLLBACK");
        }

        Cli.Outcome record = recording.get(3, TimeUnit.MINUTES);

        assertThat(System.nanoTime() - locked).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(60));
        assertThat(record.err()).as("waited, not spooled").isEmpty();
        assertThat(record.exitCode()).isZero();
        assertThat(Spool.beside(db, System.getenv()).pending()).isEmpty();
        try (HistoryDatabase h = HistoryDatabase.open(db)) {
            Run run = h.repository().resolveRun("latest");
            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(run.totalStories()).isEqualTo(3);
        }
    }
}
