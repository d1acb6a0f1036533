package dev.anvil.analysis;

import dev.anvil.AnvilException;
import dev.anvil.frame.RecordTable;
import dev.anvil.history.HistoryRepository;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Run;
import dev.anvil.history.Timestamps;
import org.jdbi.v3.core.Jdbi;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed between two runs, story by story: newly failing, newly passing, still failing,
 * added, removed, and the largest duration changes. "Failing" is failed or error (the status
 * columns say which); a story skipped in either run has no status change. A story run more than
 * once in a run counts with its last result.
 *
 * <p>Runs are named as everywhere ({@code latest}, {@code latest~N}, an id prefix). Left out, the
 * later run is the latest (of the filter's mode, if any) and the earlier one the run before it
 * <em>of the same mode</em>: comparing a mode with another says little about either. With one
 * name, that run is compared with the latest (of the filter's mode, if any).
 */
public final class RunComparison {
    /** Duration changes listed at most. */
    public static final int DURATION_CHANGES = 10;
    /** A duration change is listed only beyond this ratio (either way). */
    public static final double MIN_DURATION_RATIO = 1.2;

    public static final String NEWLY_FAILING = "newly-failing";
    public static final String NEWLY_PASSING = "newly-passing";
    public static final String STILL_FAILING = "still-failing";
    public static final String ADDED = "added";
    public static final String REMOVED = "removed";
    public static final String SLOWER = "slower";
    public static final String FASTER = "faster";
    private static final List<String> ORDER = List.of(NEWLY_FAILING, NEWLY_PASSING, STILL_FAILING, ADDED, REMOVED,
            SLOWER, FASTER);

    private final Jdbi jdbi;

    public RunComparison(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One story's change; {@code durationRatio} is after / before. */
    public record Row(String storyId, String language, String change, String statusBefore, String statusAfter,
                      Long durationBeforeMs, Long durationAfterMs, Double durationRatio, String errorMessage) {
    }

    /** The two runs compared and the changes, in the order of {@link #ORDER}. */
    public record Comparison(Run before, Run after, List<Row> rows) {
        public String title() {
            return "compare " + describe(before) + " -> " + describe(after);
        }

        private static String describe(Run r) {
            return r.shortId() + " (" + r.mode() + ", " + Timestamps.format(r.startedAt()).substring(0, 16).replace('T', ' ') + ")";
        }
    }

    /**
     * @param before the earlier run's name, or null for the run before {@code after} of the same mode
     * @param after  the later run's name, or null for the latest run (of the filter's mode), also when only {@code before} is named
     */
    public Comparison compare(String before, String after, AnalysisFilter filter) {
        HistoryRepository repo = new HistoryRepository(jdbi);
        Run b;
        Run a;
        if (after != null) {
            b = repo.resolveRun(after);
        } else {
            b = latest(repo, filter.mode()); // one name: that run against the latest (of --mode, if given)
        }
        a = before != null ? repo.resolveRun(before) : previous(b);
        if (a.id().equals(b.id())) {
            throw new AnvilException("run " + a.shortId() + " is compared with itself" + (after == null
                    ? ": it is the latest run" + (filter.mode() == null ? "" : " of mode " + filter.mode())
                    + "; name an earlier one (latest~1) or both runs" : "; name two different runs"));
        }
        Map<String, Result> was = results(a.id(), filter);
        Map<String, Result> is = results(b.id(), filter);
        List<Row> rows = new ArrayList<>();
        List<Row> durations = new ArrayList<>();
        for (Map.Entry<String, Result> e : is.entrySet()) {
            Result now = e.getValue();
            Result then = was.get(e.getKey());
            if (then == null) {
                rows.add(row(ADDED, e.getKey(), null, now));
                continue;
            }
            String change = statusChange(then.status, now.status);
            if (change != null) {
                rows.add(row(change, e.getKey(), then, now));
            }
            if (then.durationMs != null && now.durationMs != null && then.durationMs > 0 && now.durationMs > 0
                    && then.status != ResultStatus.SKIPPED && now.status != ResultStatus.SKIPPED) {
                double ratio = (double) now.durationMs / then.durationMs;
                if (ratio >= MIN_DURATION_RATIO || ratio <= 1 / MIN_DURATION_RATIO) {
                    durations.add(row(ratio > 1 ? SLOWER : FASTER, e.getKey(), then, now));
                }
            }
        }
        for (Map.Entry<String, Result> e : was.entrySet()) {
            if (!is.containsKey(e.getKey())) {
                rows.add(row(REMOVED, e.getKey(), e.getValue(), null));
            }
        }
        durations.sort(Comparator.comparingDouble((Row r) -> -Math.abs(Math.log(r.durationRatio()))).thenComparing(Row::storyId));
        rows.addAll(durations.subList(0, Math.min(DURATION_CHANGES, durations.size())));
        rows.sort(Comparator.comparingInt((Row r) -> ORDER.indexOf(r.change()))
                .thenComparing((r1, r2) -> r1.change().equals(SLOWER) || r1.change().equals(FASTER)
                        ? Double.compare(Math.abs(Math.log(r2.durationRatio())), Math.abs(Math.log(r1.durationRatio()))) : 0)
                .thenComparing(Row::storyId));
        return new Comparison(a, b, rows);
    }

    public Table table(String before, String after, AnalysisFilter filter) {
        Comparison c = compare(before, after, filter);
        return RecordTable.of(c.title(), Row.class, c.rows());
    }

    private static String statusChange(ResultStatus then, ResultStatus now) {
        if (then == ResultStatus.SKIPPED || now == ResultStatus.SKIPPED) {
            return null;
        }
        boolean wasFailing = then != ResultStatus.PASSED;
        boolean isFailing = now != ResultStatus.PASSED;
        if (!wasFailing && isFailing) {
            return NEWLY_FAILING;
        }
        if (wasFailing && !isFailing) {
            return NEWLY_PASSING;
        }
        return wasFailing ? STILL_FAILING : null;
    }

    private static Row row(String change, String storyId, Result then, Result now) {
        Long before = then == null ? null : then.durationMs;
        Long after = now == null ? null : now.durationMs;
        Double ratio = before != null && after != null && before > 0 ? (double) after / before : null;
        return new Row(storyId, now != null ? now.language : then.language, change,
                then == null ? null : then.status.dbValue(), now == null ? null : now.status.dbValue(),
                before, after, ratio, now != null ? now.message : then.message);
    }

    private Run latest(HistoryRepository repo, String mode) {
        List<Run> runs = repo.listRuns(1, mode);
        if (runs.isEmpty()) {
            throw new AnvilException(mode == null ? "no runs recorded yet: nothing to compare (record one with anvil record)"
                    : "no runs of mode '" + mode + "' in the history: nothing to compare");
        }
        return runs.get(0);
    }

    private Run previous(Run run) {
        String id = jdbi.withHandle(h -> h.createQuery("SELECT Id FROM TestRuns WHERE Mode = :mode "
                        + "AND (StartedAt < :started OR (StartedAt = :started AND Id < :id)) "
                        + "ORDER BY StartedAt DESC, Id DESC LIMIT 1")
                .bind("mode", run.mode())
                .bind("started", Timestamps.format(run.startedAt()))
                .bind("id", run.id())
                .mapTo(String.class)
                .findOne()
                .orElseThrow(() -> new AnvilException("run " + run.shortId() + " is the first run of mode '" + run.mode()
                        + "': nothing before it to compare with; name both runs (anvil analyze compare A B)")));
        return new HistoryRepository(jdbi).findRun(id).orElseThrow();
    }

    private record Result(String language, ResultStatus status, Long durationMs, String message) {
    }

    private Map<String, Result> results(String runId, AnalysisFilter filter) {
        SqlFilter where = SqlFilter.of(filter.withMode(null).withSince((java.time.Instant) null), "t", "s");
        Map<String, Result> byStory = new LinkedHashMap<>();
        jdbi.useHandle(h -> where.bind(h.createQuery("SELECT s.StoryId, s.Language, s.Status, s.DurationMs, s.ErrorMessage "
                        + "FROM StoryResults s JOIN TestRuns t ON t.Id = s.TestRunId WHERE s.TestRunId = ?" + where.sql()
                        + " ORDER BY s.ExecutedAt, s.StoryId")
                .bind(0, runId), 1)
                .map((rs, ctx) -> {
                    long ms = rs.getLong(4);
                    Long duration = rs.wasNull() ? null : ms;
                    byStory.put(rs.getString(1), new Result(rs.getString(2), ResultStatus.fromDb(rs.getString(3)),
                            duration, rs.getString(5)));
                    return null;
                }).list());
        return byStory;
    }
}
