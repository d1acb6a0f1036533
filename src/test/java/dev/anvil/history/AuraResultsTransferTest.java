package dev.anvil.history;

import dev.anvil.cli.Cli;
import dev.anvil.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Push and pull carry each result's AuraResults row with it, whichever way and whichever path
 * (COPY of new runs into PostgreSQL, INSERTs otherwise, completing a partial run): a team that
 * records Aura runs locally sees Aura's status and index usage in the team history.
 */
class AuraResultsTransferTest {
    static final TestPostgres PG = TestPostgres.shared();

    @TempDir
    Path tmp;
    HistoryDatabase local;
    HistoryDatabase team;

    @BeforeEach
    void open() {
        local = HistoryDatabase.open(tmp.resolve("local.db"));
        team = HistoryDatabase.open(DatabaseLocation.of(PG.urlWithPassword(PG.createDatabase()), null, "test", Map.of()));
    }

    @AfterEach
    void close() {
        local.close();
        team.close();
    }

    @Test
    void pushedToPostgresAndPulledIntoANewFileEveryAuraRowComesBackColumnForColumn() throws Exception {
        Histories.recordAuraRun(local.repository(), Instant.parse("2026-11-01T06:00:00Z"), 10); // 8 Aura rows
        Histories.recordRun(local.repository(), "copilot-cli", Instant.parse("2026-11-01T07:00:00Z"), 4); // none
        Histories.recordAuraRun(local.repository(), Instant.parse("2026-11-02T06:00:00Z"), 5); // 4 more
        assertThat(Histories.dump(local.path(), "AuraResults", "StoryResultId")).hasSize(12);

        HistoryTransfer.Report pushed = new HistoryTransfer(local, team).copy(null);
        assertThat(pushed.auraAdded()).isEqualTo(12);
        assertThat(auraRows(team)).isEqualTo(auraRows(local)).hasSize(12);

        Path laptop = tmp.resolve("laptop.db");
        try (HistoryDatabase pulledInto = HistoryDatabase.open(laptop)) {
            HistoryTransfer.Report pulled = new HistoryTransfer(team, pulledInto).copy(null);
            assertThat(pulled.auraAdded()).isEqualTo(12);
        }
        // Every column with its SQLite storage class, NULLs included (1/3 to the last bit, text with tab and newline).
        assertThat(Histories.dump(laptop, "AuraResults", "StoryResultId"))
                .isEqualTo(Histories.dump(local.path(), "AuraResults", "StoryResultId"));
        assertThat(Histories.dumpAll(laptop)).isEqualTo(Histories.dumpAll(local.path()));
        try (HistoryDatabase pulledInto = HistoryDatabase.open(laptop)) {
            assertThat(pulledInto.repository().results(latestAuraRun(pulledInto)))
                    .isEqualTo(local.repository().results(latestAuraRun(local)));
        }
    }

    @Test
    void aFileToFilePushCarriesTheAuraRowsByInsert() throws Exception {
        Histories.recordAuraRun(local.repository(), Instant.parse("2026-11-01T06:00:00Z"), 7);
        Path other = tmp.resolve("other.db");
        try (HistoryDatabase target = HistoryDatabase.open(other)) {
            assertThat(new HistoryTransfer(local, target).copy(null).auraAdded()).isEqualTo(6);
        }
        assertThat(Histories.dumpAll(other)).isEqualTo(Histories.dumpAll(local.path()));
    }

    @Test
    void aPartialRunCompletedByASecondPushGetsTheAuraRowsOfTheAddedResultsExactlyOnce() {
        for (HistoryDatabase target : List.of(team, HistoryDatabase.open(tmp.resolve("file-target.db")))) {
            try (HistoryDatabase source = HistoryDatabase.open(tmp.resolve("recording-" + target.engine() + ".db"))) {
                Instant start = Instant.parse("2026-11-03T06:00:00Z");
                // A whole Aura run, recorded elsewhere, shows what the recorder writes for each result.
                List<StoryResult> all;
                try (HistoryDatabase scratch = HistoryDatabase.open(tmp.resolve("scratch-" + target.engine() + ".db"))) {
                    Run whole = Histories.recordAuraRun(scratch.repository(), start, 10);
                    all = scratch.repository().results(whole.id());
                }
                // The same run being recorded: six results in when the first push happens.
                Run run = source.repository().startRun(new RunStart(all.get(0).runId(), start, "aura-agents", "nightly",
                        "abc123", "ci-host", 4242L, "test"));
                source.repository().appendResults(all.subList(0, 6));
                HistoryTransfer.Report first = new HistoryTransfer(source, target).copy(null);
                assertThat(first.runsAdded()).isEqualTo(1);
                assertThat(first.auraAdded()).isEqualTo(5); // results 0-5 but the fifth (no Aura row)

                source.repository().appendResults(all.subList(6, 10));
                source.repository().finishRun(run.id(), RunStatus.COMPLETED, start.plus(Duration.ofSeconds(12)));
                HistoryTransfer.Report second = new HistoryTransfer(source, target).copy(null);
                assertThat(second.runsCompleted()).isEqualTo(1);
                assertThat(second.resultsAdded()).isEqualTo(4);
                assertThat(second.auraAdded()).isEqualTo(3); // results 6-9 but the tenth

                assertThat(auraRows(target)).isEqualTo(auraRows(source)).hasSize(8);
                assertThat(target.repository().results(run.id())).isEqualTo(all);

                HistoryTransfer.Report again = new HistoryTransfer(source, target).copy(null);
                assertThat(again).isEqualTo(new HistoryTransfer.Report(0, 0, 1, 0, 0, 0));
                assertThat(auraRows(target)).isEqualTo(auraRows(source));
            } finally {
                if (target != team) {
                    target.close();
                }
            }
        }
    }

    @Test
    void pushAndPullSayHowManyAuraResultsTheyAddedAndOnlyWhenThereAreAny() {
        Histories.recordAuraRun(local.repository(), Instant.parse("2026-11-01T06:00:00Z"), 5);
        String url = PG.urlWithPassword(PG.createDatabase());

        Cli.Outcome push = Cli.run("--db", local.path().toString(), "push", "--to", url);
        assertThat(push.exitCode()).as(push.err()).isZero();
        assertThat(push.out()).endsWith("; 5 story result(s), 10 expectation result(s) added; 4 Aura result(s) added\n");

        Cli.Outcome pull = Cli.run("--db", tmp.resolve("pulled.db").toString(), "pull", "--from", url);
        assertThat(pull.exitCode()).as(pull.err()).isZero();
        assertThat(pull.out()).endsWith("; 5 story result(s), 10 expectation result(s) added; 4 Aura result(s) added\n");

        Cli.Outcome again = Cli.run("--db", local.path().toString(), "push", "--to", url);
        assertThat(again.out()).endsWith("1 run(s) skipped (already there); 0 story result(s), 0 expectation result(s) added\n");
    }

    /** Every AuraResults row as stored, by result id, from either engine. */
    private static List<String> auraRows(HistoryDatabase db) {
        List<String> rows = new ArrayList<>();
        db.jdbi().useHandle(h -> {
            for (StoredRun run : StoredRows.runs(h, null)) {
                for (StoredResult r : StoredRows.resultsOf(h, run.id())) {
                    if (r.aura() != null) {
                        rows.add(r.id() + " " + r.aura());
                    }
                }
            }
        });
        rows.sort(null);
        return rows;
    }

    private static String latestAuraRun(HistoryDatabase db) {
        return db.repository().listRuns(1, "aura-agents").get(0).id();
    }
}
