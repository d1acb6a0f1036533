package dev.anvil.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anvil.AnvilException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs and their story results in the history. Recording is append-as-you-go: {@link #startRun}
 * writes the run row before the first story, {@link #appendResult} commits each result as its
 * story ends, {@link #finishRun} writes totals and the completion time.
 */
public final class HistoryRepository {
    /** Built on first use: listing runs needs no JSON, and Jackson's start-up is felt by anvil runs. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
    private static final Pattern LATEST = Pattern.compile("latest(?:~(\\d+))?");

    static final String RUN_COLUMNS = "Id, StartedAt, CompletedAt, Mode, TotalStories, Passed, Failed, Skipped, "
            + "Status, Errors, Label, SutRevision, Host, Pid, AnvilVersion";
    /** What reading a run needs besides the stored columns: the V4 heartbeat, for liveness only (not exported). */
    private static final String RUN_READ_COLUMNS = RUN_COLUMNS + ", Heartbeat";
    static final String RESULT_COLUMNS = "Id, TestRunId, StoryId, StoryPath, Language, Status, DurationMs, ErrorMessage, "
            + "GeneratedFiles, ExecutedAt, StoryHash, LogPath, WorktreePath";

    private static final String INSERT_RESULT_JDBC = "INSERT INTO StoryResults (" + RESULT_COLUMNS + ") "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_EXPECTATION_JDBC = "INSERT INTO ExpectationResults "
            + "(StoryResultId, Position, Type, Description, Status, Message) VALUES (?, ?, ?, ?, ?, ?)";

    private final Supplier<Jdbi> jdbi;
    /** When known, listing runs goes straight to JDBC without making a Jdbi (see {@link #listRuns}). */
    private final DataSource dataSource;

    public HistoryRepository(Jdbi jdbi) {
        this(() -> jdbi, null);
    }

    HistoryRepository(Supplier<Jdbi> jdbi, DataSource dataSource) {
        this.jdbi = jdbi;
        this.dataSource = dataSource;
    }

    public Jdbi jdbi() {
        return jdbi.get();
    }

    // ---- recording -------------------------------------------------------------------------

    public Run startRun(RunStart start) {
        jdbi().useHandle(h -> h.createUpdate("INSERT INTO TestRuns (Id, StartedAt, Mode, Status, Label, SutRevision, Host, Pid, AnvilVersion, Heartbeat) "
                        + "VALUES (:id, :startedAt, :mode, :status, :label, :sutRevision, :host, :pid, :anvilVersion, :startedAt)")
                .bind("id", start.id())
                .bind("startedAt", Timestamps.format(start.startedAt()))
                .bind("mode", start.mode())
                .bind("status", RunStatus.RUNNING.dbValue())
                .bind("label", start.label())
                .bind("sutRevision", start.sutRevision())
                .bind("host", start.host())
                .bind("pid", start.pid())
                .bind("anvilVersion", start.anvilVersion())
                .execute());
        return findRun(start.id()).orElseThrow();
    }

    /**
     * Writes the run's heartbeat: the recorder of {@code runId} is alive at {@code at}. Returns false
     * when the run row is gone (pruned or deleted by hand).
     */
    public boolean beat(String runId, Instant at) {
        return withConnection(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE TestRuns SET Heartbeat = ? WHERE Id = ?")) {
                st.setString(1, Timestamps.format(at));
                st.setString(2, runId);
                return st.executeUpdate() > 0;
            }
        });
    }

    /** Commits one result (with its expectations) in its own transaction. */
    public void appendResult(StoryResult result) {
        appendResults(List.of(result));
    }

    /** Whether the result with this id is stored (a write whose commit reported failure may have landed). */
    public boolean hasResult(String resultId) {
        return jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM StoryResults WHERE Id = :id")
                .bind("id", resultId).mapTo(Integer.class).one() > 0);
    }

    /** Commits a batch of results in one transaction. */
    public void appendResults(Collection<StoryResult> results) {
        if (results.isEmpty()) {
            return;
        }
        jdbi().useTransaction(h -> insertResults(h, results));
    }

    /**
     * Plain JDBC batches on the handle's connection: Jdbi's per-argument binding was a third of
     * the cost of appending 100,000 results.
     */
    private static void insertResults(Handle h, Collection<StoryResult> results) {
        try {
            insertResults(h.getConnection(), results);
        } catch (SQLException e) {
            throw new org.jdbi.v3.core.ConnectionException(e);
        }
    }

    private static void insertResults(Connection c, Collection<StoryResult> results) throws SQLException {
        boolean anyExpectations = false;
        try (PreparedStatement st = c.prepareStatement(INSERT_RESULT_JDBC)) {
            for (StoryResult r : results) {
                st.setString(1, r.id());
                st.setString(2, r.runId());
                st.setString(3, r.storyId());
                st.setString(4, r.storyPath() == null ? r.storyId() : r.storyPath());
                st.setString(5, r.language() == null ? "unknown" : r.language());
                st.setString(6, r.status().dbValue());
                setLong(st, 7, r.durationMs());
                st.setString(8, r.errorMessage());
                st.setString(9, toJson(r.generatedFiles()));
                st.setString(10, Timestamps.format(r.executedAt()));
                st.setString(11, r.storyHash());
                st.setString(12, r.logPath());
                st.setString(13, r.worktreePath());
                st.addBatch();
                anyExpectations |= !r.expectations().isEmpty();
            }
            st.executeBatch();
        }
        AuraResultRows.insert(c, results);
        if (!anyExpectations) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement(INSERT_EXPECTATION_JDBC)) {
            for (StoryResult r : results) {
                for (ExpectationResult e : r.expectations()) {
                    st.setString(1, r.id());
                    st.setInt(2, e.position());
                    st.setString(3, e.type());
                    st.setString(4, e.description());
                    st.setString(5, e.status().dbValue());
                    st.setString(6, e.message());
                    st.addBatch();
                }
            }
            st.executeBatch();
        }
    }

    private static void setLong(PreparedStatement st, int index, Long value) throws SQLException {
        if (value == null) {
            st.setNull(index, java.sql.Types.BIGINT);
        } else {
            st.setLong(index, value);
        }
    }

    /** Writes the totals (counted from the stored results), the end time and the final status. */
    public Run finishRun(String runId, RunStatus status, Instant completedAt) {
        jdbi().useTransaction(h -> {
            Totals t = totals(h.getConnection(), List.of(runId)).getOrDefault(runId, Totals.NONE);
            h.createUpdate("UPDATE TestRuns SET CompletedAt = :completedAt, TotalStories = :total, Passed = :passed, "
                            + "Failed = :failed, Skipped = :skipped, Errors = :errors, Status = :status WHERE Id = :id")
                    .bind("completedAt", Timestamps.format(completedAt))
                    .bind("total", t.total())
                    .bind("passed", t.passed())
                    .bind("failed", t.failed() + t.errors())
                    .bind("skipped", t.skipped())
                    .bind("errors", t.errors())
                    .bind("status", status.dbValue())
                    .bind("id", runId)
                    .execute();
        });
        return findRun(runId).orElseThrow(() -> new AnvilException("run " + runId + " vanished while finishing"));
    }

    // ---- reading ---------------------------------------------------------------------------

    /**
     * Most recent runs first, optionally of one mode; {@code limit <= 0} means all.
     *
     * <p>Plain JDBC on the Jdbi handle's connection: the first Jdbi statement of a process
     * registers Jdbi's Flight Recorder event, which initializes JFR's metadata (0.15 s or more),
     * and {@code anvil runs} has 0.6 s end to end.
     */
    public List<Run> listRuns(int limit, String mode) {
        String sql = "SELECT " + RUN_READ_COLUMNS + " FROM TestRuns"
                + (mode == null ? "" : " WHERE Mode = ?")
                + " ORDER BY StartedAt DESC, Id DESC"
                + (limit > 0 ? " LIMIT ?" : "");
        return withConnection(c -> {
            List<RunRow> rows = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(sql)) {
                int i = 1;
                if (mode != null) {
                    st.setString(i++, mode);
                }
                if (limit > 0) {
                    st.setInt(i, limit);
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        rows.add(RunRow.read(rs));
                    }
                }
            }
            return withLiveTotals(c, rows);
        });
    }

    private interface ConnectionCallback<T> {
        T apply(Connection c) throws SQLException;
    }

    private <T> T withConnection(ConnectionCallback<T> callback) {
        try {
            if (dataSource != null) {
                try (Connection c = dataSource.getConnection()) {
                    return callback.apply(c);
                }
            }
            return jdbi().withHandle(h -> callback.apply(h.getConnection()));
        } catch (SQLException e) {
            throw new org.jdbi.v3.core.ConnectionException(e);
        }
    }

    public Optional<Run> findRun(String id) {
        return jdbi().withHandle(h -> h.createQuery("SELECT " + RUN_READ_COLUMNS + " FROM TestRuns WHERE Id = :id")
                .bind("id", id)
                .map((rs, ctx) -> RunRow.read(rs))
                .findOne()
                .map(row -> withLiveTotals(h.getConnection(), List.of(row)).get(0)));
    }

    /**
     * Resolves what a user typed for a run: {@code latest}, {@code latest~N} (N runs before the
     * latest) or an unambiguous prefix of a run id.
     */
    public Run resolveRun(String name) {
        String ref = name == null ? "" : name.trim();
        if (ref.isEmpty()) {
            throw new AnvilException("no run named: give a run id prefix, latest or latest~N");
        }
        Matcher m = LATEST.matcher(ref);
        if (m.matches()) {
            // latest~N counts back from the latest run; an N beyond the history (or beyond int) names nothing
            long count = countRuns();
            String digits = m.group(1) == null ? "0" : m.group(1).replaceFirst("^0+(?=\\d)", "");
            if (count == 0 || digits.length() > 18 || Long.parseLong(digits) >= count) {
                throw new AnvilException(count == 0
                        ? "no runs recorded yet: '" + ref + "' names nothing (record one with anvil record)"
                        : "unknown run '" + ref + "': the history has only " + count + " run(s) (latest~0 to latest~"
                        + (count - 1) + ")");
            }
            int back = Integer.parseInt(digits);
            return listRuns(back + 1, null).get(back);
        }
        List<String> ids = jdbi().withHandle(h -> h.createQuery(
                        "SELECT Id FROM TestRuns WHERE Id >= :lo AND Id < :hi ORDER BY Id LIMIT 6")
                .bind("lo", ref)
                .bind("hi", ref + Character.MAX_VALUE)
                .mapTo(String.class)
                .list());
        if (ids.isEmpty()) {
            throw new AnvilException("unknown run '" + ref + "': no run id starts with it (anvil runs lists them)");
        }
        if (ids.size() > 1 && !ids.get(0).equals(ref)) {
            List<String> shown = new ArrayList<>();
            for (String id : ids.subList(0, Math.min(ids.size(), 5))) {
                shown.add(Ids.shortId(id));
            }
            throw new AnvilException("ambiguous run '" + ref + "': matches " + String.join(", ", shown)
                    + (ids.size() > 5 ? ", ..." : "") + "; give more characters");
        }
        return findRun(ids.get(0)).orElseThrow();
    }

    public RunDetail loadRun(String name) {
        Run run = resolveRun(name);
        return new RunDetail(run, results(run.id()));
    }

    /** A run's results in the order they were recorded, each with its expectations. */
    public List<StoryResult> results(String runId) {
        return jdbi().withHandle(h -> {
            List<StoryResult> results = h.createQuery("SELECT " + RESULT_COLUMNS
                            + " FROM StoryResults WHERE TestRunId = :id ORDER BY ExecutedAt, StoryId")
                    .bind("id", runId)
                    .map((rs, ctx) -> readResult(rs))
                    .list();
            return AuraResultRows.attach(h, runId, attachExpectations(h, results));
        });
    }

    /** Where a story's latest result came from: its file and that file's hash (null when not stored). */
    public record StoryOrigin(String path, String hash) {
    }

    /** The file the latest result of {@code storyId} was recorded from; empty when it was never recorded. */
    public Optional<StoryOrigin> lastOrigin(String storyId) {
        return jdbi().withHandle(h -> h.createQuery("SELECT StoryPath, StoryHash FROM StoryResults WHERE StoryId = :id "
                        + "ORDER BY ExecutedAt DESC LIMIT 1")
                .bind("id", storyId)
                .map((rs, ctx) -> new StoryOrigin(rs.getString(1), rs.getString(2)))
                .findOne());
    }

    public long countRuns() {
        return jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM TestRuns").mapTo(Long.class).one());
    }

    public long countResults() {
        return jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM StoryResults").mapTo(Long.class).one());
    }

    /** Every run with its results, oldest first, one at a time (for export). */
    public void forEachRun(Consumer<RunDetail> consumer) {
        List<Run> runs = listRuns(0, null);
        for (int i = runs.size() - 1; i >= 0; i--) {
            Run run = runs.get(i);
            consumer.accept(new RunDetail(run, results(run.id())));
        }
    }

    // ---- maintenance -----------------------------------------------------------------------

    /**
     * Deletes runs that started before {@code cutoff}, with their results and expectations, in
     * one transaction (ADR-005 IMP-005). A dry run counts and changes nothing.
     */
    public PruneReport pruneOlderThan(Instant cutoff, boolean dryRun) {
        return pruneOlderThan(cutoff, dryRun, Timestamps.now());
    }

    /**
     * As {@link #pruneOlderThan(Instant, boolean)}, judging liveness at {@code now}: a run still
     * being recorded (status running, heartbeat within {@link RunLiveness#STALE_AFTER}) is never
     * deleted, however old, so a prune cannot pull the run from under its recorder.
     */
    PruneReport pruneOlderThan(Instant cutoff, boolean dryRun, Instant now) {
        String before = Timestamps.format(cutoff);
        String fresh = Timestamps.format(now.minus(RunLiveness.STALE_AFTER));
        String oldRuns = "StartedAt < :before AND NOT (COALESCE(Status, '') = 'running' AND COALESCE(Heartbeat, '') >= :fresh)";
        String runsOld = "SELECT Id FROM TestRuns WHERE " + oldRuns;
        String resultsOld = "SELECT Id FROM StoryResults WHERE TestRunId IN (" + runsOld + ")";
        return jdbi().inTransaction(h -> {
            int runs = h.createQuery("SELECT COUNT(*) FROM TestRuns WHERE " + oldRuns)
                    .bind("before", before).bind("fresh", fresh).mapTo(Integer.class).one();
            int results = h.createQuery("SELECT COUNT(*) FROM StoryResults WHERE TestRunId IN (" + runsOld + ")")
                    .bind("before", before).bind("fresh", fresh).mapTo(Integer.class).one();
            int expectations = h.createQuery("SELECT COUNT(*) FROM ExpectationResults WHERE StoryResultId IN (" + resultsOld + ")")
                    .bind("before", before).bind("fresh", fresh).mapTo(Integer.class).one();
            if (!dryRun) {
                h.createUpdate("DELETE FROM ExpectationResults WHERE StoryResultId IN (" + resultsOld + ")")
                        .bind("before", before).bind("fresh", fresh).execute();
                h.createUpdate("DELETE FROM StoryResults WHERE TestRunId IN (" + runsOld + ")")
                        .bind("before", before).bind("fresh", fresh).execute();
                h.createUpdate("DELETE FROM TestRuns WHERE " + oldRuns)
                        .bind("before", before).bind("fresh", fresh).execute();
            }
            return new PruneReport(cutoff, runs, results, expectations, dryRun);
        });
    }

    /**
     * Inserts a run exactly as given (ids, times, totals, status) with its results, for import.
     * Returns false, changing nothing, when a run with that id is already in the history.
     */
    public boolean insertRunIfAbsent(RunDetail detail) {
        Run run = detail.run();
        return jdbi().inTransaction(h -> {
            if (StoredRows.exists(h, run.id())) {
                return false;
            }
            StoredRows.insert(h, storedRow(run));
            insertResults(h, detail.results());
            return true;
        });
    }

    // ---- mapping ---------------------------------------------------------------------------

    /** A run as its TestRuns row; a status that only a reader derives (incomplete) is stored as what the row says. */
    private static StoredRun storedRow(Run run) {
        String status = run.status() == null || run.status() == RunStatus.INCOMPLETE
                ? (run.completedAt() == null ? RunStatus.RUNNING.dbValue() : RunStatus.COMPLETED.dbValue())
                : run.status().dbValue();
        return new StoredRun(run.id(), Timestamps.format(run.startedAt()), Timestamps.format(run.completedAt()),
                run.mode(), run.totalStories(), run.passed(), run.failed(), run.skipped(), status, run.errors(),
                run.label(), run.sutRevision(), run.host(), run.pid(), run.anvilVersion(), List.of());
    }

    /** A TestRuns row as stored, before its status is judged and live totals are counted. */
    private record RunRow(String id, Instant startedAt, Instant completedAt, String mode, Integer total,
                          Integer passed, Integer failed, Integer skipped, String status, Integer errors,
                          String label, String sutRevision, String host, Long pid, String anvilVersion,
                          Instant heartbeat) {
        static RunRow read(ResultSet rs) throws SQLException {
            return new RunRow(rs.getString("Id"), Timestamps.parse(rs.getString("StartedAt")),
                    Timestamps.parse(rs.getString("CompletedAt")), rs.getString("Mode"),
                    NullableColumns.intOrNull(rs, "TotalStories"), NullableColumns.intOrNull(rs, "Passed"), NullableColumns.intOrNull(rs, "Failed"),
                    NullableColumns.intOrNull(rs, "Skipped"), rs.getString("Status"), NullableColumns.intOrNull(rs, "Errors"),
                    rs.getString("Label"), rs.getString("SutRevision"), rs.getString("Host"),
                    NullableColumns.longOrNull(rs, "Pid"), rs.getString("AnvilVersion"),
                    Timestamps.parse(rs.getString("Heartbeat")));
        }

        boolean finished() {
            return total != null && completedAt != null;
        }
    }

    record Totals(int total, int passed, int failed, int errors, int skipped) {
        static final Totals NONE = new Totals(0, 0, 0, 0, 0);
    }

    private static List<Run> withLiveTotals(Connection h, List<RunRow> rows) {
        List<String> open = new ArrayList<>();
        for (RunRow r : rows) {
            if (!r.finished()) {
                open.add(r.id());
            }
        }
        Map<String, Totals> live = open.isEmpty() ? Map.of() : totals(h, open);
        List<Run> runs = new ArrayList<>(rows.size());
        for (RunRow r : rows) {
            RunStatus status = RunLiveness.judge(r.status(), r.startedAt(), r.completedAt(), r.host(), r.pid(),
                    r.heartbeat(), Instant.now());
            if (r.finished()) {
                int errors = r.errors() == null ? 0 : r.errors();
                runs.add(new Run(r.id(), r.startedAt(), r.completedAt(), r.mode(), r.total(), nz(r.passed()),
                        nz(r.failed()), nz(r.skipped()), errors, status, r.label(), r.sutRevision(), r.host(),
                        r.pid(), r.anvilVersion()));
            } else {
                Totals t = live.getOrDefault(r.id(), Totals.NONE);
                runs.add(new Run(r.id(), r.startedAt(), r.completedAt(), r.mode(), t.total(), t.passed(),
                        t.failed() + t.errors(), t.skipped(), t.errors(), status, r.label(), r.sutRevision(),
                        r.host(), r.pid(), r.anvilVersion()));
            }
        }
        return runs;
    }

    static Map<String, Totals> totals(Connection h, List<String> runIds) {
        try {
            return countTotals(h, runIds);
        } catch (SQLException e) {
            throw new org.jdbi.v3.core.ConnectionException(e);
        }
    }

    private static Map<String, Totals> countTotals(Connection h, List<String> runIds) throws SQLException {
        Map<String, int[]> counts = new HashMap<>();
        String marks = String.join(", ", java.util.Collections.nCopies(runIds.size(), "?"));
        // Plain JDBC for the reason given on listRuns: unfinished runs are listed by anvil runs.
        try (PreparedStatement st = h.prepareStatement("SELECT TestRunId, Status, COUNT(*) AS N "
                + "FROM StoryResults WHERE TestRunId IN (" + marks + ") GROUP BY TestRunId, Status")) {
            for (int i = 0; i < runIds.size(); i++) {
                st.setString(i + 1, runIds.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int[] c = counts.computeIfAbsent(rs.getString("TestRunId"), k -> new int[4]);
                    c[ResultStatus.fromDb(rs.getString("Status")).ordinal()] += rs.getInt("N");
                }
            }
        }
        Map<String, Totals> result = new LinkedHashMap<>();
        counts.forEach((id, c) -> result.put(id, new Totals(c[0] + c[1] + c[2] + c[3],
                c[ResultStatus.PASSED.ordinal()], c[ResultStatus.FAILED.ordinal()],
                c[ResultStatus.ERROR.ordinal()], c[ResultStatus.SKIPPED.ordinal()])));
        return result;
    }

    private static List<StoryResult> attachExpectations(Handle h, List<StoryResult> results) {
        if (results.isEmpty()) {
            return results;
        }
        Map<String, List<ExpectationResult>> byResult = new HashMap<>();
        h.createQuery("SELECT e.StoryResultId, e.Position, e.Type, e.Description, e.Status, e.Message "
                        + "FROM ExpectationResults e JOIN StoryResults r ON r.Id = e.StoryResultId "
                        + "WHERE r.TestRunId = :runId ORDER BY e.StoryResultId, e.Position")
                .bind("runId", results.get(0).runId())
                .map((rs, ctx) -> byResult.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new ExpectationResult(rs.getInt(2), rs.getString(3), rs.getString(4),
                                ResultStatus.fromDb(rs.getString(5)), rs.getString(6))))
                .list();
        if (byResult.isEmpty()) {
            return results;
        }
        List<StoryResult> out = new ArrayList<>(results.size());
        for (StoryResult r : results) {
            List<ExpectationResult> e = byResult.get(r.id());
            out.add(e == null ? r : r.withExpectations(e));
        }
        return out;
    }

    static StoryResult readResult(ResultSet rs) throws SQLException {
        return new StoryResult(rs.getString("Id"), rs.getString("TestRunId"), rs.getString("StoryId"),
                rs.getString("StoryPath"), rs.getString("Language"), ResultStatus.fromDb(rs.getString("Status")),
                NullableColumns.longOrNull(rs, "DurationMs"), rs.getString("ErrorMessage"), fromJson(rs.getString("GeneratedFiles")),
                Timestamps.parse(rs.getString("ExecutedAt")), rs.getString("StoryHash"), rs.getString("LogPath"),
                rs.getString("WorktreePath"), List.of());
    }

    private static int nz(Integer v) {
        return v == null ? 0 : v;
    }

    static String toJson(List<String> files) {
        if (files == null || files.isEmpty()) {
            return "[]";
        }
        try {
            return Json.MAPPER.writeValueAsString(files == null ? List.of() : files);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> fromJson(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            return Json.MAPPER.readValue(text, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            return List.of(text); // another writer stored something that is not a JSON array: keep it whole
        }
    }
}
