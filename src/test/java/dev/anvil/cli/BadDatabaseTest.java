package dev.anvil.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** Every history command meets a database it cannot use with one line, exit code 2, and the file intact. */
class BadDatabaseTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"runs", "show", "db info", "db migrate", "prune --older-than 1d", "export"})
    void aFileThatIsNotSqliteIsNamedAndLeftByteForByteUntouched(String command) throws Exception {
        Path file = tmp.resolve("notes.txt");
        byte[] bytes = "my notes\nnot a database\n".getBytes();
        Files.write(file, bytes);

        Cli.Outcome o = Cli.run(args(file, command));

        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("anvil: " + file + ": not an SQLite database; it was left untouched. "
                + "Point --db or ANVIL_DB at an Anvil history.\n");
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"runs", "db migrate", "import x.json"})
    void anotherApplicationsDatabaseIsNamedAndLeftByteForByteUntouched(String command) throws Exception {
        Path file = tmp.resolve("app.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE settings (k TEXT, v TEXT)");
        }
        byte[] bytes = Files.readAllBytes(file);

        Cli.Outcome o = Cli.run(args(file, command));

        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).startsWith("anvil: " + file + ": an SQLite database of another application (tables: settings)");
        assertThat(o.err().lines()).hasSize(1);
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
    }

    @Test
    void aDatabaseFromANewerAnvilIsRefusedWithOneLineAndLeftUntouched() throws Exception {
        Path file = tmp.resolve("anvil.db");
        assertThat(Cli.run("--db", file.toString(), "db", "migrate").exitCode()).isZero();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, "
                    + "installed_by, execution_time, success) VALUES (50, '50', 'later', 'SQL', 'V50__later.sql', 'x', 1, 1)");
        }
        byte[] bytes = Files.readAllBytes(file);

        Cli.Outcome o = Cli.run("--db", file.toString(), "runs");

        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("anvil: " + file + ": written by a newer Anvil (schema version 50, this build "
                + "knows up to " + dev.anvil.history.SchemaMigrator.LATEST_VERSION + "); upgrade Anvil to use it. Nothing was changed.\n");
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
    }

    @Test
    void anUnwritableLocationIsNamedInOneLine() throws Exception {
        // Tests run as root, which may write anywhere permissions allow; a regular file in the
        // way of the folder fails for everyone.
        Path blocker = tmp.resolve("not-a-folder");
        Files.writeString(blocker, "x");
        Path file = blocker.resolve("anvil/anvil.db");

        Cli.Outcome o = Cli.run("--db", file.toString(), "runs");

        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("anvil: cannot create the history folder " + file.getParent() + ": "
                + blocker + " is a file, not a folder\n");
    }

    @Test
    void aFolderGivenAsTheDatabaseIsNamed() {
        Cli.Outcome o = Cli.run("--db", tmp.toString(), "runs");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).startsWith("anvil: " + tmp + ": is a folder, not a database file");
    }

    @Test
    void verboseAddsTheStackTrace() throws Exception {
        Path file = tmp.resolve("notes.txt");
        Files.writeString(file, "not a database");
        Cli.Outcome o = Cli.run("--db", file.toString(), "--verbose", "runs");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err().lines().count()).isGreaterThan(3);
        assertThat(o.err()).contains("at dev.anvil.history.HistoryDatabase");
    }

    private static String[] args(Path db, String command) {
        String[] words = command.split(" ");
        String[] all = new String[words.length + 2];
        all[0] = "--db";
        all[1] = db.toString();
        System.arraycopy(words, 0, all, 2, words.length);
        return all;
    }
}
