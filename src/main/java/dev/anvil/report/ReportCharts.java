package dev.anvil.report;

import dev.anvil.shell.plot.Charts;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every chart of the report, drawn by the same chart code as the console, as inline SVG. The one
 * place the report touches the chart library: when the charts move to another package, only this
 * class changes.
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

    // Today's chart code writes files only: draw into a temporary file and read it back.
    private static String svg(Table table) {
        Path file = null;
        try {
            file = Files.createTempFile("anvil-report-chart", ".svg");
            Charts.plot(table, file);
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int start = text.indexOf("<svg");
            String svg = start < 0 ? text : text.substring(start);
            // scale with the page instead of the fixed pixel size drawn
            return svg.replaceFirst(" width=\"\\d+\" height=\"\\d+\"", " class=\"chart\" role=\"img\"").strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw a chart of the report", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }
}
