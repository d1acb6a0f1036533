package dev.anvil.analysis;

import dev.anvil.frame.RecordTable;
import org.jdbi.v3.core.Jdbi;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pass rate per mode and language over the whole filtered window, with its 95% Wilson interval
 * and the counts it rests on: which mode does best in which language. Counted like {@link Trend}
 * (skipped never counts; errors only with {@code errorsAsFailures}); a run's results are summed
 * over every period, and every run lies in exactly one period, so the sums are exact.
 */
public final class ModeComparison {
    private final Jdbi jdbi;

    public ModeComparison(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One mode in one language; {@code runs} counts the runs with at least one result in it. */
    public record Row(String mode, String language, int runs, int results, int passed, int failed, int errors,
                      Double passRate, Double passRateLow, Double passRateHigh) {
    }

    /** Ordered by mode, then language. */
    public List<Row> rows(AnalysisFilter filter) {
        Map<List<String>, int[]> sums = new LinkedHashMap<>();
        for (Trend.Row r : new Trend(jdbi).rows(filter.withByLanguage(true), Every.WEEK)) {
            int[] s = sums.computeIfAbsent(List.of(r.mode(), r.language()), k -> new int[5]);
            s[0] += r.runs();
            s[1] += r.results();
            s[2] += r.passed();
            s[3] += r.failed();
            s[4] += r.errors();
        }
        List<Row> rows = new ArrayList<>(sums.size());
        for (Map.Entry<List<String>, int[]> e : sums.entrySet()) {
            int[] s = e.getValue();
            PassRate rate = PassRate.of(s[2], s[2] + s[3] + (filter.errorsAsFailures() ? s[4] : 0));
            rows.add(new Row(e.getKey().get(0), e.getKey().get(1), s[0], s[1], s[2], s[3], s[4],
                    rate.rate(), rate.low(), rate.high()));
        }
        rows.sort(Comparator.comparing(Row::mode).thenComparing(Row::language));
        return rows;
    }

    public Table table(AnalysisFilter filter) {
        return RecordTable.of("modes", Row.class, rows(filter));
    }
}
