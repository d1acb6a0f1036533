package dev.anvil.chart;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code durations()} and {@code slower()}: median and p90 duration of passed runs per story and
 * mode, for the first rows of the table (the slower ones come first), as grouped bars.
 */
final class DurationBarsChart {
    static final int ROWS = 20;

    private DurationBarsChart() {
    }

    static CategoryChart of(Table t) {
        int rows = Math.min(t.rowCount(), ROWS);
        boolean hasSlower = t.columnNames().contains("slower");
        List<String> labels = new ArrayList<>();
        List<Double> medians = new ArrayList<>();
        List<Double> p90s = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            boolean slower = hasSlower && !t.column("slower").isMissing(i) && t.booleanColumn("slower").get(i);
            labels.add(ChartStyle.cut(TableColumns.text(t, "storyId", i), 22) + " · " + TableColumns.text(t, "mode", i)
                    + (slower ? " (slower)" : ""));
            medians.add(zeroIfMissing(TableColumns.number(t, "medianMs", i)) / 1000.0);
            p90s.add(zeroIfMissing(TableColumns.number(t, "p90Ms", i)) / 1000.0);
        }
        String shown = t.rowCount() > rows ? ", first " + rows + " of " + t.rowCount() + " series" : "";
        CategoryChart chart = new CategoryChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT + 140)
                .title("Duration of passed runs per story and mode" + shown)
                .xAxisTitle("story · mode").yAxisTitle("duration (s)").build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setXAxisLabelRotation(50).setYAxisMin(0.0).setYAxisDecimalPattern("#,##0.#");
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        chart.getStyler().setAvailableSpaceFill(0.8);
        if (rows == 0) {
            labels.add("no durations");
            medians.add(0.0);
            p90s.add(0.0);
        }
        CategorySeries median = chart.addSeries("median", labels, medians);
        median.setFillColor(ChartStyle.series(0));
        CategorySeries p90 = chart.addSeries("90th percentile", labels, p90s);
        p90.setFillColor(ChartStyle.lighter(ChartStyle.series(0)));
        return chart;
    }

    private static double zeroIfMissing(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
}
