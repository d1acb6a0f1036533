package dev.anvil.frame;

import dev.anvil.AnvilException;
import dev.anvil.analysis.AnalysisFilter;
import dev.anvil.analysis.SqlFilter;
import dev.anvil.history.HistoryRepository;
import dev.anvil.history.Run;
import dev.anvil.history.Timestamps;
import org.jdbi.v3.core.Jdbi;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The history as Tablesaw tables: {@link #runs} (one row per run), {@link #results} (one row per
 * story result) and {@link #sql} (any query). Times are {@link InstantColumn}s, categories
 * (mode, language, status, story id, run id) dictionary-encoded {@link StringColumn}s, counts and
 * durations numeric columns.
 *
 * <p>{@link #results} reads a forward-only result set straight into primitive and dictionary
 * columns: a year of history (876,000 results) loads in about a second and keeps about 60 MB.
 */
public final class Frames {
    private Frames() {
    }

    /**
     * Starts initializing Tablesaw on a background thread and returns at once. Tablesaw's
     * {@code Table} scans the class path for its readers and writers when first used (ClassGraph
     * over the whole shaded jar: 1-2 s on a cold JVM); a command that opens the history meanwhile
     * (Flyway's check takes about as long) finds it done. Safe to call more than once.
     */
    public static void warmUpInBackground() {
        Thread t = new Thread(() -> {
            try {
                Class.forName("tech.tablesaw.api.Table", true, Frames.class.getClassLoader());
            } catch (Throwable e) {
                // the first real use will report it
            }
        }, "tablesaw-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Runs, oldest first: {@code runId, startedAt, completedAt, mode, status, totalStories, passed,
     * failed, errors, skipped, passRate, label, sutRevision, host, anvilVersion}. {@code failed}
     * counts failed results only (errors apart); {@code passRate} is passed / (passed + failed).
     * The filter's mode and since select runs; its language and story select the runs that have
     * such results (the counts stay those of the whole run).
     */
    public static Table runs(Jdbi jdbi, AnalysisFilter filter) {
        List<Run> all = new HistoryRepository(jdbi).listRuns(0, filter.mode());
        Set<String> withResults = filter.language() == null && filter.storyId() == null ? null : runsWithResults(jdbi, filter);
        StringColumn id = StringColumn.create("runId");
        InstantColumn started = InstantColumn.create("startedAt");
        InstantColumn completed = InstantColumn.create("completedAt");
        StringColumn mode = StringColumn.create("mode");
        StringColumn status = StringColumn.create("status");
        IntColumn total = IntColumn.create("totalStories");
        IntColumn passed = IntColumn.create("passed");
        IntColumn failed = IntColumn.create("failed");
        IntColumn errors = IntColumn.create("errors");
        IntColumn skipped = IntColumn.create("skipped");
        DoubleColumn passRate = DoubleColumn.create("passRate");
        StringColumn label = StringColumn.create("label");
        StringColumn revision = StringColumn.create("sutRevision");
        StringColumn host = StringColumn.create("host");
        StringColumn version = StringColumn.create("anvilVersion");
        for (int i = all.size() - 1; i >= 0; i--) {
            Run r = all.get(i);
            if (filter.since() != null && r.startedAt().isBefore(filter.since())) {
                continue;
            }
            if (withResults != null && !withResults.contains(r.id())) {
                continue;
            }
            id.append(r.id());
            started.append(r.startedAt());
            completed.append(r.completedAt());
            mode.append(r.mode());
            status.append(r.status() == null ? null : r.status().dbValue());
            total.append(r.totalStories());
            passed.append(r.passed());
            int qualityFailures = r.failed() - r.errors();
            failed.append(qualityFailures);
            errors.append(r.errors());
            skipped.append(r.skipped());
            int ran = r.passed() + qualityFailures;
            if (ran == 0) {
                passRate.appendMissing();
            } else {
                passRate.append((double) r.passed() / ran);
            }
            label.append(r.label());
            revision.append(r.sutRevision());
            host.append(r.host());
            version.append(r.anvilVersion());
        }
        return Table.create("runs", id, started, completed, mode, status, total, passed, failed, errors, skipped,
                passRate, label, revision, host, version);
    }

    public static Table runs(Jdbi jdbi) {
        return runs(jdbi, AnalysisFilter.all());
    }

    private static Set<String> runsWithResults(Jdbi jdbi, AnalysisFilter filter) {
        SqlFilter where = SqlFilter.of(filter.withMode(null).withSince((java.time.Instant) null), "t", "s");
        return jdbi.withHandle(h -> where.bind(h.createQuery(
                        "SELECT DISTINCT s.TestRunId FROM StoryResults s JOIN TestRuns t ON t.Id = s.TestRunId WHERE 1 = 1"
                                + where.sql()), 0)
                .mapTo(String.class)
                .collect(java.util.stream.Collectors.toCollection(HashSet::new)));
    }

    /**
     * Story results with their run's mode and start, in the order they were recorded:
     * {@code runId, mode, runStartedAt, storyId, language, status, durationMs, executedAt,
     * errorMessage}. All of the filter applies (mode, language, story, since on the run's start).
     */
    public static Table results(Jdbi jdbi, AnalysisFilter filter) {
        return jdbi.withHandle(h -> {
            try {
                return readResults(h.getConnection(), filter);
            } catch (SQLException e) {
                throw new AnvilException("cannot read the story results: " + e.getMessage(), e);
            }
        });
    }

    public static Table results(Jdbi jdbi) {
        return results(jdbi, AnalysisFilter.all());
    }

    /** Separates the fields of a result row; the message comes last, so it may contain anything. */
    private static final byte SEPARATOR = 31; // ASCII unit separator

    private static Table readResults(Connection c, AnalysisFilter filter) throws SQLException {
        StringColumn runId = StringColumn.create("runId");
        StringColumn mode = StringColumn.create("mode");
        InstantColumn runStartedAt = InstantColumn.create("runStartedAt");
        StringColumn storyId = StringColumn.create("storyId");
        StringColumn language = StringColumn.create("language");
        StringColumn status = StringColumn.create("status");
        LongColumn duration = LongColumn.create("durationMs");
        InstantColumn executedAt = InstantColumn.create("executedAt");
        StringColumn message = StringColumn.create("errorMessage");
        Table table = Table.create("results", runId, mode, runStartedAt, storyId, language, status, duration,
                executedAt, message);

        // Runs are few: read them once, then give each result its run's mode and start by its id.
        SqlFilter runFilter = SqlFilter.of(filter, "t", null);
        Map<String, Integer> runIndex = new HashMap<>();
        List<String> runIds = new ArrayList<>();
        List<String> runModes = new ArrayList<>();
        List<Long> runStarts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT t.Id, t.Mode, t.StartedAt FROM TestRuns t WHERE 1 = 1"
                + runFilter.sql())) {
            runFilter.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runIndex.put(rs.getString(1), runIds.size());
                    runIds.add(rs.getString(1));
                    runModes.add(rs.getString(2));
                    runStarts.add(PackedTimes.pack(rs.getString(3)));
                }
            }
        }
        if (runIds.isEmpty()) {
            return table;
        }
        // Most of the cost of a year of results is one JNI call and one String per cell, so each
        // row comes as one UTF-8 byte string of its fields, cut apart here; categories are
        // interned straight from the bytes, timestamps and durations read digit by digit.
        SqlFilter where = SqlFilter.of(filter.withMode(null).withSince((java.time.Instant) null), null, "s");
        boolean byRun = filter.mode() != null || filter.since() != null;
        // The unit separator (31) is written as a literal: SQLite spells the function char(), PostgreSQL chr().
        String sql = "SELECT s.TestRunId || '\u001f' || s.StoryId || '\u001f' || s.Language || '\u001f' || s.Status "
                + "|| '\u001f' || coalesce(CAST(s.DurationMs AS TEXT), '') || '\u001f' || s.ExecutedAt || '\u001f' "
                + "|| coalesce('~' || s.ErrorMessage, '') FROM StoryResults s WHERE 1 = 1"
                + (byRun ? " AND s.TestRunId IN (SELECT t.Id FROM TestRuns t WHERE 1 = 1" + runFilter.sql() + ")" : "")
                + where.sql();
        Utf8Interner runs = new Utf8Interner();
        Utf8Interner categories = new Utf8Interner();
        int[] runOf = new int[16];
        int[] cut = new int[6];
        try (PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            int next = 1;
            if (byRun) {
                runFilter.bind(ps, next);
                next += runFilter.params().size();
            }
            where.bind(ps, next);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte[] row = rs.getBytes(1);
                    if (row == null) {
                        continue; // a NOT NULL column held NULL: not a row we can read
                    }
                    int found = 0;
                    for (int i = 0; i < row.length && found < cut.length; i++) {
                        if (row[i] == SEPARATOR) {
                            cut[found++] = i;
                        }
                    }
                    int r = runs.id(row, 0, cut[0]);
                    if (r >= runOf.length) {
                        runOf = java.util.Arrays.copyOf(runOf, runOf.length * 2);
                    }
                    if (runOf[r] == 0) {
                        Integer index = runIndex.get(runs.value(r));
                        runOf[r] = index == null ? -1 : index + 1;
                    }
                    int run = runOf[r] - 1;
                    if (run < 0) {
                        continue; // a result whose run is not in the history
                    }
                    runId.append(runIds.get(run));
                    mode.append(runModes.get(run));
                    runStartedAt.appendInternal(runStarts.get(run));
                    storyId.append(categories.intern(row, cut[0] + 1, cut[1]));
                    language.append(categories.intern(row, cut[1] + 1, cut[2]));
                    status.append(categories.intern(row, cut[2] + 1, cut[3]));
                    if (cut[4] == cut[3] + 1) {
                        duration.appendMissing();
                    } else {
                        duration.append(number(row, cut[3] + 1, cut[4]));
                    }
                    executedAt.appendInternal(PackedTimes.pack(row, cut[4] + 1, cut[5]));
                    message.append(cut[5] + 1 < row.length
                            ? new String(row, cut[5] + 2, row.length - cut[5] - 2, StandardCharsets.UTF_8) : null);
                }
            }
        }
        return table;
    }

    private static long number(byte[] b, int from, int to) {
        boolean negative = b[from] == '-';
        long v = 0;
        for (int i = negative ? from + 1 : from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                // stored as a real or as text by another writer: let Java read it
                return Math.round(Double.parseDouble(new String(b, from, to - from, StandardCharsets.US_ASCII)));
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }

    /**
     * Any query as a table, its {@code ?} parameters bound in order (never pasted into the text).
     * Column types follow the values and, where a column has none, its declared type: whole
     * numbers become {@link IntColumn} or {@link LongColumn}, reals {@link DoubleColumn}, text
     * that is all timestamps {@link InstantColumn}, other text {@link StringColumn}.
     */
    public static Table sql(Jdbi jdbi, String sql, Object... params) {
        return jdbi.withHandle(h -> {
            try (PreparedStatement ps = h.getConnection().prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, SqlTables.sqlValue(params[i]));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return SqlTables.read(rs, "sql");
                }
            } catch (SQLException e) {
                throw new AnvilException("query failed: " + e.getMessage(), e);
            }
        });
    }

    /**
     * The index usage of every Aura result (migration V5), oldest first: when, which story and
     * mode, the result and Aura's own status, and the metrics, so their trend can be followed.
     */
    public static Table indexUsage(Jdbi jdbi) {
        return sql(jdbi, "SELECT r.ExecutedAt AS executedAt, t.Mode AS mode, r.StoryId AS storyId, r.Status AS status, "
                + "a.AuraStatus AS auraStatus, a.ToolCalls AS toolCalls, a.SemanticToolCalls AS semanticToolCalls, "
                + "a.FileLevelToolCalls AS fileLevelToolCalls, a.AuraToolRatio AS auraToolRatio, "
                + "a.StepsToFirstRelevantCode AS stepsToFirstRelevantCode, a.BacktrackingEvents AS backtrackingEvents, "
                + "a.DetectedPatterns AS detectedPatterns, r.TestRunId AS runId "
                + "FROM AuraResults a JOIN StoryResults r ON r.Id = a.StoryResultId JOIN TestRuns t ON t.Id = r.TestRunId "
                + "ORDER BY r.ExecutedAt, r.StoryId");
    }

    static String formatInstant(java.time.Instant instant) {
        return Timestamps.format(instant);
    }
}
