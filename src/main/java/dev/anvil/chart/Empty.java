package dev.anvil.chart;

import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A chart with nothing to draw still says so, with its axes, instead of failing. */
final class Empty {
    private Empty() {
    }

    static void mark(XYChart chart, String why) {
        XYSeries none = chart.addSeries(why, new double[]{0, 1}, new double[]{0, 1});
        none.setMarker(SeriesMarkers.NONE);
        none.setLineColor(ChartStyle.translucent(ChartStyle.GRID, 0));
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0);
        chart.addAnnotation(new AnnotationText(why, 0.5, 0.5, false));
    }
}
