package dev.anvil.chart;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A story's latest outcomes as a strip of cells per mode (and language), oldest on the left:
 * passed green, failed red, error grey, skipped pale. The symbols are {@code StoryTimeline}'s.
 */
final class TimelineChart {
    private static final int ROW_HEIGHT = 60;
    /** Plot width left for the cells once the row labels and the legend have their room. */
    private static final int CELLS_WIDTH = 700;

    private TimelineChart() {
    }

    private enum Outcome {
        PASSED("passed", '✓', ChartStyle.PASSED), FAILED("failed", '✗', ChartStyle.FAILED),
        ERROR("error", '!', ChartStyle.ERROR), SKIPPED("skipped", '-', ChartStyle.SKIPPED);

        final String label;
        final int symbol;
        final Color colour;

        Outcome(String label, int symbol, Color colour) {
            this.label = label;
            this.symbol = symbol;
            this.colour = colour;
        }

        static Outcome of(int symbol) {
            for (Outcome o : values()) {
                if (o.symbol == symbol) {
                    return o;
                }
            }
            return SKIPPED;
        }
    }

    static XYChart of(Table t) {
        int rows = t.rowCount();
        boolean byLanguage = TableColumns.byLanguage(t);
        String story = rows == 0 ? "" : TableColumns.text(t, "storyId", 0);
        int longest = 1;
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            longest = Math.max(longest, cells(t, i).length);
            double rate = t.columnNames().contains("passRate") ? TableColumns.number(t, "passRate", i) : Double.NaN;
            labels.add(ChartStyle.cut(TableColumns.text(t, "mode", i) + (byLanguage ? " · " + TableColumns.text(t, "language", i) : ""), 28)
                    + (Double.isNaN(rate) ? "" : String.format(Locale.ROOT, " (%.0f%%)", 100 * rate)));
        }
        int height = Math.max(260, 170 + ROW_HEIGHT * rows);
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(height)
                .title("Story " + story + ": latest " + longest + " outcomes per mode")
                .xAxisTitle("outcome, oldest → newest").yAxisTitle("mode (pass rate)").build();
        ChartStyle.apply(chart.getStyler());
        if (rows == 0) {
            Empty.mark(chart, "no outcomes");
            return chart;
        }
        // A cell per outcome: square markers, as large as the strip's width allows.
        int cell = Math.max(3, Math.min(ROW_HEIGHT - 30, CELLS_WIDTH / longest - 2));
        chart.getStyler().setMarkerSize(cell);
        chart.getStyler().setXAxisMin(0.3).setXAxisMax(longest + 0.7)
                .setYAxisMin(-0.6).setYAxisMax(rows - 0.4)
                .setPlotGridLinesVisible(false)
                .setYAxisTickMarkSpacingHint(ROW_HEIGHT)
                .setXAxisDecimalPattern("0")
                .setyAxisTickLabelsFormattingFunction(WholeNumberTicks.names(labels, true));
        for (Outcome o : Outcome.values()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                int[] cps = cells(t, i);
                for (int k = 0; k < cps.length; k++) {
                    if (Outcome.of(cps[k]) == o) {
                        x.add(k + 1.0);
                        y.add(rows - 1.0 - i); // the table's first row on top
                    }
                }
            }
            if (x.isEmpty()) {
                continue;
            }
            XYSeries s = chart.addSeries(o.label, x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.SQUARE);
            s.setMarkerColor(o.colour);
        }
        return chart;
    }

    /** The outcomes of a row; a leading {@code …} says older ones were left out, and is no outcome. */
    private static int[] cells(Table t, int row) {
        return t.stringColumn("timeline").get(row).codePoints().filter(c -> c != '…').toArray();
    }
}
