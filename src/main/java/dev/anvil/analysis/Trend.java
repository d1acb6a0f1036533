package dev.anvil.analysis;

import dev.anvil.frame.RecordTable;
import dev.anvil.history.Ids;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Timestamps;
import org.jdbi.v3.core.Jdbi;
import tech.tablesaw.api.Table;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pass rate per period (UTC day, ISO week or run) and mode, and per language with
 * {@code byLanguage}, with a 95% Wilson interval and the counts it rests on. A run belongs to the
 * period it started in. {@code failed} and {@code errors} are counted apart; the pass rate is
 * passed / (passed + failed), or passed / (passed + failed + errors) with {@code errorsAsFailures};
 * skipped results never count.
 */
public final class Trend {
    /** Written in the language column when series are not split by language. */
    public static final String ALL_LANGUAGES = "all";

    private final Jdbi jdbi;

    public Trend(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * @param period      {@code 2026-11-27} (day), {@code 2026-W48} (week) or the run's short id
     * @param periodStart the day's or week's UTC midnight, or the run's start
     * @param runs        runs that started in the period
     * @param results     results that were not skipped
     */
    public record Row(String period, Instant periodStart, String mode, String language, int runs, int results,
                      int passed, int failed, int errors, Double passRate, Double passRateLow, Double passRateHigh) {
    }

    public List<Row> rows(AnalysisFilter filter, Every every) {
        return rows(filter, every, filter.byLanguage() || filter.language() != null || filter.storyId() != null);
    }

    /** {@code fromResults}: count the results even where the run totals would do (to check they agree). */
    List<Row> rows(AnalysisFilter filter, Every every, boolean fromResults) {
        Map<List<String>, Bucket> buckets = new LinkedHashMap<>();
        if (!fromResults) {
            fromRunTotals(filter, every, buckets);
        } else {
            fromResults(filter, every, buckets);
        }
        List<Row> rows = new ArrayList<>(buckets.size());
        for (Bucket b : buckets.values()) {
            int counted = b.passed + b.failed + (filter.errorsAsFailures() ? b.errors : 0);
            PassRate rate = PassRate.of(b.passed, counted);
            rows.add(new Row(b.period, b.start, b.mode, b.language, b.runs.size(), b.passed + b.failed + b.errors,
                    b.passed, b.failed, b.errors, rate.rate(), rate.low(), rate.high()));
        }
        rows.sort(Comparator.comparing(Row::mode).thenComparing(Row::language)
                .thenComparing(Row::periodStart).thenComparing(Row::period));
        return rows;
    }

    public List<Row> rows(AnalysisFilter filter) {
        return rows(filter, Every.WEEK);
    }

    /**
     * Per mode only: every run already carries its totals (written from its results when it
     * finished; counted live for a run still going), so a year is 2,190 rows, not 876,000.
     */
    private void fromRunTotals(AnalysisFilter filter, Every every, Map<List<String>, Bucket> buckets) {
        SqlFilter where = SqlFilter.of(filter, "t", null);
        List<String> unfinished = new ArrayList<>();
        Map<String, Bucket> bucketOf = new HashMap<>();
        // Plain JDBC: this is the whole of a CLI call, and a cold JVM pays for every layer.
        try {
            jdbi.useHandle(h -> {
            try (PreparedStatement ps = h.getConnection().prepareStatement("SELECT t.Id, t.StartedAt, t.Mode, t.Passed, "
                    + "t.Failed, t.Errors, CASE WHEN t.TotalStories IS NOT NULL AND t.CompletedAt IS NOT NULL THEN 1 ELSE 0 END "
                    + "FROM TestRuns t WHERE 1 = 1"
                    + where.sql())) {
                where.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String runId = rs.getString(1);
                        Bucket b = bucket(buckets, every, runId, Timestamps.parse(rs.getString(2)), rs.getString(3), ALL_LANGUAGES);
                        b.runs.add(runId);
                        if (rs.getInt(7) == 0) {
                            unfinished.add(runId); // still running or cut short: no totals yet, count its results
                            bucketOf.put(runId, b);
                            continue;
                        }
                        int errors = rs.getInt(6);
                        b.passed += rs.getInt(4);
                        b.failed += rs.getInt(5) - errors; // ADR-005's Failed counts errors too
                        b.errors += errors;
                    }
                }
            }
            });
        } catch (java.sql.SQLException e) {
            throw new dev.anvil.AnvilException("cannot read the runs: " + e.getMessage(), e);
        }
        if (unfinished.isEmpty()) {
            return;
        }
        jdbi.useHandle(h -> h.createQuery("SELECT TestRunId, Status, COUNT(*) FROM StoryResults WHERE TestRunId IN (<ids>) "
                        + "GROUP BY TestRunId, Status")
                .bindList("ids", unfinished)
                .map((rs, ctx) -> {
                    add(bucketOf.get(rs.getString(1)), ResultStatus.fromDb(rs.getString(2)), rs.getInt(3));
                    return null;
                }).list());
    }

    private static void add(Bucket b, ResultStatus status, int n) {
        switch (status) {
            case PASSED: b.passed += n; break;
            case FAILED: b.failed += n; break;
            case ERROR: b.errors += n; break;
            default: break;
        }
    }

    private void fromResults(AnalysisFilter filter, Every every, Map<List<String>, Bucket> buckets) {
        SqlFilter where = SqlFilter.of(filter, "t", "s");
        String language = filter.byLanguage() ? "s.Language" : "NULL";
        // One row per run (and language) and status: a few thousand rows for a year, the counting
        // done by SQLite next to the data.
        String sql = "SELECT t.Id, t.StartedAt, t.Mode, " + language + " AS Lang, s.Status, COUNT(*) AS N "
                + "FROM TestRuns t JOIN StoryResults s ON s.TestRunId = t.Id WHERE 1 = 1" + where.sql()
                + " GROUP BY t.Id, " + (filter.byLanguage() ? "s.Language, " : "") + "s.Status";
        jdbi.useHandle(h -> where.bind(h.createQuery(sql), 0).map((rs, ctx) -> {
            String runId = rs.getString(1);
            String lang = filter.byLanguage() ? rs.getString(4)
                    : filter.language() != null ? filter.language() : ALL_LANGUAGES;
            Bucket b = bucket(buckets, every, runId, Timestamps.parse(rs.getString(2)), rs.getString(3), lang);
            b.runs.add(runId);
            add(b, ResultStatus.fromDb(rs.getString(5)), rs.getInt(6));
            return null;
        }).list());
    }

    private static Bucket bucket(Map<List<String>, Bucket> buckets, Every every, String runId, Instant started,
                                 String mode, String language) {
        String period = period(every, runId, started);
        return buckets.computeIfAbsent(List.of(period, mode, language),
                k -> new Bucket(period, periodStart(every, started), mode, language));
    }

    public Table table(AnalysisFilter filter, Every every) {
        return RecordTable.of("trend", Row.class, rows(filter, every));
    }

    public Table table(AnalysisFilter filter) {
        return table(filter, Every.WEEK);
    }

    static String period(Every every, String runId, Instant started) {
        LocalDate day = started.atOffset(ZoneOffset.UTC).toLocalDate();
        switch (every) {
            case DAY: return day.toString();
            case WEEK: return String.format(java.util.Locale.ROOT, "%d-W%02d",
                    day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            default: return Ids.shortId(runId);
        }
    }

    static Instant periodStart(Every every, Instant started) {
        LocalDate day = started.atOffset(ZoneOffset.UTC).toLocalDate();
        switch (every) {
            case DAY: return day.atStartOfDay(ZoneOffset.UTC).toInstant();
            case WEEK: return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(ZoneOffset.UTC).toInstant();
            default: return started;
        }
    }

    private static final class Bucket {
        final String period;
        final Instant start;
        final String mode;
        final String language;
        final java.util.Set<String> runs = new java.util.HashSet<>();
        int passed;
        int failed;
        int errors;

        Bucket(String period, Instant start, String mode, String language) {
            this.period = period;
            this.start = start;
            this.mode = mode;
            this.language = language;
        }
    }
}
