package dev.anvil.history;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: recorded runs with results and expectations, and raw views of database files. */
public final class Histories {
    private Histories() {
    }

    /** Records a finished run of {@code stories} results (every third failing, every seventh an error). */
    public static Run recordRun(HistoryRepository repo, String mode, Instant start, int stories) {
        return recordRun(repo, Ids.newId(), mode, start, stories);
    }

    public static Run recordRun(HistoryRepository repo, String id, String mode, Instant start, int stories) {
        Run run = repo.startRun(new RunStart(id, start, mode, "nightly", "abc123", "ci-host", 4242L, "test"));
        List<StoryResult> results = new ArrayList<>();
        for (int i = 0; i < stories; i++) {
            ResultStatus status = i % 7 == 6 ? ResultStatus.ERROR : i % 3 == 2 ? ResultStatus.FAILED : ResultStatus.PASSED;
            List<ExpectationResult> expectations = List.of(
                    new ExpectationResult(1, "compiles", "it compiles", ResultStatus.PASSED, null),
                    new ExpectationResult(2, "tests_pass", "tests pass", status,
                            status == ResultStatus.PASSED ? null : "2 tests failed"));
            results.add(new StoryResult(Ids.newId(), run.id(), "story-" + i, "stories/story-" + i + ".yaml",
                    i % 2 == 0 ? "java" : "python", status, 1000L + i,
                    status == ResultStatus.PASSED ? null : "expected 3, got 4", List.of("src/A.java"),
                    start.plusSeconds(i + 1), "hash" + i, "logs/" + i + ".log", null, expectations));
        }
        repo.appendResults(results);
        return repo.finishRun(run.id(), RunStatus.COMPLETED, start.plus(Duration.ofSeconds(stories + 2)));
    }

    /** Every row of a table as text, ordered, for comparing two databases column by column. */
    public static List<String> dump(Path db, String table, String orderBy) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY " + orderBy)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    sb.append(md.getColumnName(i)).append('=')
                            .append(v == null ? "<null>" : v.getClass().getSimpleName() + ":" + v).append(" | ");
                }
                rows.add(sb.toString());
            }
        }
        return rows;
    }

    public static List<String> dumpAll(Path db) throws Exception {
        List<String> all = new ArrayList<>(dump(db, "TestRuns", "Id"));
        all.addAll(dump(db, "StoryResults", "Id"));
        all.addAll(dump(db, "ExpectationResults", "StoryResultId, Position"));
        return all;
    }

    public static byte[] bytes(Path file) throws Exception {
        return Files.readAllBytes(file);
    }
}
