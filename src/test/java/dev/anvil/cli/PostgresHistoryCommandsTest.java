package dev.anvil.cli;

import dev.anvil.history.DatabaseLocation;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.HistoryRepository;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Run;
import dev.anvil.history.RunStart;
import dev.anvil.history.RunStatus;
import dev.anvil.history.StoryResult;
import dev.anvil.testing.TestHistory;
import dev.anvil.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static dev.anvil.testing.TestHistory.Outcome;
import static org.assertj.core.api.Assertions.assertThat;

/** The commands against a real PostgreSQL history: naming it, refusing what is wrong, push and pull, roles. */
class PostgresHistoryCommandsTest {
    static final TestPostgres PG = TestPostgres.shared();

    @TempDir
    Path tmp;
    String database;
    String url;

    @BeforeEach
    void newDatabase() {
        database = PG.createDatabase();
        url = PG.urlWithPassword(database);
    }

    private int tables() throws Exception {
        try (Connection c = PG.connect(database);
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void assertOneLineWithoutPassword(Cli.Outcome o) {
        assertThat(o.exitCode()).as(o.err()).isEqualTo(2);
        assertThat(o.err().strip().lines()).hasSize(1);
        assertThat(o.out() + o.err()).doesNotContain(TestPostgres.PASSWORD);
    }

    @Test
    void dbInfoNamesTheServerWithThePasswordMasked() {
        Cli.Outcome o = Cli.run("--db", url, "db", "info");
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.out()).contains("postgresql://postgres:***@127.0.0.1:" + PG.port() + "/" + database)
                .contains("engine:         postgresql").contains("runs:           0").contains("spool:          empty")
                .doesNotContain(TestPostgres.PASSWORD);
    }

    @Test
    void theJdbcFormNamesTheSameHistory() {
        String jdbc = "jdbc:postgresql://127.0.0.1:" + PG.port() + "/" + database + "?user=postgres&password="
                + TestPostgres.PASSWORD;
        Cli.Outcome o = Cli.run("--db", jdbc, "db", "migrate");
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.out()).contains("postgresql://postgres:***@127.0.0.1:" + PG.port() + "/" + database)
                .doesNotContain(TestPostgres.PASSWORD);
    }

    @Test
    void anUnreachableServerIsOneLine() throws IOException {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Cli.Outcome o = Cli.run("--db", "postgresql://postgres:" + TestPostgres.PASSWORD + "@127.0.0.1:" + closed + "/anvil", "runs");
        assertOneLineWithoutPassword(o);
        assertThat(o.err()).contains("cannot reach the PostgreSQL server at 127.0.0.1:" + closed);
    }

    @Test
    void aWrongPasswordIsOneLineThatDoesNotRepeatIt() throws Exception {
        Cli.Outcome o = Cli.run("--db", "postgresql://postgres:not-the-pw-42@127.0.0.1:" + PG.port() + "/" + database, "runs");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err().strip().lines()).hasSize(1);
        assertThat(o.err()).contains("refused the password for user 'postgres'").doesNotContain("not-the-pw-42");
        assertThat(tables()).isZero();
    }

    @Test
    void aMissingDatabaseIsOneLine() {
        Cli.Outcome o = Cli.run("--db", PG.urlWithPassword("no_such_db"), "runs");
        assertOneLineWithoutPassword(o);
        assertThat(o.err()).contains("database 'no_such_db' does not exist on the PostgreSQL server at 127.0.0.1:" + PG.port());
    }

    @Test
    void aDatabaseOfAnotherApplicationIsLeftAlone() throws Exception {
        PG.execute(database, "CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
        Cli.Outcome o = Cli.run("--db", url, "runs");
        assertOneLineWithoutPassword(o);
        assertThat(o.err()).contains("a PostgreSQL database of another application (tables: invoices)");
        assertThat(tables()).isEqualTo(1);
    }

    @Test
    void aHistoryOfANewerAnvilIsRefusedUnchanged() throws Exception {
        assertThat(Cli.run("--db", url, "db", "migrate").exitCode()).isZero();
        PG.execute(database, "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, "
                + "checksum, installed_by, execution_time, success) VALUES (99, '99', 'future', 'SQL', 'V99__future.sql', "
                + "0, 'postgres', 0, TRUE)");
        int before = tables();
        Cli.Outcome o = Cli.run("--db", url, "runs");
        assertOneLineWithoutPassword(o);
        assertThat(o.err()).contains("written by a newer Anvil (schema version 99");
        assertThat(tables()).isEqualTo(before);
    }

    @Test
    void pushCopiesEachRunOnceAndCompletesAPartialRun() {
        TestHistory local = TestHistory.create(tmp);
        local.run("copilot-cli", TestHistory.START, List.of(new Outcome("a", "java", ResultStatus.PASSED, 10L, null),
                new Outcome("b", "java", ResultStatus.FAILED, 20L, "boom")));
        HistoryRepository repo = local.repository();
        Run partial = repo.startRun(RunStart.now("copilot-cli", "nightly", null));
        repo.appendResult(result(partial, "a"));
        String localDb = local.path().toString();

        Cli.Outcome first = Cli.run("--db", localDb, "push", "--to", url);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("2 run(s) added, 0 partial run(s) completed, 0 run(s) skipped")
                .contains("3 story result(s)").doesNotContain(TestPostgres.PASSWORD);

        repo.appendResult(result(partial, "b"));
        repo.finishRun(partial.id(), RunStatus.COMPLETED, java.time.Instant.now());
        Cli.Outcome second = Cli.run("--db", localDb, "push", "--to", url);
        assertThat(second.out()).contains("0 run(s) added, 1 partial run(s) completed, 1 run(s) skipped")
                .contains("1 story result(s)");
        Cli.Outcome third = Cli.run("--db", localDb, "push", "--to", url);
        assertThat(third.out()).contains("0 run(s) added, 0 partial run(s) completed, 2 run(s) skipped");

        try (HistoryDatabase team = HistoryDatabase.open(DatabaseLocation.of(url, null, "test", Map.of()))) {
            assertThat(team.repository().countResults()).isEqualTo(4);
            Run pushed = team.repository().findRun(partial.id()).orElseThrow();
            assertThat(pushed.completedAt()).isNotNull();
            assertThat(pushed.passed()).isEqualTo(2);
        }

        Path laptop = tmp.resolve("laptop.db");
        Cli.Outcome pulled = Cli.run("--db", laptop.toString(), "pull", "--from", url);
        assertThat(pulled.out()).contains("2 run(s) added").contains("4 story result(s)");
        assertThat(Cli.run("--db", laptop.toString(), "pull", "--from", url).out()).contains("2 run(s) skipped");
    }

    @Test
    void exportImportAndPruneWorkOnATeamHistory() throws Exception {
        TestHistory local = TestHistory.create(tmp);
        local.run("copilot-cli", TestHistory.START, List.of(new Outcome("a", "java", ResultStatus.PASSED, 10L, null)));
        local.run("copilot-cli", TestHistory.START.plusSeconds(3600),
                List.of(new Outcome("a", "java", ResultStatus.FAILED, 12L, "boom")));
        Path export = tmp.resolve("local.jsonl");
        assertThat(Cli.run("--db", local.path().toString(), "export", "--format", "jsonl", "--output", export.toString())
                .exitCode()).isZero();

        Cli.Outcome imported = Cli.run("--db", url, "import", export.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported 2 run(s), 2 story result(s)");
        assertThat(Cli.run("--db", url, "import", export.toString()).out()).contains("skipped 2 run(s) already present");

        Cli.Outcome regressions = Cli.run("--db", url, "analyze", "regressions");
        assertThat(regressions.exitCode()).as(regressions.err()).isZero();

        Path again = tmp.resolve("team.jsonl");
        assertThat(Cli.run("--db", url, "export", "--format", "jsonl", "--output", again.toString()).exitCode()).isZero();
        assertThat(Files.readString(again).lines().filter(l -> l.contains("\"results\"")).toList())
                .isEqualTo(Files.readString(export).lines().filter(l -> l.contains("\"results\"")).toList());

        Cli.Outcome pruned = Cli.run("--db", url, "prune", "--older-than", "2026-01-05T06:30:00Z");
        assertThat(pruned.exitCode()).as(pruned.err()).isZero();
        assertThat(pruned.out()).contains("removed 1 run(s), 1 story result(s)");
    }

    private static StoryResult result(Run run, String story) {
        return StoryResult.of(run.id(), story, "java", ResultStatus.PASSED, 5, null, java.time.Instant.now());
    }

    @Test
    void aReaderRoleReadsEverythingAndIsRefusedRecordInOneLine() throws Exception {
        TestHistory local = TestHistory.create(tmp);
        local.run("copilot-cli", TestHistory.START, List.of(new Outcome("a", "java", ResultStatus.PASSED, 10L, null)));
        assertThat(Cli.run("--db", local.path().toString(), "push", "--to", url).exitCode()).isZero();
        String reader = "reader_" + database;
        PG.execute(database, "CREATE ROLE " + reader + " LOGIN PASSWORD 'reader-pw'",
                "GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + reader);
        String asReader = "postgresql://" + reader + ":reader-pw@127.0.0.1:" + PG.port() + "/" + database;

        for (List<String> reading : List.of(List.of("runs"), List.of("show", "latest"), List.of("analyze", "regressions"),
                List.of("analyze", "flaky"), List.of("analyze", "trend"), List.of("db", "info"),
                List.of("export", "--format", "jsonl", "--output", tmp.resolve("out.jsonl").toString()))) {
            List<String> args = new java.util.ArrayList<>(List.of("--db", asReader));
            args.addAll(reading);
            Cli.Outcome o = Cli.run(args.toArray(String[]::new));
            assertThat(o.exitCode()).as(reading + ": " + o.err()).isZero();
        }

        Path suite = Files.createDirectories(tmp.resolve("suite"));
        Files.writeString(suite.resolve("s.yaml"), """
                name: s
                language: java
                story:
                  title: t
                  description: d
                expectations:
                  - type: file_exists
                    path: DONE.txt
                """);
        Cli.Outcome record = Cli.run("--db", asReader, "record", suite.toString(), "--mode", "adhoc",
                "--agent-command", "echo done > DONE.txt", "--worktrees", tmp.resolve("wt").toString());
        assertThat(record.exitCode()).as(record.err()).isEqualTo(2);
        assertThat(record.err().strip().lines()).hasSize(1);
        assertThat(record.err()).contains("user '" + reader + "' may only read the history")
                .contains("record needs a writer role").doesNotContain("reader-pw");
        assertThat(Cli.run("--db", url, "runs").out().lines().filter(l -> l.contains("adhoc"))).isEmpty();
    }
}
