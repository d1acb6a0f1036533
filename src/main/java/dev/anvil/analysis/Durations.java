package dev.anvil.analysis;

import dev.anvil.AnvilException;
import dev.anvil.frame.RecordTable;
import dev.anvil.history.Timestamps;
import org.jdbi.v3.core.Jdbi;
import tech.tablesaw.api.Table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Median and p90 duration per story and mode (and language with {@code byLanguage}), over
 * passed results only (a failure's duration says how soon it failed, not how long the work
 * takes), and the stories that became significantly slower.
 *
 * <p>Slower means: {@link EDivisive} finds change points in the series of log durations (run
 * order), each with at least {@link Settings#minRuns} results on either side, a pooled t-test
 * p-value of at most {@link Settings#maxPValue} and a change of the medians of at least
 * {@link Settings#minChange}; and the latest change point is a slowdown. One slow run, or a few,
 * is not a change; a story that got slower and then recovered is not slower now.
 */
public final class Durations {
    private final Jdbi jdbi;
    private final Settings settings;

    public Durations(Jdbi jdbi) {
        this(jdbi, Settings.DEFAULT);
    }

    public Durations(Jdbi jdbi, Settings settings) {
        this.jdbi = jdbi;
        this.settings = settings;
    }

    /**
     * @param minRuns    fewest passed results on either side of a change
     * @param maxPValue  significance level of the t-test at a change
     * @param minChange  smallest relative change of the median duration, e.g. 0.2 for 20%
     * @param maxChanges most change points looked for per series
     */
    public record Settings(int minRuns, double maxPValue, double minChange, int maxChanges) {
        public static final Settings DEFAULT = new Settings(5, 0.0001, 0.2, 10);

        public Settings withMinRuns(int value) {
            return new Settings(value, maxPValue, minChange, maxChanges);
        }

        public Settings withMaxPValue(double value) {
            return new Settings(minRuns, value, minChange, maxChanges);
        }

        public Settings withMinChange(double value) {
            return new Settings(minRuns, maxPValue, value, maxChanges);
        }
    }

    /**
     * One series. The change fields are null unless {@code slower}.
     *
     * @param runs           passed results measured
     * @param slower         the latest change point is a significant slowdown
     * @param changeRunId    the first run at the new, slower level
     * @param changeAt       when that run started
     * @param ratio          medianAfterMs / medianBeforeMs
     * @param pValue         t-test (pooled variance) on log durations between the segments around the change
     * @param runsAfter      passed results since the change
     */
    public record Row(String storyId, String mode, String language, int runs, Double medianMs, Double p90Ms,
                      boolean slower, String changeRunId, Instant changeAt, Double medianBeforeMs,
                      Double medianAfterMs, Double ratio, Double pValue, Integer runsAfter) {
    }

    /** Every series, the slower ones first (largest ratio first), then by story and mode. */
    public List<Row> rows(AnalysisFilter filter) {
        Loaded loaded = jdbi.withHandle(h -> {
            try {
                return load(h.getConnection(), filter);
            } catch (SQLException e) {
                throw new AnvilException("cannot read the durations: " + e.getMessage(), e);
            }
        });
        List<Row> rows = new ArrayList<>(loaded.series.size());
        for (Series s : loaded.series.values()) {
            rows.add(s.row(settings, loaded.runIds, loaded.runStarts));
        }
        rows.sort(Comparator.comparing((Row r) -> !r.slower())
                .thenComparing((Row r) -> r.ratio() == null ? 0 : -r.ratio())
                .thenComparing(Row::storyId).thenComparing(Row::mode).thenComparing(Row::language));
        return rows;
    }

    private record Loaded(String[] runIds, Instant[] runStarts, Map<String, Series> series) {
    }

    /**
     * The runs under the filter in time order, then the passed results with a duration: four
     * columns, one plain query (portable SQL), straight into primitive arrays per series. A year's
     * 850,000 passed results cross JDBC without a frame in between (that was two thirds of the time).
     */
    private static Loaded load(Connection c, AnalysisFilter filter) throws SQLException {
        SqlFilter runFilter = SqlFilter.of(filter, "t", null);
        List<String> ids = new ArrayList<>();
        List<Instant> starts = new ArrayList<>();
        List<String> modes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT t.Id, t.StartedAt, t.Mode FROM TestRuns t WHERE 1 = 1"
                + runFilter.sql() + " ORDER BY t.StartedAt, t.Id")) {
            runFilter.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                    starts.add(Timestamps.parse(rs.getString(2)));
                    modes.add(rs.getString(3));
                }
            }
        }
        Map<String, Integer> runIndex = new HashMap<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            runIndex.put(ids.get(i), i);
        }
        Map<String, Series> series = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return new Loaded(new String[0], new Instant[0], series);
        }
        SqlFilter resultFilter = SqlFilter.of(filter.withMode(null).withSince((Instant) null), "t", "r");
        boolean narrowed = filter.mode() != null || filter.since() != null;
        String sql = "SELECT r.TestRunId, r.StoryId, r.Language, r.DurationMs FROM StoryResults r "
                + "WHERE r.Status = 'passed' AND r.DurationMs > 0" + resultFilter.sql()
                + (narrowed ? " AND r.TestRunId IN (SELECT t.Id FROM TestRuns t WHERE 1 = 1" + runFilter.sql() + ")" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            resultFilter.bind(ps, 1);
            if (narrowed) {
                runFilter.bind(ps, 1 + resultFilter.params().size());
            }
            ps.setFetchSize(10_000);
            Map<String, Series[]> byStory = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Integer run = runIndex.get(rs.getString(1));
                    if (run == null) {
                        continue;
                    }
                    String story = rs.getString(2);
                    String language = rs.getString(3);
                    String mode = modes.get(run);
                    Series ser;
                    if (filter.byLanguage()) {
                        String key = story + '\u0000' + mode + '\u0000' + language;
                        ser = series.computeIfAbsent(key, k -> new Series(story, mode));
                    } else {
                        // one array of series per story, one slot per mode: no key string per result
                        Series[] slots = byStory.computeIfAbsent(story, k -> new Series[4]);
                        ser = null;
                        for (int i = 0; i < slots.length && ser == null; i++) {
                            if (slots[i] == null) {
                                slots[i] = new Series(story, mode);
                                series.put(story + '\u0000' + mode, slots[i]);
                                ser = slots[i];
                            } else if (slots[i].mode.equals(mode)) {
                                ser = slots[i];
                            } else if (i == slots.length - 1) {
                                Series[] more = java.util.Arrays.copyOf(slots, slots.length * 2);
                                byStory.put(story, more);
                                slots = more;
                            }
                        }
                    }
                    ser.add(run, rs.getLong(4), language);
                }
            }
        }
        return new Loaded(ids.toArray(new String[0]), starts.toArray(new Instant[0]), series);
    }

    /** Only the series that became significantly slower. */
    public List<Row> slower(AnalysisFilter filter) {
        return rows(filter).stream().filter(Row::slower).toList();
    }

    public Table table(AnalysisFilter filter) {
        return RecordTable.of("durations", Row.class, rows(filter));
    }

    public Table slowerTable(AnalysisFilter filter) {
        return RecordTable.of("slower", Row.class, slower(filter));
    }

    /** How far back from the end a late change is looked for when E-Divisive found none there. */
    static final int LATE_WINDOW = 20;

    private static final class Series {
        final String storyId;
        final String mode;
        String language;
        int size;
        int[] run = new int[64];
        double[] ms = new double[64];

        Series(String storyId, String mode) {
            this.storyId = storyId;
            this.mode = mode;
        }

        void add(int runIndex, long durationMs, String lang) {
            if (size == run.length) {
                run = java.util.Arrays.copyOf(run, size * 2);
                ms = java.util.Arrays.copyOf(ms, size * 2);
            }
            // the language of the latest result, as results may arrive in any order
            if (size == 0 || runIndex >= run[size - 1]) {
                language = lang;
            }
            run[size] = runIndex;
            ms[size] = durationMs;
            size++;
        }

        Row row(Settings settings, String[] runIds, Instant[] runStarts) {
            sortByRun();
            double median = EDivisive.median(ms, 0, size);
            double p90 = EDivisive.quantile(ms, 0, size, 0.9);
            double[] logs = new double[size];
            for (int i = 0; i < size; i++) {
                logs[i] = Math.log(ms[i]);
            }
            List<EDivisive.ChangePoint> changes = new ArrayList<>(EDivisive.detect(logs, settings.minRuns(),
                    settings.maxPValue(), Math.log1p(settings.minChange()), settings.maxChanges()));
            EDivisive.ChangePoint late = lateChange(logs, changes, settings);
            if (late != null) {
                changes.add(late);
            }
            EDivisive.ChangePoint last = changes.isEmpty() ? null : changes.get(changes.size() - 1);
            if (last == null || last.medianAfter() <= last.medianBefore()) {
                return new Row(storyId, mode, language, size, median, p90, false, null, null, null, null, null, null, null);
            }
            // medians of the durations themselves (of logs, an even count would give a geometric mean)
            int from = changes.size() > 1 ? changes.get(changes.size() - 2).index() : 0;
            double before = EDivisive.median(ms, from, last.index());
            double after = EDivisive.median(ms, last.index(), size);
            int at = run[last.index()];
            return new Row(storyId, mode, language, size, median, p90, true, runIds[at], runStarts[at],
                    before, after, after / before, last.pValue(), size - last.index());
        }

        /**
         * A change among the last {@link #LATE_WINDOW} values that E-Divisive did not split off: its
         * energy statistic weighs a split by the sizes of both sides, so a slowdown with eight
         * values after it rarely has the largest Q of a long series. Every split from minRuns to
         * LATE_WINDOW values before the end of the last segment is t-tested against the rest of
         * that segment; the smallest p-value, times the splits tried (Bonferroni), must be at most
         * maxPValue, and the medians differ by at least minChange.
         */
        private EDivisive.ChangePoint lateChange(double[] logs, List<EDivisive.ChangePoint> changes, Settings settings) {
            int from = changes.isEmpty() ? 0 : changes.get(changes.size() - 1).index();
            int longest = Math.min(LATE_WINDOW, (size - from) / 2);
            if (longest < settings.minRuns()) {
                return null;
            }
            double bestP = 1;
            int bestAt = -1;
            int tried = 0;
            for (int w = settings.minRuns(); w <= longest; w++) {
                int tau = size - w;
                tried++;
                double shift = EDivisive.median(logs, tau, size) - EDivisive.median(logs, from, tau);
                if (Math.abs(shift) < Math.log1p(settings.minChange())) {
                    continue;
                }
                double p = EDivisive.pValue(logs, from, tau, size);
                if (p < bestP) {
                    bestP = p;
                    bestAt = tau;
                }
            }
            if (bestAt < 0 || bestP * tried > settings.maxPValue()) {
                return null;
            }
            return new EDivisive.ChangePoint(bestAt, Double.NaN, bestP * tried, EDivisive.median(logs, from, bestAt),
                    EDivisive.median(logs, bestAt, size));
        }

        /** Run indexes are in time order; results arrive in storage order, which is usually the same. */
        private void sortByRun() {
            boolean sorted = true;
            for (int i = 1; i < size && sorted; i++) {
                sorted = run[i - 1] <= run[i];
            }
            if (sorted) {
                return;
            }
            long[] packed = new long[size];
            for (int i = 0; i < size; i++) {
                packed[i] = ((long) run[i] << 32) | i; // stable: equal runs keep their order
            }
            java.util.Arrays.sort(packed);
            int[] r = new int[size];
            double[] d = new double[size];
            for (int i = 0; i < size; i++) {
                int from = (int) packed[i];
                r[i] = run[from];
                d[i] = ms[from];
            }
            run = r;
            ms = d;
        }
    }
}
