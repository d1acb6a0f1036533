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

    /**
     * Records a finished run of an Aura mode as {@code anvil record} does, through the repository:
     * {@code stories} results, each with its Aura row but every fifth, whose rows vary in what is
     * null (no index usage read back, no discovery call so no ratio, no patterns) and hold text that
     * COPY and CSV must escape.
     */
    public static Run recordAuraRun(HistoryRepository repo, Instant start, int stories) {
        Run run = repo.startRun(new RunStart(Ids.newId(), start, "aura-agents", "nightly", "abc123", "ci-host", 4242L, "test"));
        List<StoryResult> results = new ArrayList<>();
        for (int i = 0; i < stories; i++) {
            ResultStatus status = i % 3 == 2 ? ResultStatus.FAILED : ResultStatus.PASSED;
            StoryResult r = new StoryResult(Ids.newId(), run.id(), "aura-story-" + i, "stories/aura-" + i + ".md", "csharp",
                    status, 2000L + i, null, List.of(), start.plusSeconds(i + 1), "hash" + i, null, null,
                    List.of(new ExpectationResult(1, "compiles", null, ResultStatus.PASSED, null),
                            new ExpectationResult(2, "tests_pass", "tests pass", status, null)));
            AuraResult aura = switch (i % 5) {
                case 0 -> new AuraResult("aura-" + i, "Completed",
                        new IndexUsage(12 + i, 5, 3, 0.625, 7, 2, List.of("direct", "fishing")));
                case 1 -> new AuraResult("aura-" + i, "GateFailed\tafter \"build\",\nretry \\N", // COPY's and CSV's specials
                        new IndexUsage(3, 0, 0, null, 3, 0, List.of()));
                case 2 -> new AuraResult("aura-" + i, null, null); // created, never read back
                case 3 -> new AuraResult(null, "Failed", new IndexUsage(1, 1, 0, 1.0 / 3, 1, 0, List.of("guessing")));
                default -> null; // no Aura row
            };
            results.add(aura == null ? r : r.withAura(aura));
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
        all.addAll(dump(db, "AuraResults", "StoryResultId"));
        return all;
    }

    public static byte[] bytes(Path file) throws Exception {
        return Files.readAllBytes(file);
    }
}
