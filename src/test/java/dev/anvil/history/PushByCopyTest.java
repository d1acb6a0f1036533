package dev.anvil.history;

import dev.anvil.cli.Cli;
import dev.anvil.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pushing into PostgreSQL sends new runs with COPY: every column arrives exactly as stored, however
 * awkward its text, and push keeps its promises (each run once, partial runs completed, groups
 * committed so a cut-off push is just repeated, ordinary table privileges, readers refused).
 */
class PushByCopyTest {
    static final TestPostgres PG = TestPostgres.shared();
    /** Text that COPY's format must escape or must not mistake for its own markers. */
    static final List<String> AWKWARD = List.of("tab\there", "new\nline", "crlf\r\nend", "back\\slash", "\\N", "\\.",
            "\\", "end\\", "\\t literally", "quotes ' and \" and ``", "unicode ✓ 日本語 😀 ü", "comma, semi; pipe |",
            "", " ", "control \u0001\u0002\b\f\u000b", "NULL", "\\\\N");

    @TempDir
    Path tmp;
    HistoryDatabase local;
    HistoryDatabase team;
    String database;

    @BeforeEach
    void open() {
        local = HistoryDatabase.open(tmp.resolve("local.db"));
        database = PG.createDatabase();
        team = HistoryDatabase.open(DatabaseLocation.of(PG.urlWithPassword(database), null, "test", Map.of()));
    }

    @AfterEach
    void close() {
        local.close();
        team.close();
    }

    @Test
    void copyTextEscapesWhatItsFormatReadsSpecially() {
        StringBuilder row = new StringBuilder();
        CopyRows.row(row, "a\tb", null, 42L, "x\\N", "l1\nl2\r", "✓");
        assertThat(row.toString()).isEqualTo("a\\tb\t\\N\t42\tx\\\\N\tl1\\nl2\\r\t✓\n");
    }

    @Test
    void everyColumnOfAwkwardRowsComesBackAsStored() {
        List<StoredRun> runs = List.of(awkwardRun("run-awkward-1", 0), awkwardRun("run-awkward-2", 1), bareRun("run-bare"));
        store(local, runs);

        HistoryTransfer.Report pushed = new HistoryTransfer(local, team).copy(null);
        assertThat(pushed.runsAdded()).isEqualTo(3);
        assertThat(pushed.resultsAdded()).isEqualTo(2L * AWKWARD.size() + 1);
        assertThat(stored(team)).isEqualTo(stored(local)).isEqualTo(runs);

        try (HistoryDatabase laptop = HistoryDatabase.open(tmp.resolve("laptop.db"))) {
            new HistoryTransfer(team, laptop).copy(null);
            assertThat(stored(laptop)).isEqualTo(runs);
        }
    }

    @Test
    void pushingAgainCopiesNothingTwice() {
        store(local, List.of(awkwardRun("r1", 0), awkwardRun("r2", 3), bareRun("r3")));
        new HistoryTransfer(local, team, 5).copy(null);
        List<StoredRun> first = stored(team);

        HistoryTransfer.Report again = new HistoryTransfer(local, team, 5).copy(null);
        assertThat(again).isEqualTo(new HistoryTransfer.Report(0, 0, 3, 0, 0));
        assertThat(stored(team)).isEqualTo(first);
    }

    @Test
    void aPartialRunIsCompletedBesideNewRunsCopiedInTheSamePush() {
        StoredRun whole = awkwardRun("partial", 0);
        StoredRun running = new StoredRun(whole.id(), whole.startedAt(), null, whole.mode(), null, null, null, null,
                "running", null, whole.label(), whole.sutRevision(), whole.host(), whole.pid(), whole.anvilVersion(),
                "2026-11-27T06:00:05.000Z", whole.results().subList(0, 4));
        store(local, List.of(running));
        assertThat(new HistoryTransfer(local, team).copy(null).runsAdded()).isEqualTo(1);

        // the recorder went on: the run completes locally, and a new run starts after it
        local.jdbi().useHandle(h -> {
            StoredRows.insertResults(h, whole.id(), whole.results().subList(4, whole.results().size()));
            StoredRows.updateRun(h, whole);
        });
        StoredRun next = awkwardRun("next", 2);
        store(local, List.of(next));

        HistoryTransfer.Report second = new HistoryTransfer(local, team, 4).copy(null);
        assertThat(second.runsAdded()).isEqualTo(1);
        assertThat(second.runsCompleted()).isEqualTo(1);
        assertThat(second.resultsAdded()).isEqualTo(whole.results().size() - 4 + next.results().size());
        assertThat(stored(team)).isEqualTo(List.of(whole, next));
    }

    @Test
    void aPushCutOffHalfWayKeepsWhatItCommittedAndIsJustRepeated() {
        List<StoredRun> runs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            runs.add(awkwardRun("run-" + i, i));
        }
        store(local, runs);
        // The target already holds one result id of the fifth run (under a run of its own): the
        // push fails at the group that holds it, after committing the groups before.
        StoredRun squatter = bareRun("squatter");
        StoredResult taken = runs.get(4).results().get(2);
        store(team, List.of(squatter.withResults(List.of(new StoredResult(taken.id(), "s", "p", "java", "passed", 1L,
                null, null, "2026-11-27T06:00:00.000Z", null, null, null, List.of())))));

        int perGroup = AWKWARD.size() * 2; // two runs a group
        assertThatThrownBy(() -> new HistoryTransfer(local, team, perGroup).copy(null))
                .hasMessageContaining("duplicate key");
        assertThat(ids(team)).containsExactly("run-0", "run-1", "run-2", "run-3", "squatter");

        team.jdbi().useHandle(h -> h.execute("DELETE FROM StoryResults WHERE TestRunId = 'squatter'"));
        HistoryTransfer.Report repeated = new HistoryTransfer(local, team, perGroup).copy(null);
        assertThat(repeated.runsSkipped()).isEqualTo(4);
        assertThat(repeated.runsAdded()).isEqualTo(2);
        List<StoredRun> all = stored(team);
        assertThat(all.subList(0, 6)).isEqualTo(runs);
    }

    @Test
    void aRoleWithOnlyTablePrivilegesPushesAndAReaderIsRefused() {
        store(local, List.of(awkwardRun("r1", 0)));
        String writer = "writer_" + database;
        String reader = "reader_" + database;
        PG.execute(database, "CREATE ROLE " + writer + " LOGIN PASSWORD 'writer-pw'",
                "CREATE ROLE " + reader + " LOGIN PASSWORD 'reader-pw'",
                "GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO " + writer,
                "GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + reader);
        String at = "@127.0.0.1:" + PG.port() + "/" + database;

        Cli.Outcome asReader = Cli.run("--db", local.path().toString(), "push", "--to",
                "postgresql://" + reader + ":reader-pw" + at);
        assertThat(asReader.exitCode()).as(asReader.err()).isEqualTo(2);
        assertThat(asReader.err().strip().lines()).hasSize(1);
        assertThat(asReader.err()).contains("user '" + reader + "' may only read").doesNotContain("reader-pw");
        assertThat(ids(team)).isEmpty();

        Cli.Outcome asWriter = Cli.run("--db", local.path().toString(), "push", "--to",
                "postgresql://" + writer + ":writer-pw" + at);
        assertThat(asWriter.exitCode()).as(asWriter.err()).isZero();
        assertThat(asWriter.out()).contains("1 run(s) added").contains(AWKWARD.size() + " story result(s)");
        assertThat(stored(team)).isEqualTo(List.of(awkwardRun("r1", 0)));
    }

    /** A run whose every text column, in turn, holds each awkward string; nullable columns null in some rows. */
    static StoredRun awkwardRun(String id, int shift) {
        List<StoredResult> results = new ArrayList<>();
        int n = AWKWARD.size();
        for (int i = 0; i < n; i++) {
            String a = AWKWARD.get((i + shift) % n);
            String b = AWKWARD.get((i + shift + 1) % n);
            boolean nulls = i % 3 == 1;
            List<StoredExpectation> expectations = i % 4 == 3 ? List.of() : List.of(
                    new StoredExpectation(1, "command", a, "passed", null),
                    new StoredExpectation(2, b, nulls ? null : b, "failed", a));
            results.add(new StoredResult(id + "-result-" + i + "-" + a.hashCode(), "story " + a, "stories/" + b + ".yaml",
                    b, i % 2 == 0 ? "passed" : "failed", nulls ? null : (long) i * 1_000 - 1,
                    nulls ? null : a + " | " + b, nulls ? null : "[\"src/" + a.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]",
                    String.format("2026-11-27T06:%02d:%02d.%03dZ", shift, i, i * 7), nulls ? null : b, nulls ? null : "logs/" + a,
                    nulls ? null : "/tmp/wt " + b, expectations));
        }
        String a = AWKWARD.get(shift % n);
        return new StoredRun(id, String.format("2026-11-27T06:%02d:00.000Z", shift), "2026-11-27 07:00:00",
                "mode " + a, n, n / 2, n - n / 2, 0, "completed", 0, a, AWKWARD.get((shift + 2) % n), "host\t" + a,
                2_147_483_647L, "0.1.0 " + a, "2026-11-27T06:59:59.999Z", results);
    }

    /** A run with every nullable column null, and one result with every nullable column null. */
    static StoredRun bareRun(String id) {
        return new StoredRun(id, "2026-11-28T06:00:00.000Z", null, "m", null, null, null, null, null, null, null, null,
                null, null, null, null, List.of(new StoredResult(id + "-only", "s", "p", "java", "error", null, null, null,
                "2026-11-28T06:00:01.000Z", null, null, null, List.of())));
    }

    static void store(HistoryDatabase db, List<StoredRun> runs) {
        db.jdbi().useTransaction(h -> runs.forEach(r -> StoredRows.insert(h, r)));
    }

    /** Every run with its results and expectations, as stored, oldest first. */
    static List<StoredRun> stored(HistoryDatabase db) {
        return db.jdbi().withHandle(h -> StoredRows.runs(h, null).stream()
                .map(r -> r.withResults(StoredRows.resultsOf(h, r.id()))).toList());
    }

    static List<String> ids(HistoryDatabase db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT Id FROM TestRuns ORDER BY Id").mapTo(String.class).list());
    }
}
