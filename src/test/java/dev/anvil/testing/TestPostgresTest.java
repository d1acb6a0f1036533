package dev.anvil.testing;

import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test server leaves nothing behind: its own folder goes on close, abandoned ones on the next start. */
class TestPostgresTest {
    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

    @Test
    void closingAServerStopsItAndDeletesItsFolder() throws Exception {
        Path folder;
        int port;
        try (TestPostgres pg = TestPostgres.startOwn()) {
            folder = pg.folder();
            port = pg.port();
            pg.execute(pg.createDatabase(), "CREATE TABLE t (x INTEGER)");
            assertThat(folder.resolve("data/postmaster.pid")).exists();
        }

        assertThat(folder).doesNotExist();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).as("nothing listens any more")
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void theNextStartRemovesFoldersWhoseOwnerIsGone() throws Exception {
        Instant twoHoursAgo = Instant.now().minusSeconds(7200);
        // a folder whose owner JVM died: its owner.lock is held by no one
        Path unlocked = Files.createTempDirectory(TMP, "anvil-test-pg-");
        Files.createDirectories(unlocked.resolve("data"));
        Files.setLastModifiedTime(Files.writeString(unlocked.resolve("owner.lock"), ""), FileTime.from(twoHoursAgo));
        // a folder from before there were owner locks, old and with no server in it
        Path old = Files.createTempDirectory(TMP, "anvil-test-pg-");
        Files.writeString(Files.createDirectories(old.resolve("data")).resolve("PG_VERSION"), "14\n");
        Files.setLastModifiedTime(old, FileTime.from(twoHoursAgo));
        // one being made right now (no lock yet): left alone
        Path fresh = Files.createTempDirectory(TMP, "anvil-test-pg-");
        try {
            try (TestPostgres pg = TestPostgres.startOwn()) {
                assertThat(pg.folder()).exists();
            }

            assertThat(unlocked).doesNotExist();
            assertThat(old).doesNotExist();
            assertThat(fresh).exists();
        } finally {
            Files.deleteIfExists(fresh);
        }
    }

    /**
     * On Linux closing any channel to a file releases every lock the JVM holds on it: a sweep that
     * opened this JVM's own lock files let another JVM's sweep stop a server still in use (seen: a
     * benchmark's start stopped the test suite's shared server).
     */
    @Test
    void aSweepLeavesTheLocksOfThisJvmsOwnServersHeld() throws Exception {
        try (TestPostgres first = TestPostgres.startOwn()) {
            Path lock = first.folder().resolve("owner.lock");
            // old enough to be judged; aged by another process, as this JVM opening the file would itself release the lock
            assertThat(new ProcessBuilder("touch", "-d", "2 hours ago", lock.toString()).start().waitFor()).isZero();

            try (TestPostgres second = TestPostgres.startOwn()) { // its start sweeps the temp folder
                assertThat(second.folder()).exists();
            }

            Process probe = new ProcessBuilder("python3", "-c", "import fcntl, sys; f = open(sys.argv[1], 'r+'); "
                    + "fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)", lock.toString()).redirectErrorStream(true).start();
            assertThat(probe.waitFor()).as("another process cannot take the lock: it is still held").isNotZero();
        }
    }
}
