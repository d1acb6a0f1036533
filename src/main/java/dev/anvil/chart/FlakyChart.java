package dev.anvil.chart;

import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code flaky()}: each flaky story and mode as a point, its pass rate (with its 95% Wilson
 * interval as a whisker) against its flip rate, over its current segment, a colour per mode. The
 * most flaky (the table's first rows, ranked by score) are named where a name has room.
 */
final class FlakyChart {
    static final int NAMED = 8;
    /** A character's width and half a line's height of an annotation, in axis units (both axes run from 0 to 1, ~700 px). */
    private static final double CHAR_WIDTH = 0.0095;
    private static final double NAME_HALF_HEIGHT = 0.018;

    private FlakyChart() {
    }

    static XYChart of(Table t) {
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT + 60)
                .title("Flaky stories: pass rate against flip rate" + (t.rowCount() > NAMED ? ", the most flaky named" : ""))
                .xAxisTitle("flip rate (pass/fail changes per run)").yAxisTitle("pass rate").build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0)
                .setXAxisDecimalPattern("0%").setYAxisDecimalPattern("0%");
        chart.getStyler().setMarkerSize(10);
        if (t.rowCount() == 0) {
            Empty.mark(chart, "no flaky stories");
            return chart;
        }
        boolean byLanguage = TableColumns.byLanguage(t);
        Map<String, List<double[]>> byMode = new LinkedHashMap<>();
        List<Double> wx = new ArrayList<>();
        List<Double> wy = new ArrayList<>();
        List<double[]> named = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            double x = TableColumns.number(t, "flipRate", i);
            double y = TableColumns.number(t, "passRate", i);
            byMode.computeIfAbsent(TableColumns.text(t, "mode", i), k -> new ArrayList<>()).add(new double[]{x, y});
            double low = TableColumns.number(t, "passRateLow", i);
            double high = TableColumns.number(t, "passRateHigh", i);
            if (!Double.isNaN(low) && !Double.isNaN(high)) {
                wx.addAll(java.util.Arrays.asList(x, x, x));
                wy.addAll(java.util.Arrays.asList(low, high, null));
            }
            if (i < NAMED) {
                name(chart, named, x, y, ChartStyle.cut(TableColumns.text(t, "storyId", i), 24)
                        + (byLanguage ? " · " + TableColumns.text(t, "language", i) : ""));
            }
        }
        if (!wx.isEmpty()) {
            XYSeries whiskers = chart.addSeries("95% interval", wx, wy);
            whiskers.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            whiskers.setMarker(SeriesMarkers.NONE);
            whiskers.setLineColor(ChartStyle.translucent(ChartStyle.MUTED, 140));
            whiskers.setLineWidth(1.2f);
        }
        for (Map.Entry<String, List<double[]>> e : byMode.entrySet()) {
            double[] x = e.getValue().stream().mapToDouble(p -> p[0]).toArray();
            double[] y = e.getValue().stream().mapToDouble(p -> p[1]).toArray();
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(ChartStyle.translucent(ChartStyle.mode(e.getKey()), 220));
        }
        return chart;
    }

    /** The name right of the point, else left of it, else not at all: names must not cover each other. */
    private static void name(XYChart chart, List<double[]> placed, double x, double y, String name) {
        double half = name.length() * CHAR_WIDTH / 2;
        for (double dx : new double[]{half + 0.02, -half - 0.02}) {
            double cx = x + dx;
            if (cx - half < 0 || cx + half > 1) {
                continue;
            }
            boolean free = placed.stream().noneMatch(p -> Math.abs(p[0] - cx) < p[2] + half
                    && Math.abs(p[1] - y) < 2 * NAME_HALF_HEIGHT);
            if (free) {
                placed.add(new double[]{cx, y, half});
                chart.addAnnotation(new AnnotationText(name, cx, y, false));
                return;
            }
        }
    }
}
