package dev.anvil.report;

import dev.anvil.chart.Charts;
import tech.tablesaw.api.Table;

/**
 * Every chart of the report, drawn by the same chart code as the console ({@link Charts}), as
 * inline SVG. The one place the report touches the chart library.
 */
final class ReportCharts {
    private ReportCharts() {
    }

    /** A pass-rate trend table ({@code Analyses.trend}) as an SVG element. */
    static String trend(Table trend) {
        return svg(trend);
    }

    /** A durations table ({@code Analyses.durations} or {@code slower}) as an SVG element. */
    static String durations(Table durations) {
        return svg(durations);
    }

    private static String svg(Table table) {
        // scale with the page instead of the fixed pixel size drawn
        return Charts.svg(table).replaceFirst(" width=\"\\d+\" height=\"\\d+\"", " class=\"chart\" role=\"img\"").strip();
    }
}
