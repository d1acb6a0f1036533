package dev.anvil.analysis;

import dev.anvil.AnvilException;
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
 * Every passed duration of one story, per mode (and language with {@code byLanguage}), oldest
 * first, each marked before or after the series' latest change point: the distribution behind
 * {@link Durations}' medians, for a box plot. The change point is found as {@link Durations}
 * finds it (E-divisive on log durations, same {@link Durations.Settings}), in either direction:
 * a story that got faster has a change too.
 */
public final class DurationSamples {
    private final Jdbi jdbi;
    private final Durations.Settings settings;

    public DurationSamples(Jdbi jdbi) {
        this(jdbi, Durations.Settings.DEFAULT);
    }

    public DurationSamples(Jdbi jdbi, Durations.Settings settings) {
        this.jdbi = jdbi;
        this.settings = settings;
    }

    /**
     * @param changeAt    start of the first run at the series' latest level, null when it never changed
     * @param afterChange this result is at or after {@code changeAt}
     * @param pValue      t-test p-value of the change, null when it never changed
     */
    public record Row(String storyId, String mode, String language, String runId, Instant startedAt, long durationMs,
                      Instant changeAt, boolean afterChange, Double pValue) {
    }

    /** @throws AnvilException when the story has no passed result with a duration in the window */
    public List<Row> rows(String storyId, AnalysisFilter filter) {
        if (storyId == null || storyId.isBlank()) {
            throw new AnvilException("no story named: give a story id (durations() lists them)");
        }
        Table results = Frames.results(jdbi, filter.withStory(storyId));
        StringColumn mode = results.stringColumn("mode");
        StringColumn language = results.stringColumn("language");
        StringColumn status = results.stringColumn("status");
        StringColumn runId = results.stringColumn("runId");
        InstantColumn started = results.instantColumn("runStartedAt");
        LongColumn duration = results.longColumn("durationMs");
        Map<String, List<Integer>> series = new LinkedHashMap<>();
        for (int i = 0; i < results.rowCount(); i++) {
            if ("passed".equals(status.get(i)) && !duration.isMissing(i) && duration.getLong(i) > 0) {
                String key = filter.byLanguage() ? mode.get(i) + '\u0000' + language.get(i) : mode.get(i);
                series.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        if (series.isEmpty()) {
            throw new AnvilException("story '" + storyId + "' has no passed result with a duration"
                    + (filter.equals(AnalysisFilter.all()) ? "" : " in this selection") + ": durations() lists the stories that have");
        }
        List<Row> rows = new ArrayList<>();
        List<String> keys = new ArrayList<>(series.keySet());
        keys.sort(Comparator.naturalOrder());
        for (String key : keys) {
            List<Integer> idx = series.get(key);
            idx.sort(Comparator.comparingLong(started::getLongInternal));
            double[] logs = new double[idx.size()];
            for (int k = 0; k < logs.length; k++) {
                logs[k] = Math.log(duration.getLong(idx.get(k)));
            }
            List<EDivisive.ChangePoint> changes = EDivisive.detect(logs, settings.minRuns(), settings.maxPValue(),
                    Math.log1p(settings.minChange()), settings.maxChanges());
            EDivisive.ChangePoint last = changes.isEmpty() ? null : changes.get(changes.size() - 1);
            Instant changeAt = last == null ? null : started.get(idx.get(last.index()));
            for (int k = 0; k < idx.size(); k++) {
                int i = idx.get(k);
                rows.add(new Row(storyId, mode.get(i), language.get(i), runId.get(i), started.get(i), duration.getLong(i),
                        changeAt, last != null && k >= last.index(), last == null ? null : last.pValue()));
            }
        }
        return rows;
    }

    public Table table(String storyId, AnalysisFilter filter) {
        return RecordTable.of("durations " + storyId, Row.class, rows(storyId, filter));
    }
}
