package dev.anvil.chart;

import dev.anvil.AnvilException;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Charts of analysis tables, drawn by XChart: the console's {@code plot(...)}, the kernel's inline
 * images and the HTML report all come through here. The table's columns say which {@link ChartKind}
 * it is; every chart has a title, axis titles and a legend.
 *
 * <p>This class names no XChart type, so commands that never draw do not load the library (nor
 * AWT): the drawing is in {@link Drawing}, loaded on the first chart.
 */
public final class Charts {
    private Charts() {
    }

    /** What picture the table makes, or null when it is none of them (see {@link ChartKind}). */
    public static ChartKind kindOf(Table table) {
        if (has(table, "periodStart", "passRate", "passRateLow", "passRateHigh", "mode")) {
            return ChartKind.TREND;
        }
        if (has(table, "timeline", "mode")) {
            return ChartKind.TIMELINE;
        }
        if (has(table, "durationMs", "afterChange", "mode")) {
            return ChartKind.DURATION_SPREAD;
        }
        if (has(table, "medianMs", "p90Ms", "storyId", "mode")) {
            return ChartKind.DURATIONS;
        }
        if (has(table, "flipRate", "passRate", "storyId", "mode")) {
            return ChartKind.FLAKY;
        }
        if (has(table, "mode", "language", "passRate", "passRateLow", "passRateHigh") && !has(table, "storyId")) {
            return ChartKind.MODES;
        }
        return null;
    }

    /** The chart as PNG bytes. */
    public static byte[] png(Table table) {
        return Drawing.png(table, require(table));
    }

    /**
     * The chart as one {@code <svg>} element with no XML declaration or DOCTYPE, so it can be
     * pasted into HTML as it is; as a file it is a complete SVG document too.
     */
    public static String svg(Table table) {
        return Drawing.svg(table, require(table));
    }

    /**
     * Draws the table into {@code file}, PNG or SVG by its extension ({@code .png}, {@code .svg}),
     * creating missing folders, and returns the file.
     */
    public static Path plot(Table table, Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean svg = name.endsWith(".svg");
        if (!svg && !name.endsWith(".png")) {
            throw new AnvilException(file + ": a chart is written as .png or .svg");
        }
        byte[] bytes = svg ? svg(table).getBytes(StandardCharsets.UTF_8) : png(table);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private static ChartKind require(Table table) {
        ChartKind kind = kindOf(table);
        if (kind == null) {
            throw new AnvilException("plot draws a trend(), story(\"id\"), durations(), durations(\"id\"), modes() or flaky() "
                    + "table; this one has the columns " + table.columnNames());
        }
        return kind;
    }

    private static boolean has(Table table, String... columns) {
        List<String> names = table.columnNames();
        for (String c : columns) {
            if (!names.contains(c)) {
                return false;
            }
        }
        return true;
    }
}
