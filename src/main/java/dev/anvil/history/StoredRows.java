package dev.anvil.history;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The rows of the history tables exactly as stored (runs, results, expectation results and Aura
 * results), for export, import, push and pull. Nothing is parsed or judged here (no timestamp
 * parsing, no derived status), so what goes out comes back in.
 */
final class StoredRows {
    static final String RUN_COLUMNS = HistoryRepository.RUN_COLUMNS + ", Heartbeat";
    static final String RESULT_COLUMNS = HistoryRepository.RESULT_COLUMNS;

    private StoredRows() {
    }

    /** Every run with its results and expectations, oldest first, one run in memory at a time. */
    static void forEach(Jdbi jdbi, Consumer<StoredRun> consumer) {
        jdbi.useHandle(h -> {
            List<StoredRun> runs = h.createQuery("SELECT " + RUN_COLUMNS + " FROM TestRuns ORDER BY StartedAt, Id")
                    .map((rs, ctx) -> readRun(rs))
                    .list();
            for (StoredRun run : runs) {
                consumer.accept(run.withResults(results(h, run.id())));
            }
        });
    }

    private static List<StoredResult> results(Handle h, String runId) {
        Map<String, List<StoredExpectation>> expectations = new HashMap<>();
        h.createQuery("SELECT e.StoryResultId, e.Position, e.Type, e.Description, e.Status, e.Message "
                        + "FROM ExpectationResults e JOIN StoryResults r ON r.Id = e.StoryResultId "
                        + "WHERE r.TestRunId = :runId ORDER BY e.StoryResultId, e.Position")
                .bind("runId", runId)
                .map((rs, ctx) -> expectations.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new StoredExpectation(NullableColumns.intOrNull(rs, "Position"), rs.getString("Type"),
                                rs.getString("Description"), rs.getString("Status"), rs.getString("Message"))))
                .list();
        Map<String, StoredAuraResult> aura = AuraResultRows.storedOf(h, runId);
        return h.createQuery("SELECT " + RESULT_COLUMNS + " FROM StoryResults WHERE TestRunId = :runId ORDER BY ExecutedAt, Id")
                .bind("runId", runId)
                .map((rs, ctx) -> new StoredResult(rs.getString("Id"), rs.getString("StoryId"), rs.getString("StoryPath"),
                        rs.getString("Language"), rs.getString("Status"), NullableColumns.longOrNull(rs, "DurationMs"),
                        rs.getString("ErrorMessage"), rs.getString("GeneratedFiles"), rs.getString("ExecutedAt"),
                        rs.getString("StoryHash"), rs.getString("LogPath"), rs.getString("WorktreePath"),
                        expectations.getOrDefault(rs.getString("Id"), List.of()), aura.get(rs.getString("Id"))))
                .list();
    }

    static boolean exists(Handle h, String runId) {
        return h.createQuery("SELECT COUNT(*) FROM TestRuns WHERE Id = :id").bind("id", runId)
                .mapTo(Integer.class).one() > 0;
    }

    /** Inserts the run, its results and their expectations verbatim (within the caller's transaction). */
    static void insert(Handle h, StoredRun run) {
        bindRun(h.createUpdate("INSERT INTO TestRuns (" + RUN_COLUMNS + ") VALUES (:id, :startedAt, :completedAt, :mode, "
                        + ":totalStories, :passed, :failed, :skipped, :status, :errors, :label, :sutRevision, :host, "
                        + ":pid, :anvilVersion, :heartbeat)"), run)
                .execute();
        insertResults(h, run.id(), run.results());
    }

    /** Binds every column of a run row, for the INSERT and the UPDATE alike. */
    private static org.jdbi.v3.core.statement.Update bindRun(org.jdbi.v3.core.statement.Update u, StoredRun run) {
        return u.bind("id", run.id())
                .bind("startedAt", run.startedAt())
                .bind("completedAt", run.completedAt())
                .bind("mode", run.mode())
                .bind("totalStories", run.totalStories())
                .bind("passed", run.passed())
                .bind("failed", run.failed())
                .bind("skipped", run.skipped())
                .bind("status", run.status())
                .bind("errors", run.errors())
                .bind("label", run.label())
                .bind("sutRevision", run.sutRevision())
                .bind("host", run.host())
                .bind("pid", run.pid())
                .bind("anvilVersion", run.anvilVersion())
                .bind("heartbeat", run.heartbeat());
    }

    /** Inserts results of a run that is already there, with their expectations and Aura rows (within the caller's transaction). */
    static void insertResults(Handle h, String runId, List<StoredResult> list) {
        if (list.isEmpty()) {
            return;
        }
        PreparedBatch results = h.prepareBatch("INSERT INTO StoryResults (" + RESULT_COLUMNS + ") VALUES (:id, :runId, "
                + ":storyId, :storyPath, :language, :status, :durationMs, :errorMessage, :generatedFiles, :executedAt, "
                + ":storyHash, :logPath, :worktreePath)");
        PreparedBatch expectations = null;
        Map<String, StoredAuraResult> aura = new LinkedHashMap<>();
        for (StoredResult r : list) {
            if (r.aura() != null) {
                aura.put(r.id(), r.aura());
            }
            results.bind("id", r.id())
                    .bind("runId", runId)
                    .bind("storyId", r.storyId())
                    .bind("storyPath", r.storyPath())
                    .bind("language", r.language())
                    .bind("status", r.status())
                    .bind("durationMs", r.durationMs())
                    .bind("errorMessage", r.errorMessage())
                    .bind("generatedFiles", r.generatedFiles())
                    .bind("executedAt", r.executedAt())
                    .bind("storyHash", r.storyHash())
                    .bind("logPath", r.logPath())
                    .bind("worktreePath", r.worktreePath())
                    .add();
            for (StoredExpectation e : r.expectations()) {
                if (expectations == null) {
                    expectations = h.prepareBatch("INSERT INTO ExpectationResults "
                            + "(StoryResultId, Position, Type, Description, Status, Message) "
                            + "VALUES (:resultId, :position, :type, :description, :status, :message)");
                }
                expectations.bind("resultId", r.id())
                        .bind("position", e.position())
                        .bind("type", e.type())
                        .bind("description", e.description())
                        .bind("status", e.status())
                        .bind("message", e.message())
                        .add();
            }
        }
        results.execute();
        if (expectations != null) {
            expectations.execute();
        }
        try {
            AuraResultRows.insertStored(h.getConnection(), aura);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot insert the Aura results of run " + runId + ": " + e.getMessage(), e);
        }
    }

    /** Overwrites a run's own columns (not its id) with those of {@code run}: a partial run catching up. */
    static void updateRun(Handle h, StoredRun run) {
        bindRun(h.createUpdate("UPDATE TestRuns SET StartedAt = :startedAt, CompletedAt = :completedAt, Mode = :mode, "
                        + "TotalStories = :totalStories, Passed = :passed, Failed = :failed, Skipped = :skipped, "
                        + "Status = :status, Errors = :errors, Label = :label, SutRevision = :sutRevision, Host = :host, "
                        + "Pid = :pid, AnvilVersion = :anvilVersion, Heartbeat = :heartbeat WHERE Id = :id"), run)
                .execute();
    }

    /** Every run's columns (no results), oldest first, from {@code since} on when given. */
    static List<StoredRun> runs(Handle h, String since) {
        var query = h.createQuery("SELECT " + RUN_COLUMNS + " FROM TestRuns"
                + (since == null ? "" : " WHERE StartedAt >= :since") + " ORDER BY StartedAt, Id");
        if (since != null) {
            query.bind("since", since);
        }
        return query.map((rs, ctx) -> readRun(rs)).list();
    }

    /** One run's results with their expectations, as stored. */
    static List<StoredResult> resultsOf(Handle h, String runId) {
        return results(h, runId);
    }

    private static StoredRun readRun(ResultSet rs) throws SQLException {
        return new StoredRun(rs.getString("Id"), rs.getString("StartedAt"), rs.getString("CompletedAt"),
                rs.getString("Mode"), NullableColumns.intOrNull(rs, "TotalStories"), NullableColumns.intOrNull(rs, "Passed"), NullableColumns.intOrNull(rs, "Failed"),
                NullableColumns.intOrNull(rs, "Skipped"), rs.getString("Status"), NullableColumns.intOrNull(rs, "Errors"), rs.getString("Label"),
                rs.getString("SutRevision"), rs.getString("Host"), NullableColumns.longOrNull(rs, "Pid"), rs.getString("AnvilVersion"),
                rs.getString("Heartbeat"), List.of());
    }
}
