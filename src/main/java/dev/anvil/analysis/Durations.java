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
                return load(h.getConnection(), filter, jdbi);
            } catch (SQLException e) {
                throw new AnvilException("cannot read the durations: " + e.getMessage(), e);
            }
        });
        // each series is judged on its own: on every core
        List<Row> rows = new ArrayList<>(new ArrayList<>(loaded.series.values()).parallelStream()
                .map(s -> s.row(settings, loaded.runIds, loaded.runStarts)).toList());
        rows.sort(Comparator.comparing((Row r) -> !r.slower())
                .thenComparing((Row r) -> r.ratio() == null ? 0 : -r.ratio())
                .thenComparing(Row::storyId).thenComparing(Row::mode).thenComparing(Row::language));
        return rows;
    }

    private record Loaded(String[] runIds, Instant[] runStarts, Map<String, Series> series) {
    }

    /**
     * The runs under the filter in time order, then each run's passed results with a duration as
     * one concatenated string ({@link PerRunText}): "story\u0002ms" per result, with
     * "\u0002language" per language. Per mode, a series' language is its latest result's, looked
     * up afterwards for the series' last runs only.
     */
    private static Loaded load(Connection c, AnalysisFilter filter, Jdbi jdbi) throws SQLException {
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
        Map<String, Series> series = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return new Loaded(new String[0], new Instant[0], series);
        }
        List<String> modeList = new ArrayList<>();
        int[] runMode = new int[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            int m = modeList.indexOf(modes.get(i));
            if (m < 0) {
                m = modeList.size();
                modeList.add(modes.get(i));
            }
            runMode[i] = m;
        }
        boolean byLanguage = filter.byLanguage();
        SqlFilter resultFilter = SqlFilter.of(filter.withMode(null).withSince((Instant) null), "t", "r");
        // CAST: a history written by another tool may hold a duration as a real number ("1234.0")
        String aggregate = "string_agg(r.StoryId || '\u0002' || CAST(r.DurationMs AS BIGINT)"
                + (byLanguage ? " || '\u0002' || r.Language" : "") + ", '\u0001')";
        RegionKeys<Series[]> storySlots = new RegionKeys<>(); // per mode: story -> one series per mode, found without a substring
        PerRunText.read(jdbi, c, aggregate, "r", " AND r.Status = 'passed' AND r.DurationMs > 0" + resultFilter.sql(),
                resultFilter.params(), ids, (run, text, start, end) -> {
            String mode = modeList.get(runMode[run]);
            int mark = text.indexOf('\u0002', start);
            int second = byLanguage ? text.indexOf('\u0002', mark + 1) : end;
            long ms = milliseconds(text, mark + 1, second);
            Series ser;
            if (byLanguage) {
                String story = text.substring(start, mark);
                String language = text.substring(second + 1, end);
                ser = series.computeIfAbsent(story + '\u0000' + mode + '\u0000' + language, k -> new Series(story, mode));
                ser.language = language;
            } else {
                Series[] slots = storySlots.find(text, start, mark);
                if (slots == null) {
                    slots = storySlots.add(text.substring(start, mark), new Series[modeList.size()]);
                }
                ser = slots[runMode[run]];
                if (ser == null) {
                    String story = text.substring(start, mark);
                    ser = slots[runMode[run]] = new Series(story, mode);
                    series.put(story + '\u0000' + mode, ser);
                }
            }
            ser.add(run, ms);
        });
        if (!byLanguage) {
            languages(c, series.values(), ids);
        }
        return new Loaded(ids.toArray(new String[0]), starts.toArray(new Instant[0]), series);
    }

    /** The whole number of milliseconds in {@code text[from, to)}, digit by digit. */
    private static long milliseconds(String text, int from, int to) {
        long ms = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return (long) Double.parseDouble(text.substring(from, to)); // not written by Anvil: whatever the engine wrote
            }
            ms = ms * 10 + (c - '0');
        }
        return ms;
    }

    /**
     * Sets each series' language: that of its story's result in the series' last run, read as one
     * string per such run (a year has about 120 of them: stories dropped along the way end early).
     */
    private static void languages(Connection c, java.util.Collection<Series> series, List<String> runIds) throws SQLException {
        Map<String, List<Series>> byLastRun = new LinkedHashMap<>();
        for (Series s : series) {
            byLastRun.computeIfAbsent(runIds.get(s.run[s.size - 1]), k -> new ArrayList<>()).add(s);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT string_agg(StoryId || '\u0002' || Language, '\u0001') FROM StoryResults WHERE TestRunId = ?")) {
            for (Map.Entry<String, List<Series>> run : byLastRun.entrySet()) {
                ps.setString(1, run.getKey());
                String text;
                try (ResultSet rs = ps.executeQuery()) {
                    text = rs.next() ? rs.getString(1) : null;
                }
                Map<String, String> language = new HashMap<>();
                for (String entry : text == null ? new String[0] : text.split("\u0001")) {
                    int mark = entry.indexOf('\u0002');
                    language.put(entry.substring(0, mark), entry.substring(mark + 1));
                }
                for (Series s : run.getValue()) {
                    s.language = language.get(s.storyId);
                }
            }
        }
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

        void add(int runIndex, long durationMs) {
            if (size == run.length) {
                run = java.util.Arrays.copyOf(run, size * 2);
                ms = java.util.Arrays.copyOf(ms, size * 2);
            }
            run[size] = runIndex;
            ms[size] = durationMs;
            size++;
        }

        Row row(Settings settings, String[] runIds, Instant[] runStarts) {
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
            double minShift = Math.log1p(settings.minChange());
            // Each split's left side [from, size - w) is the previous one and one value more: it is
            // kept sorted by insertion for its median, and running sums give both sides' means and
            // variances (of the values less the first, against cancellation), so the splits cost
            // one pass over the segment instead of two sorts and two copies each.
            int length = size - from;
            double ref = logs[from];
            double[] sum = new double[length + 1];
            double[] squares = new double[length + 1];
            for (int i = 0; i < length; i++) {
                double d = logs[from + i] - ref;
                sum[i + 1] = sum[i] + d;
                squares[i + 1] = squares[i] + d * d;
            }
            double[] left = new double[length];
            int sorted = length - longest;
            System.arraycopy(logs, from, left, 0, sorted);
            java.util.Arrays.sort(left, 0, sorted);
            double[] shifts = new double[longest + 1];
            double[] pValues = new double[longest + 1];
            for (int w = longest; w >= settings.minRuns(); w--) {
                int tau = size - w;
                while (from + sorted < tau) {
                    sorted = insert(left, sorted, logs[from + sorted]);
                }
                shifts[w] = EDivisive.median(logs, tau, size) - sortedMedian(left, sorted);
                if (Math.abs(shifts[w]) >= minShift) {
                    pValues[w] = pValue(logs, from, tau, ref, sum, squares);
                }
            }
            double bestP = 1;
            int bestAt = -1;
            int tried = 0;
            for (int w = settings.minRuns(); w <= longest; w++) {
                int tau = size - w;
                tried++;
                if (Math.abs(shifts[w]) < minShift) {
                    continue;
                }
                if (pValues[w] < bestP) {
                    bestP = pValues[w];
                    bestAt = tau;
                }
            }
            if (bestAt < 0 || bestP * tried > settings.maxPValue()) {
                return null;
            }
            return new EDivisive.ChangePoint(bestAt, Double.NaN, bestP * tried, EDivisive.median(logs, from, bestAt),
                    EDivisive.median(logs, bestAt, size));
        }

        /** The pooled t-test between {@code [from, tau)} and {@code [tau, size)} from the running sums of values less {@code ref}. */
        private double pValue(double[] logs, int from, int tau, double ref, double[] sum, double[] squares) {
            int n1 = tau - from;
            int n2 = size - tau;
            double s1 = sum[n1];
            double s2 = sum[n1 + n2] - s1;
            double v1 = (squares[n1] - s1 * s1 / n1) / (n1 - 1);
            double v2 = (squares[n1 + n2] - squares[n1] - s2 * s2 / n2) / (n2 - 1);
            double p = EDivisive.pValue(ref + s1 / n1, v1, n1, ref + s2 / n2, v2, n2);
            // both sides (numerically) constant: settled by the values themselves
            return Double.isNaN(p) || (v1 < 1e-12 && v2 < 1e-12) ? EDivisive.pValue(logs, from, tau, size) : p;
        }

        /** Inserts {@code v} into the sorted {@code a[0, n)}; returns the new length. */
        private static int insert(double[] a, int n, double v) {
            int at = java.util.Arrays.binarySearch(a, 0, n, v);
            if (at < 0) {
                at = -at - 1;
            }
            System.arraycopy(a, at, a, at + 1, n - at);
            a[at] = v;
            return n + 1;
        }

        /** The median of the sorted {@code a[0, n)}, as {@link EDivisive#median} computes it. */
        private static double sortedMedian(double[] a, int n) {
            double h = (n - 1) * 0.5;
            int lo = (int) Math.floor(h);
            int hi = Math.min(n - 1, lo + 1);
            return a[lo] + (h - lo) * (a[hi] - a[lo]);
        }
    }
}
