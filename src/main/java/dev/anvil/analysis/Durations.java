package dev.anvil.analysis;

import dev.anvil.frame.Frames;
import dev.anvil.frame.RecordTable;
import org.jdbi.v3.core.Jdbi;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
        Table results = Frames.results(jdbi, filter);
        StringColumn story = results.stringColumn("storyId");
        StringColumn mode = results.stringColumn("mode");
        StringColumn language = results.stringColumn("language");
        StringColumn status = results.stringColumn("status");
        StringColumn runId = results.stringColumn("runId");
        InstantColumn started = results.instantColumn("runStartedAt");
        LongColumn duration = results.longColumn("durationMs");
        Map<String, Series> series = new LinkedHashMap<>();
        for (int i = 0; i < results.rowCount(); i++) {
            if (!"passed".equals(status.get(i)) || duration.isMissing(i) || duration.getLong(i) <= 0) {
                continue;
            }
            String s = story.get(i);
            String m = mode.get(i);
            String key = filter.byLanguage() ? s + '\u0000' + m + '\u0000' + language.get(i) : s + '\u0000' + m;
            Series ser = series.computeIfAbsent(key, k -> new Series(s, m));
            ser.add(i, started.getLongInternal(i), duration.getLong(i), language.get(i));
        }
        List<Row> rows = new ArrayList<>(series.size());
        for (Series s : series.values()) {
            rows.add(s.row(settings, runId, started));
        }
        rows.sort(Comparator.comparing((Row r) -> !r.slower())
                .thenComparing((Row r) -> r.ratio() == null ? 0 : -r.ratio())
                .thenComparing(Row::storyId).thenComparing(Row::mode).thenComparing(Row::language));
        return rows;
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

    private static final class Series {
        final String storyId;
        final String mode;
        String language;
        int size;
        int[] row = new int[64];
        long[] start = new long[64];
        double[] ms = new double[64];

        Series(String storyId, String mode) {
            this.storyId = storyId;
            this.mode = mode;
        }

        void add(int index, long packedStart, long durationMs, String lang) {
            if (size == row.length) {
                row = java.util.Arrays.copyOf(row, size * 2);
                start = java.util.Arrays.copyOf(start, size * 2);
                ms = java.util.Arrays.copyOf(ms, size * 2);
            }
            row[size] = index;
            start[size] = packedStart;
            ms[size] = durationMs;
            size++;
            language = lang;
        }

        Row row(Settings settings, StringColumn runId, InstantColumn started) {
            sortByStart();
            double median = EDivisive.median(ms, 0, size);
            double p90 = EDivisive.quantile(ms, 0, size, 0.9);
            double[] logs = new double[size];
            for (int i = 0; i < size; i++) {
                logs[i] = Math.log(ms[i]);
            }
            List<EDivisive.ChangePoint> changes = EDivisive.detect(logs, settings.minRuns(), settings.maxPValue(),
                    Math.log1p(settings.minChange()), settings.maxChanges());
            EDivisive.ChangePoint last = changes.isEmpty() ? null : changes.get(changes.size() - 1);
            if (last == null || last.medianAfter() <= last.medianBefore()) {
                return new Row(storyId, mode, language, size, median, p90, false, null, null, null, null, null, null, null);
            }
            // medians of the durations themselves (of logs, an even count would give a geometric mean)
            int from = changes.size() > 1 ? changes.get(changes.size() - 2).index() : 0;
            double before = EDivisive.median(ms, from, last.index());
            double after = EDivisive.median(ms, last.index(), size);
            int at = row[last.index()];
            return new Row(storyId, mode, language, size, median, p90, true, runId.get(at), started.get(at),
                    before, after, after / before, last.pValue(), size - last.index());
        }

        /** Results arrive in recording order; runs of a mode may interleave with other recorders. */
        private void sortByStart() {
            boolean sorted = true;
            for (int i = 1; i < size && sorted; i++) {
                sorted = start[i - 1] <= start[i];
            }
            if (sorted) {
                return;
            }
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, Comparator.comparingLong(i -> start[i]));
            int[] r = new int[size];
            long[] s = new long[size];
            double[] d = new double[size];
            for (int i = 0; i < size; i++) {
                r[i] = row[order[i]];
                s[i] = start[order[i]];
                d[i] = ms[order[i]];
            }
            row = r;
            start = s;
            ms = d;
        }
    }
}
