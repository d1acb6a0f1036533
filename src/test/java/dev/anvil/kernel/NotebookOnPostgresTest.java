package dev.anvil.kernel;

import dev.anvil.history.DatabaseLocation;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.HistoryTransfer;
import dev.anvil.synthetic.GeneratorSpec;
import dev.anvil.synthetic.SyntheticHistory;
import dev.anvil.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The kernel's cells (the console's preloads in JShell) over a PostgreSQL history. */
class NotebookOnPostgresTest {
    @TempDir
    Path dir;

    @Test
    void cellsReadATeamHistory() {
        TestPostgres pg = TestPostgres.shared();
        DatabaseLocation team = DatabaseLocation.of(pg.urlWithPassword(pg.createDatabase()), null, "test", Map.of());
        try (HistoryDatabase local = HistoryDatabase.open(dir.resolve("local.db"));
             HistoryDatabase shared = HistoryDatabase.open(team)) {
            SyntheticHistory.generate(GeneratorSpec.of(3, 10, GeneratorSpec.MODES, 12, java.time.Duration.ofHours(12)),
                    local.repository());
            new HistoryTransfer(local, shared).copy(null);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true);
        try (ShellCellEngine engine = ShellCellEngine.start(team, ps, ps)) {
            CellEngine.CellOutcome runs = engine.eval("runs().rowCount()");
            assertThat(runs.exception()).isNull();
            assertThat(runs.valueText()).isEqualTo("36");
            CellEngine.CellOutcome count = engine.eval("sql(\"SELECT COUNT(*) AS n FROM StoryResults WHERE Status = ?\", \"passed\").rowCount()");
            assertThat(count.exception()).isNull();
            assertThat(count.valueText()).isEqualTo("1");
            CellEngine.CellOutcome flaky = engine.eval("flaky().columnNames().contains(\"storyId\")");
            assertThat(flaky.exception()).isNull();
        }
        assertThat(out.toString()).doesNotContain(TestPostgres.PASSWORD);
    }
}
