package dev.anvil.frame;

import dev.anvil.history.HistoryDatabase;
import dev.anvil.shell.GeneratedHistory;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The saved .sql fast path writes exactly what TableWriter writes for the Frames.sql table of the same query. */
class ResultRowsTest {
    private static final List<String> QUERIES = List.of(
            "SELECT Id, StartedAt, CompletedAt, Mode, TotalStories, Passed, Label FROM TestRuns ORDER BY StartedAt LIMIT 7",
            "SELECT StoryId, Status, DurationMs, ErrorMessage, ExecutedAt FROM StoryResults WHERE Status <> 'passed' ORDER BY ExecutedAt LIMIT 25",
            "SELECT t.Mode, AVG(s.Status = 'passed') AS passRate, COUNT(*) AS n, MAX(s.DurationMs) AS slowest, NULL AS empty FROM StoryResults s "
                    + "JOIN TestRuns t ON t.Id = s.TestRunId GROUP BY t.Mode ORDER BY t.Mode",
            "SELECT 'a, \"quoted\" | piped' AS text, 1.5 AS half, 3000000000 AS big, 2 AS n, 2 AS N",
            "SELECT Id FROM TestRuns WHERE 1 = 0");

    @Test
    void everyFormatIsIdenticalToTableWriterOnTheFramesTable() throws Exception {
        try (HistoryDatabase db = HistoryDatabase.open(GeneratedHistory.path())) {
            for (String sql : QUERIES) {
                for (TableFormat format : TableFormat.values()) {
                    StringWriter expected = new StringWriter();
                    TableWriter.write(Frames.sql(db.jdbi(), sql), format, expected);
                    StringWriter actual = new StringWriter();
                    try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                         ResultSet rs = ps.executeQuery()) {
                        ResultRows.read(rs).write(format, actual);
                    }
                    assertThat(actual.toString()).as(format + " of " + sql).isEqualTo(expected.toString());
                }
            }
        }
    }
}
