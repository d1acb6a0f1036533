package dev.anvil.history;

import dev.anvil.AnvilException;
import dev.anvil.cli.Cli;
import dev.anvil.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.anvil.history.PushByCopyTest.awkwardRun;
import static dev.anvil.history.PushByCopyTest.bareRun;
import static dev.anvil.history.PushByCopyTest.ids;
import static dev.anvil.history.PushByCopyTest.store;
import static dev.anvil.history.PushByCopyTest.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A push into a PostgreSQL history with no runs, by a role that owns its tables, drops the
 * secondary indexes and foreign keys, copies everything and creates them again, in one
 * transaction: the runs arrive exactly, the indexes and constraints end up exactly as they were
 * (a team's own included), a failure anywhere leaves the history empty with all of them in place,
 * and every other push (a history with runs, a role with table privileges alone) goes the
 * ordinary way.
 */
class BulkPushTest {
    static final TestPostgres PG = TestPostgres.shared();
    /** The tables a push fills. */
    static final String TABLES = "'testruns'::regclass, 'storyresults'::regclass, 'expectationresults'::regclass, "
            + "'auraresults'::regclass";

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
        // a team's own additions: a partial expression index and a unique one
        PG.execute(database, "CREATE INDEX team_failed_by_story ON StoryResults (lower(StoryId), ExecutedAt DESC) "
                + "WHERE Status = 'failed'", "CREATE UNIQUE INDEX team_one_run_per_label ON TestRuns (Label)");
    }

    @AfterEach
    void close() {
        local.close();
        team.close();
    }

    @Test
    void aWholeHistoryArrivesExactlyWithEveryIndexAndConstraintAsBefore() {
        List<StoredRun> runs = runs(6);
        store(local, runs);
        List<String> schema = schema();
        List<String> indexIds = indexIds();
        assertThat(schema).as("secondary indexes, primary keys and foreign keys").hasSizeGreaterThan(15);

        HistoryTransfer.Report pushed = new HistoryTransfer(local, team, 7).copy(null);

        assertThat(pushed).isEqualTo(new HistoryTransfer.Report(7, 0, 0, 6L * PushByCopyTest.AWKWARD.size() + 1,
                6L * (PushByCopyTest.AWKWARD.size() - 4) * 2));
        assertThat(stored(team)).isEqualTo(stored(local)).isEqualTo(sorted(runs));
        assertThat(schema()).isEqualTo(schema);
        List<String> kept = new ArrayList<>(indexIds());
        kept.retainAll(indexIds);
        assertThat(kept).as("the primary keys kept, every other index built anew")
                .containsExactlyInAnyOrderElementsOf(indexIds.stream().filter(i -> i.contains("_pkey ")).toList())
                .hasSize(4);
        assertThat(query("SELECT count(DISTINCT tablename) FROM pg_stats WHERE tablename IN "
                + "('testruns', 'storyresults', 'expectationresults')")).as("analyzed").containsExactly("3");
    }

    @Test
    void aSecondPushFindsRunsThereAndTakesTheOrdinaryWay() {
        List<StoredRun> first = runs(3);
        store(local, first);
        new HistoryTransfer(local, team).copy(null);
        List<String> schema = schema();
        List<String> indexIds = indexIds();

        StoredRun later = awkwardRun("later", 5);
        store(local, List.of(later));
        HistoryTransfer.Report second = new HistoryTransfer(local, team, 7).copy(null);

        assertThat(second).isEqualTo(new HistoryTransfer.Report(1, 0, 4, PushByCopyTest.AWKWARD.size(),
                (PushByCopyTest.AWKWARD.size() - 4) * 2L));
        assertThat(stored(team)).isEqualTo(stored(local));
        assertThat(indexIds()).as("indexes kept, not rebuilt").isEqualTo(indexIds);
        assertThat(schema()).isEqualTo(schema);
        assertThat(new HistoryTransfer(local, team).copy(null)).isEqualTo(new HistoryTransfer.Report(0, 0, 5, 0, 0));
    }

    @Test
    void aRowTheServerRefusesHalfWayLeavesTheHistoryEmptyWithItsIndexesAndConstraints() {
        List<StoredRun> runs = new ArrayList<>(runs(6));
        StoredRun fourth = runs.get(3);
        List<StoredResult> results = new ArrayList<>(fourth.results());
        StoredResult r = results.get(5);
        // SQLite keeps a NUL character in text; PostgreSQL's text cannot hold one
        results.set(5, new StoredResult(r.id(), r.storyId(), r.storyPath(), r.language(), r.status(), r.durationMs(),
                "agent wrote \u0000 to its log", r.generatedFiles(), r.executedAt(), r.storyHash(), r.logPath(),
                r.worktreePath(), r.expectations()));
        runs.set(3, fourth.withResults(results));
        store(local, runs);
        assertThat(stored(local).get(3).results().get(5).errorMessage()).contains("\u0000");
        List<String> schema = schema();
        List<String> indexIds = indexIds();

        // groups of about two runs: the first ones are copied before the fourth run fails
        assertThatThrownBy(() -> new HistoryTransfer(local, team, PushByCopyTest.AWKWARD.size() * 2).copy(null))
                .isInstanceOf(AnvilException.class)
                .hasMessageContaining("failed and was rolled back (it holds no runs, its indexes and constraints as before)")
                .hasMessageContaining("0x00");
        assertThat(ids(team)).isEmpty();
        assertThat(schema()).isEqualTo(schema);
        assertThat(indexIds()).as("the very same indexes").isEqualTo(indexIds);

        Cli.Outcome o = Cli.run("--db", local.path().toString(), "push", "--to", PG.urlWithPassword(database));
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.err().strip().lines()).hasSize(1);
        assertThat(o.err()).startsWith("anvil: copying into the empty history").contains("rolled back")
                .contains("0x00").doesNotContain(TestPostgres.PASSWORD);
        assertThat(ids(team)).isEmpty();
        assertThat(schema()).isEqualTo(schema);
    }

    @Test
    void anIndexThatCannotBeBuiltAgainAtTheEndUndoesTheWholePush() {
        List<StoredRun> runs = new ArrayList<>(runs(3));
        StoredRun twin = awkwardRun("same-label-as-run-0", PushByCopyTest.AWKWARD.size());
        assertThat(twin.label()).isEqualTo(runs.get(0).label());
        runs.add(twin);
        store(local, runs);
        List<String> schema = schema();
        List<String> indexIds = indexIds();

        // every row is copied (the unique index is gone meanwhile); creating it again fails
        assertThatThrownBy(() -> new HistoryTransfer(local, team).copy(null))
                .isInstanceOf(AnvilException.class)
                .hasMessageContaining("rolled back")
                .hasMessageContaining("team_one_run_per_label");
        assertThat(ids(team)).isEmpty();
        assertThat(schema()).isEqualTo(schema);
        assertThat(indexIds()).isEqualTo(indexIds);
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a push waiting for the reader would never end
    void aSessionReadingTheEmptyHistoryMakesThePushTakeTheOrdinaryWayAfterAShortWait() throws Exception {
        List<StoredRun> runs = runs(3);
        store(local, runs);
        List<String> indexIds = indexIds();
        try (Connection notebook = PG.connect(database)) {
            notebook.setAutoCommit(false); // a reader in an open transaction holds its tables until it ends
            notebook.createStatement().executeQuery("SELECT count(*) FROM StoryResults").close();
            long started = System.nanoTime();

            HistoryTransfer.Report report = new HistoryTransfer(local, team).copy(null);

            assertThat(report.runsAdded()).isEqualTo(runs.size());
            assertThat(indexIds()).as("not dropped and built again: the ordinary way").isEqualTo(indexIds);
            assertThat((System.nanoTime() - started) / 1e9).as("seconds waited for the tables").isLessThan(30);
            notebook.rollback();
        }
        assertThat(stored(team)).isEqualTo(stored(local));
    }

    @Test
    void aRoleThatDoesNotOwnTheTablesPushesTheOrdinaryWay() {
        List<StoredRun> runs = runs(3);
        store(local, runs);
        String writer = "writer_" + database;
        PG.execute(database, "CREATE ROLE " + writer + " LOGIN PASSWORD 'writer-pw'",
                "GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO " + writer);
        List<String> schema = schema();
        List<String> indexIds = indexIds();

        Cli.Outcome o = Cli.run("--db", local.path().toString(), "push", "--to",
                "postgresql://" + writer + ":writer-pw@127.0.0.1:" + PG.port() + "/" + database);

        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.out()).contains("4 run(s) added");
        assertThat(stored(team)).isEqualTo(sorted(runs));
        assertThat(indexIds()).as("indexes kept, not rebuilt").isEqualTo(indexIds);
        assertThat(schema()).isEqualTo(schema);
    }

    /** {@code n} awkward runs and a bare one, with distinct labels. */
    private static List<StoredRun> runs(int n) {
        List<StoredRun> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            runs.add(awkwardRun("run-" + i, i));
        }
        runs.add(bareRun("bare"));
        return runs;
    }

    /** Oldest first, as {@link PushByCopyTest#stored} reads them (the bare run starts a day later). */
    private static List<StoredRun> sorted(List<StoredRun> runs) {
        return runs.stream().sorted(java.util.Comparator.comparing(StoredRun::startedAt).thenComparing(StoredRun::id)).toList();
    }

    /** Every index and constraint of the tables, as the server defines them, validated or not. */
    private List<String> schema() {
        return query("SELECT tablename || ': ' || indexdef FROM pg_indexes WHERE schemaname = 'public' "
                + "AND tablename IN ('testruns', 'storyresults', 'expectationresults', 'auraresults') "
                + "UNION ALL SELECT conrelid::regclass || ': ' || conname || ' ' || pg_get_constraintdef(oid) "
                + "|| ' validated=' || convalidated FROM pg_constraint WHERE conrelid IN (" + TABLES + ") ORDER BY 1");
    }

    /** The object ids of the tables' indexes: new ones when they were dropped and created again. */
    private List<String> indexIds() {
        return query("SELECT indexrelid::regclass || ' ' || indexrelid::int8 FROM pg_index WHERE indrelid IN ("
                + TABLES + ") ORDER BY 1");
    }

    private List<String> query(String sql) {
        try (Connection c = PG.connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
