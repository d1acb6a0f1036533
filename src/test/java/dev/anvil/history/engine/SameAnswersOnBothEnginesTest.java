package dev.anvil.history.engine;

import dev.anvil.analysis.AnalysisFilter;
import dev.anvil.analysis.Analyses;
import dev.anvil.history.DatabaseLocation;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.HistoryTransfer;
import dev.anvil.history.SchemaMigrator;
import dev.anvil.synthetic.GeneratorSpec;
import dev.anvil.synthetic.SyntheticHistory;
import dev.anvil.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One generated history, loaded into SQLite and pushed into PostgreSQL: every analysis answers
 * with the same rows on both engines.
 */
class SameAnswersOnBothEnginesTest {
    @TempDir
    static Path dir;
    static HistoryDatabase sqlite;
    static HistoryDatabase postgres;

    @BeforeAll
    static void loadOneHistoryIntoBoth() {
        sqlite = HistoryDatabase.open(dir.resolve("local.db"));
        SyntheticHistory.generate(GeneratorSpec.small(7), sqlite.repository());
        TestPostgres pg = TestPostgres.shared();
        postgres = HistoryDatabase.open(DatabaseLocation.of(pg.urlWithPassword(pg.createDatabase()), null, "test", Map.of()));
        // Small commit groups: the push commits many times on the way, as a year's does.
        HistoryTransfer.Report r = new HistoryTransfer(sqlite, postgres, 500).copy(null);
        assertThat(r.runsAdded()).isEqualTo(sqlite.repository().countRuns());
        assertThat(r.resultsAdded()).isEqualTo(sqlite.repository().countResults());
    }

    @AfterAll
    static void close() {
        sqlite.close();
        postgres.close();
    }

    @Test
    void bothAreAtTheLatestSchemaVersion() {
        assertThat(postgres.engine()).isEqualTo(Engine.POSTGRESQL);
        assertThat(postgres.schemaVersion()).isEqualTo(SchemaMigrator.LATEST_VERSION).isEqualTo(sqlite.schemaVersion());
    }

    @Test
    void everyAnalysisReturnsTheSameRows() {
        Map<String, Function<Analyses, Table>> analyses = new LinkedHashMap<>();
        AnalysisFilter byLanguage = AnalysisFilter.all().withByLanguage(true);
        analyses.put("regressions", a -> a.regressions(AnalysisFilter.all(), true));
        analyses.put("regressions by language", a -> a.regressions(byLanguage, true));
        analyses.put("fixed", Analyses::fixed);
        analyses.put("flaky", Analyses::flaky);
        analyses.put("flaky of one mode", a -> a.flaky(AnalysisFilter.all().withMode("aura-agents")));
        analyses.put("trend", Analyses::trend);
        analyses.put("durations", Analyses::durations);
        analyses.put("slower", Analyses::slower);
        analyses.put("compare", Analyses::compare);
        analyses.put("failures", Analyses::failures);
        analyses.put("runs", Analyses::runs);
        analyses.put("results", Analyses::results);
        analyses.put("story", a -> a.story(a.results().stringColumn("StoryId").get(0)));
        analyses.put("sql", a -> a.sql("SELECT StoryId, Status, COUNT(*) AS n FROM StoryResults GROUP BY StoryId, Status "
                + "ORDER BY StoryId, Status"));
        // PostgreSQL folds unquoted names to lower case; the columns keep the spelling SQLite gives them.
        analyses.put("sql with aliases", a -> a.sql("SELECT t.Mode AS RunMode, COUNT(*) AS Runs, MAX(s.ExecutedAt) AS LastRun "
                + "FROM TestRuns t JOIN StoryResults s ON s.TestRunId = t.Id WHERE s.Status = ? GROUP BY t.Mode ORDER BY t.Mode",
                "passed"));
        Analyses onSqlite = new Analyses(sqlite);
        Analyses onPostgres = new Analyses(postgres);
        for (Map.Entry<String, Function<Analyses, Table>> e : analyses.entrySet()) {
            Table expected = e.getValue().apply(onSqlite);
            Table actual = e.getValue().apply(onPostgres);
            assertThat(actual.rowCount()).as(e.getKey()).isEqualTo(expected.rowCount());
            if (e.getKey().equals("results")) {
                // All results in storage order, which is each engine's own: the same rows, in any order.
                assertThat(lines(actual)).as(e.getKey()).containsExactlyInAnyOrderElementsOf(lines(expected));
            } else {
                assertThat(actual.printAll()).as(e.getKey()).isEqualTo(expected.printAll());
            }
        }
    }

    private static java.util.List<String> lines(Table t) {
        return java.util.Arrays.asList(t.printAll().split("\n"));
    }

    @Test
    void theAnalysesFindSomethingToCompare() {
        Analyses a = new Analyses(postgres);
        assertThat(a.regressions().rowCount()).isPositive();
        assertThat(a.flaky().rowCount()).isPositive();
    }
}
