package dev.anvil.chart;

import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;

import java.awt.BasicStroke;
import java.awt.Color;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One story's passed durations per mode as box plots: the box from the first to the third
 * quartile, the median across it, whiskers to the furthest duration within 1.5 IQR, points beyond
 * that. A series with a change point gets two boxes, before it (pale) and since it (full colour),
 * with a dashed line between them at the change. XChart's own box chart has fixed colours and no
 * legend, so the boxes are drawn as polygons and lines.
 */
final class DurationSpreadChart {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final double HALF = 0.28;

    private DurationSpreadChart() {
    }

    /** {@code label} under the box (short: the legend has the date), {@code name} in the legend. */
    private record Box(String name, String label, Color colour, List<Double> seconds, boolean since, Instant changeAt) {
    }

    static XYChart of(Table t) {
        boolean byLanguage = TableColumns.byLanguage(t);
        String story = t.rowCount() == 0 ? "" : TableColumns.text(t, "storyId", 0);
        Map<String, Box> boxes = new LinkedHashMap<>();
        Map<String, Integer> seriesIndex = new LinkedHashMap<>();
        for (int i = 0; i < t.rowCount(); i++) {
            String series = TableColumns.text(t, "mode", i) + (byLanguage ? " · " + TableColumns.text(t, "language", i) : "");
            Color colour = byLanguage ? ChartStyle.series(seriesIndex.computeIfAbsent(series, k -> seriesIndex.size()))
                    : ChartStyle.mode(series);
            boolean changed = !t.column("changeAt").isMissing(i);
            boolean after = t.booleanColumn("afterChange").get(i);
            String name = series;
            String label = series;
            Instant at = changed ? t.instantColumn("changeAt").get(i) : null;
            if (changed) {
                name = series + (after ? " since " : " before ") + DAY.format(at);
                label = series + (after ? ", since" : ", before");
                colour = after ? colour : ChartStyle.lighter(colour);
            }
            Color c = colour;
            String l = label;
            boxes.computeIfAbsent(name, k -> new Box(k, l, c, new ArrayList<>(), changed && after, at))
                    .seconds().add(TableColumns.number(t, "durationMs", i) / 1000.0);
        }
        List<String> names = new ArrayList<>(boxes.keySet());
        List<String> labels = boxes.values().stream().map(Box::label).toList();
        boolean anyChange = boxes.values().stream().anyMatch(Box::since);
        int width = Math.max(ChartStyle.WIDTH, 420 + 130 * boxes.size());
        XYChart chart = new XYChartBuilder().width(width).height(ChartStyle.HEIGHT + 40)
                .title("Story " + story + ": duration of passed runs per mode"
                        + (anyChange ? ", split at its change point" : ", no change point"))
                .xAxisTitle(anyChange ? "mode, before and since its change point" : "mode")
                .yAxisTitle("duration (s)").build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0).setYAxisDecimalPattern("#,##0.#")
                .setXAxisMin(-0.6).setXAxisMax(Math.max(1, names.size()) - 0.4)
                .setPlotGridVerticalLinesVisible(false)
                .setXAxisTickMarkSpacingHint(40)
                .setxAxisTickLabelsFormattingFunction(WholeNumberTicks.names(labels, false));
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setAnnotationLineColor(ChartStyle.INK);
        chart.getStyler().setAnnotationLineStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                10f, new float[]{6f, 4f}, 0f));
        if (boxes.isEmpty()) {
            Empty.mark(chart, "no durations");
            return chart;
        }
        List<Double> lx = new ArrayList<>();
        List<Double> ly = new ArrayList<>();
        List<Double> ox = new ArrayList<>();
        List<Double> oy = new ArrayList<>();
        double top = 0;
        for (int b = 0; b < names.size(); b++) {
            Box box = boxes.get(names.get(b));
            double[] v = box.seconds().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double q1 = quantile(v, 0.25);
            double median = quantile(v, 0.5);
            double q3 = quantile(v, 0.75);
            double reach = 1.5 * (q3 - q1);
            double low = Arrays.stream(v).filter(d -> d >= q1 - reach).min().orElse(q1);
            double high = Arrays.stream(v).filter(d -> d <= q3 + reach).max().orElse(q3);
            top = Math.max(top, v[v.length - 1]);
            XYSeries rect = chart.addSeries(box.name(), List.of(b - HALF, b - HALF, b + HALF, b + HALF),
                    List.of(q1, q3, q3, q1));
            rect.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            rect.setMarker(SeriesMarkers.NONE);
            rect.setFillColor(box.colour());
            rect.setLineColor(box.colour());
            segment(lx, ly, b - HALF, median, b + HALF, median);
            segment(lx, ly, b, q3, b, high);
            segment(lx, ly, b - HALF / 2, high, b + HALF / 2, high);
            segment(lx, ly, b, q1, b, low);
            segment(lx, ly, b - HALF / 2, low, b + HALF / 2, low);
            for (double d : v) {
                if (d < low || d > high) {
                    ox.add((double) b);
                    oy.add(d);
                }
            }
            if (box.since() && b > 0) {
                chart.addAnnotation(new AnnotationLine(b - 0.5, true, false));
            }
        }
        XYSeries lines = chart.addSeries("median, whiskers (1.5 IQR)", lx, ly);
        lines.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        lines.setMarker(SeriesMarkers.NONE);
        lines.setLineColor(ChartStyle.INK);
        lines.setLineWidth(1.6f);
        if (!ox.isEmpty()) {
            XYSeries outliers = chart.addSeries("beyond the whiskers", ox, oy);
            outliers.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            outliers.setMarker(SeriesMarkers.CIRCLE);
            outliers.setMarkerColor(ChartStyle.translucent(ChartStyle.INK, 150));
        }
        for (int b = 1; b < names.size(); b++) {
            Box box = boxes.get(names.get(b));
            if (box.since()) {
                chart.addAnnotation(new AnnotationText("change point " + DAY.format(box.changeAt()), b - 0.5, top * 1.05, false));
            }
        }
        chart.getStyler().setYAxisMax(top * 1.1);
        return chart;
    }

    /** Linear interpolation between the closest ranks (R's type 7, numpy's default). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static void segment(List<Double> xs, List<Double> ys, double x1, double y1, double x2, double y2) {
        xs.add(x1);
        ys.add(y1);
        xs.add(x2);
        ys.add(y2);
        xs.add(x2);
        ys.add(null);
    }
}
