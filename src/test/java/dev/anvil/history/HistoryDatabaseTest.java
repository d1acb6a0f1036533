package dev.anvil.history;

import dev.anvil.AnvilException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryDatabaseTest {

    @TempDir
    Path tmp;

    @Test
    void anEmptyDatabaseGetsTheAdr005TablesColumnsAndIndexesToTheLetter() throws Exception {
        Path file = tmp.resolve("anvil.db");
        HistoryDatabase.open(file).close();

        assertThat(tables(file)).contains("TestRuns", "StoryResults", "ExpectationResults", "flyway_schema_history");
        assertThat(columns(file, "TestRuns")).startsWith(
                "Id", "StartedAt", "CompletedAt", "Mode", "TotalStories", "Passed", "Failed", "Skipped");
        assertThat(columns(file, "StoryResults")).startsWith(
                "Id", "TestRunId", "StoryId", "StoryPath", "Language", "Status", "DurationMs", "ErrorMessage",
                "GeneratedFiles", "ExecutedAt");
        assertThat(columns(file, "ExpectationResults")).containsExactly(
                "StoryResultId", "Position", "Type", "Description", "Status", "Message");
        assertThat(query(file, "SELECT sql FROM sqlite_master WHERE name = 'IX_StoryResults_StoryId'"))
                .singleElement().asString().contains("StoryResults(StoryId)");
        assertThat(query(file, "SELECT sql FROM sqlite_master WHERE name = 'IX_StoryResults_ExecutedAt'"))
                .singleElement().asString().contains("StoryResults(ExecutedAt)");
        assertThat(query(file, "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'IX_%'"))
                .contains("IX_StoryResults_TestRunId", "IX_TestRuns_StartedAt", "IX_TestRuns_Mode_StartedAt");
        assertThat(query(file, "PRAGMA journal_mode")).containsExactly("wal");
    }

    @Test
    void aDatabaseOfTheDotNetAnvilIsAdoptedAsVersionOneAndUpgradedKeepingEveryRow() throws Exception {
        Path file = tmp.resolve("dotnet.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            // What EF Core's InitialCreate migration makes of ADR-005 (quoted names, named keys,
            // an index for the foreign key), with EF's own migration history table.
            s.execute("CREATE TABLE \"__EFMigrationsHistory\" (\"MigrationId\" TEXT NOT NULL CONSTRAINT "
                    + "\"PK___EFMigrationsHistory\" PRIMARY KEY, \"ProductVersion\" TEXT NOT NULL)");
            s.execute("CREATE TABLE \"TestRuns\" (\"Id\" TEXT NOT NULL CONSTRAINT \"PK_TestRuns\" PRIMARY KEY, "
                    + "\"StartedAt\" TEXT NOT NULL, \"CompletedAt\" TEXT NULL, \"Mode\" TEXT NOT NULL, "
                    + "\"TotalStories\" INTEGER NULL, \"Passed\" INTEGER NULL, \"Failed\" INTEGER NULL, \"Skipped\" INTEGER NULL)");
            s.execute("CREATE TABLE \"StoryResults\" (\"Id\" TEXT NOT NULL CONSTRAINT \"PK_StoryResults\" PRIMARY KEY, "
                    + "\"TestRunId\" TEXT NOT NULL, \"StoryId\" TEXT NOT NULL, \"StoryPath\" TEXT NOT NULL, "
                    + "\"Language\" TEXT NOT NULL, \"Status\" TEXT NOT NULL, \"DurationMs\" INTEGER NULL, "
                    + "\"ErrorMessage\" TEXT NULL, \"GeneratedFiles\" TEXT NULL, \"ExecutedAt\" TEXT NOT NULL, "
                    + "CONSTRAINT \"FK_StoryResults_TestRuns_TestRunId\" FOREIGN KEY (\"TestRunId\") "
                    + "REFERENCES \"TestRuns\" (\"Id\") ON DELETE CASCADE)");
            s.execute("CREATE INDEX \"IX_StoryResults_ExecutedAt\" ON \"StoryResults\" (\"ExecutedAt\")");
            s.execute("CREATE INDEX \"IX_StoryResults_StoryId\" ON \"StoryResults\" (\"StoryId\")");
            s.execute("CREATE INDEX \"IX_StoryResults_TestRunId\" ON \"StoryResults\" (\"TestRunId\")");
            s.execute("INSERT INTO \"__EFMigrationsHistory\" VALUES ('20260130060000_InitialCreate', '8.0.1')");
            for (int r = 0; r < 3; r++) {
                String runId = "0000000" + r + "-aaaa-bbbb-cccc-dddddddddddd";
                s.execute("INSERT INTO TestRuns VALUES ('" + runId + "', '2026-01-2" + r + " 06:00:00.1234567', "
                        + (r == 2 ? "NULL" : "'2026-01-2" + r + " 06:10:00.7654321'") + ", 'copilot-cli', "
                        + (r == 2 ? "NULL, NULL, NULL, NULL" : "4, 2, 1, 1") + ")");
                for (int i = 0; i < 4; i++) {
                    String status = i < 2 ? "passed" : i == 2 ? "failed" : "skipped";
                    s.execute("INSERT INTO StoryResults VALUES ('" + runId.substring(0, 8) + "-result-" + i + "', '"
                            + runId + "', 'story-" + i + "', 'stories/story-" + i + ".md', 'csharp', '" + status
                            + "', " + (1500 + i) + ", " + (i == 2 ? "'Build failed: CS1002'" : "NULL")
                            + ", '[\"src/Program.cs\"]', '2026-01-2" + r + " 06:0" + (i + 1) + ":00.5')");
                }
            }
        }
        List<String> runsBefore = Histories.dump(file, "TestRuns", "Id");
        List<String> resultsBefore = Histories.dump(file, "StoryResults", "Id");

        try (HistoryDatabase db = HistoryDatabase.open(file)) {
            assertThat(db.schemaVersion()).isEqualTo(SchemaMigrator.LATEST_VERSION);
            HistoryRepository repo = db.repository();
            assertThat(repo.countRuns()).isEqualTo(3);
            assertThat(repo.countResults()).isEqualTo(12);

            List<Run> runs = repo.listRuns(0, null);
            assertThat(runs).extracting(Run::id).containsExactly(
                    "00000002-aaaa-bbbb-cccc-dddddddddddd", "00000001-aaaa-bbbb-cccc-dddddddddddd",
                    "00000000-aaaa-bbbb-cccc-dddddddddddd");
            Run finished = runs.get(1);
            assertThat(finished.startedAt()).isEqualTo(Instant.parse("2026-01-21T06:00:00.1234567Z"));
            assertThat(finished.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(finished.totalStories()).isEqualTo(4);
            assertThat(finished.passed()).isEqualTo(2);
            Run unfinished = runs.get(0);
            assertThat(unfinished.status()).isEqualTo(RunStatus.INCOMPLETE);
            assertThat(unfinished.totalStories()).isEqualTo(4); // counted from its results

            List<StoryResult> results = repo.loadRun("00000001").results();
            assertThat(results).hasSize(4);
            assertThat(results.get(2).errorMessage()).isEqualTo("Build failed: CS1002");
            assertThat(results.get(2).generatedFiles()).containsExactly("src/Program.cs");
            assertThat(results.get(0).executedAt()).isEqualTo(Instant.parse("2026-01-21T06:01:00.5Z"));
        }
        assertThat(query(file, "SELECT version || ':' || description FROM flyway_schema_history ORDER BY installed_rank"))
                .startsWith("1:adopted ADR-005 database");
        assertThat(query(file, "SELECT MigrationId FROM __EFMigrationsHistory")).containsExactly("20260130060000_InitialCreate");
        // The ADR-005 columns of every row are as the .NET Anvil wrote them.
        assertThat(adr005Columns(Histories.dump(file, "TestRuns", "Id"), 8)).isEqualTo(runsBefore);
        assertThat(adr005Columns(Histories.dump(file, "StoryResults", "Id"), 10)).isEqualTo(resultsBefore);
    }

    @Test
    void aDatabaseFromANewerAnvilIsRefusedAndLeftByteForByteUntouched() throws Exception {
        Path file = tmp.resolve("newer.db");
        HistoryDatabase.open(file).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=DELETE");
            s.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, "
                    + "installed_by, execution_time, success) VALUES (99, '99', 'from the future', 'SQL', "
                    + "'V99__future.sql', 'anvil', 1, 1)");
        }
        byte[] before = Files.readAllBytes(file);
        List<String> filesBefore = filesIn(tmp);

        assertThatThrownBy(() -> HistoryDatabase.open(file))
                .isInstanceOf(AnvilException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("newer Anvil")
                .hasMessageContaining("schema version 99");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(filesIn(tmp)).isEqualTo(filesBefore);
    }

    @Test
    void anSqliteDatabaseOfAnotherApplicationIsRefusedAndLeftByteForByteUntouched() throws Exception {
        Path file = tmp.resolve("photos.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE albums (id INTEGER PRIMARY KEY, title TEXT)");
            s.execute("INSERT INTO albums (title) VALUES ('holiday')");
        }
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> HistoryDatabase.open(file))
                .isInstanceOf(AnvilException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("another application")
                .hasMessageContaining("albums");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(filesIn(tmp)).containsExactly("photos.db");
    }

    @Test
    void aFileThatIsNotAnSqliteDatabaseIsRefusedAndLeftByteForByteUntouched() throws Exception {
        Path file = tmp.resolve("notes.db");
        byte[] text = "these are my notes, not a database\n".getBytes();
        Files.write(file, text);

        assertThatThrownBy(() -> HistoryDatabase.open(file))
                .isInstanceOf(AnvilException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not an SQLite database");
        assertThat(Files.readAllBytes(file)).isEqualTo(text);
        assertThat(filesIn(tmp)).containsExactly("notes.db");
    }

    @Test
    void aLocationUnderARegularFileIsRefusedNamingThePath() throws Exception {
        Path blocker = tmp.resolve("plain-file");
        Files.writeString(blocker, "x");
        Path file = blocker.resolve("history/anvil.db");

        assertThatThrownBy(() -> HistoryDatabase.open(file))
                .isInstanceOf(AnvilException.class)
                .hasMessageContaining(file.getParent().toString())
                .hasMessageContaining(blocker + " is a file");
        assertThat(Files.readString(blocker)).isEqualTo("x");
    }

    @Test
    void reopeningAMigratedDatabaseKeepsItsVersionAndRows() {
        Path file = tmp.resolve("anvil.db");
        try (HistoryDatabase db = HistoryDatabase.open(file)) {
            Histories.recordRun(db.repository(), "copilot-cli", Instant.parse("2026-11-01T06:00:00Z"), 5);
        }
        try (HistoryDatabase db = HistoryDatabase.open(file)) {
            assertThat(db.schemaVersion()).isEqualTo(SchemaMigrator.LATEST_VERSION);
            assertThat(db.repository().countResults()).isEqualTo(5);
        }
    }

    private static List<String> adr005Columns(List<String> dumped, int columns) {
        List<String> out = new ArrayList<>();
        for (String row : dumped) {
            String[] cells = row.split(" \\| ");
            out.add(String.join(" | ", List.of(cells).subList(0, columns)) + " | ");
        }
        return out;
    }

    static List<String> tables(Path file) throws Exception {
        return query(file, "SELECT name FROM sqlite_master WHERE type = 'table'");
    }

    static List<String> columns(Path file, String table) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) {
                names.add(rs.getString("name"));
            }
        }
        return names;
    }

    static List<String> query(Path file, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static List<String> filesIn(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
