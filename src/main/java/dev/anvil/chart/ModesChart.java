package dev.anvil.chart;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code modes()}: pass rate per mode (a bar each) per language (a group each), every bar with its
 * 95% Wilson interval as a whisker. XChart's category bars only draw symmetric error bars and
 * Wilson intervals are not symmetric, so bars and whiskers are drawn as polygons and lines on
 * numeric axes, languages at whole numbers.
 */
final class ModesChart {
    private ModesChart() {
    }

    static XYChart of(Table t) {
        List<String> languages = new ArrayList<>();
        List<String> modes = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            if (!languages.contains(TableColumns.text(t, "language", i))) {
                languages.add(TableColumns.text(t, "language", i));
            }
            if (!modes.contains(TableColumns.text(t, "mode", i))) {
                modes.add(TableColumns.text(t, "mode", i));
            }
        }
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title("Pass rate per mode and language, whiskers: 95% Wilson interval")
                .xAxisTitle("language").yAxisTitle("pass rate").build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setYAxisDecimalPattern("0%")
                .setXAxisMin(-0.5).setXAxisMax(Math.max(languages.size(), 1) - 0.5)
                .setPlotGridVerticalLinesVisible(false)
                .setXAxisTickMarkSpacingHint(40)
                .setxAxisTickLabelsFormattingFunction(WholeNumberTicks.names(languages, false));
        if (t.rowCount() == 0) {
            Empty.mark(chart, "no counted results in this history");
            return chart;
        }
        double slot = 0.8 / modes.size();
        double half = slot * 0.42;
        List<Double> wx = new ArrayList<>();
        List<Double> wy = new ArrayList<>();
        for (int m = 0; m < modes.size(); m++) {
            List<Double> bx = new ArrayList<>();
            List<Double> by = new ArrayList<>();
            for (int i = 0; i < t.rowCount(); i++) {
                double rate = TableColumns.number(t, "passRate", i);
                if (!TableColumns.text(t, "mode", i).equals(modes.get(m)) || Double.isNaN(rate)) {
                    continue;
                }
                double x = languages.indexOf(TableColumns.text(t, "language", i)) - 0.4 + slot * (m + 0.5);
                // bars of one mode form one polygon along the axis: up, across, down, on to the next
                bx.addAll(List.of(x - half, x - half, x + half, x + half));
                by.addAll(List.of(0.0, rate, rate, 0.0));
                double low = TableColumns.number(t, "passRateLow", i);
                double high = TableColumns.number(t, "passRateHigh", i);
                if (!Double.isNaN(low) && !Double.isNaN(high)) {
                    double cap = half * 0.45;
                    whisker(wx, wy, x, low, x, high);
                    whisker(wx, wy, x - cap, low, x + cap, low);
                    whisker(wx, wy, x - cap, high, x + cap, high);
                }
            }
            if (bx.isEmpty()) {
                continue;
            }
            XYSeries bars = chart.addSeries(modes.get(m), bx, by);
            bars.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            bars.setMarker(SeriesMarkers.NONE);
            bars.setFillColor(ChartStyle.mode(modes.get(m)));
            bars.setLineColor(ChartStyle.translucent(Color.WHITE, 0)); // no outline: it would run along the axis
        }
        if (!wx.isEmpty()) {
            XYSeries whiskers = chart.addSeries("95% interval", wx, wy);
            whiskers.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            whiskers.setMarker(SeriesMarkers.NONE);
            whiskers.setLineColor(ChartStyle.INK);
            whiskers.setLineWidth(1.5f);
        }
        return chart;
    }

    /** A line segment; a null between segments lifts the pen. */
    private static void whisker(List<Double> xs, List<Double> ys, double x1, double y1, double x2, double y2) {
        xs.add(x1);
        ys.add(y1);
        xs.add(x2);
        ys.add(y2);
        xs.add(x2);
        ys.add(null);
    }
}
