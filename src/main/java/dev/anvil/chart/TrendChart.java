package dev.anvil.chart;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pass rate per period, one line per mode (and language), each in its 95% Wilson interval band. */
final class TrendChart {
    /** Beyond this many periods a line shows its course better without a marker at each point. */
    private static final int MARKERS_UP_TO = 40;

    private TrendChart() {
    }

    private record Point(long at, double rate, double low, double high) {
    }

    static XYChart of(Table t) {
        boolean byLanguage = TableColumns.byLanguage(t);
        Map<String, List<Point>> series = new LinkedHashMap<>();
        for (int i = 0; i < t.rowCount(); i++) {
            double rate = TableColumns.number(t, "passRate", i);
            if (Double.isNaN(rate)) {
                continue; // a period with no counted result has no rate to draw
            }
            String key = TableColumns.text(t, "mode", i) + (byLanguage ? " · " + TableColumns.text(t, "language", i) : "");
            double low = TableColumns.number(t, "passRateLow", i);
            double high = TableColumns.number(t, "passRateHigh", i);
            series.computeIfAbsent(key, k -> new ArrayList<>()).add(new Point(t.instantColumn("periodStart").get(i).toEpochMilli(),
                    rate, Double.isNaN(low) ? rate : low, Double.isNaN(high) ? rate : high));
        }
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title("Pass rate by " + (byLanguage ? "mode and language" : "mode") + ", shaded: 95% Wilson interval")
                .xAxisTitle("period start (UTC)").yAxisTitle("pass rate").build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setYAxisDecimalPattern("0%").setDatePattern("yyyy-MM-dd");
        if (series.isEmpty()) {
            Empty.mark(chart, "no counted results in this history");
            return chart;
        }
        int s = 0;
        boolean markers = series.values().stream().allMatch(p -> p.size() <= MARKERS_UP_TO);
        for (Map.Entry<String, List<Point>> e : series.entrySet()) {
            List<Point> points = e.getValue();
            Color colour = byLanguage ? ChartStyle.series(s++) : ChartStyle.mode(e.getKey());
            points.sort((a, b) -> Long.compare(a.at(), b.at()));
            List<Date> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            List<Date> bandX = new ArrayList<>();
            List<Double> bandY = new ArrayList<>();
            for (Point p : points) {
                x.add(new Date(p.at()));
                y.add(p.rate());
                bandX.add(new Date(p.at()));
                bandY.add(p.high());
            }
            for (int k = points.size() - 1; k >= 0; k--) {
                bandX.add(new Date(points.get(k).at()));
                bandY.add(points.get(k).low());
            }
            XYSeries band = chart.addSeries(e.getKey() + " interval", bandX, bandY);
            band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            band.setMarker(SeriesMarkers.NONE);
            band.setFillColor(ChartStyle.translucent(colour, 55));
            band.setLineColor(ChartStyle.translucent(colour, 0));
            band.setShowInLegend(false);
            XYSeries line = chart.addSeries(e.getKey(), x, y);
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setLineColor(colour);
            line.setLineWidth(2.2f);
            line.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            line.setMarkerColor(colour);
        }
        chart.getStyler().setMarkerSize(6);
        return chart;
    }
}
