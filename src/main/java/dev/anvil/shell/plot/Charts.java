package dev.anvil.shell.plot;

import dev.anvil.AnvilException;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pictures people look at, drawn from the analyses' tables: a pass-rate trend with its
 * interval band ({@code trend()}), a duration chart ({@code durations()}), a story timeline
 * ({@code story(id)}). The table's columns say which; the file's extension says PNG or SVG.
 */
public final class Charts {
    static final int WIDTH = 960;
    static final int HEIGHT = 480;
    private static final Color AXIS = new Color(90, 90, 90);
    private static final Color GRID = new Color(225, 225, 225);
    private static final Color INK = new Color(30, 30, 30);
    private static final Color[] PALETTE = {
            new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
            new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127)};
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Charts() {
    }

    /** What kind of picture a table makes, or null when it is none of them. */
    public static String kindOf(Table table) {
        if (has(table, "passRate") && has(table, "passRateLow") && has(table, "passRateHigh") && has(table, "periodStart")) {
            return "trend";
        }
        if (has(table, "timeline") && has(table, "mode")) {
            return "story";
        }
        if (!durationColumns(table).isEmpty() && has(table, "storyId")) {
            return "durations";
        }
        return null;
    }

    /** Draws {@code table} into {@code file} ({@code .png} or {@code .svg}) and returns the file. */
    public static Path plot(Table table, Path file) {
        String kind = kindOf(table);
        if (kind == null) {
            throw new AnvilException("plot draws a trend(), durations() or story(\"id\") table; this one has columns "
                    + table.columnNames());
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean svg = name.endsWith(".svg");
        if (!svg && !name.endsWith(".png")) {
            throw new AnvilException(file + ": a plot is written as .png or .svg");
        }
        int height = kind.equals("story") ? Math.max(160, 90 + 34 * table.rowCount())
                : kind.equals("durations") ? Math.max(240, 90 + 22 * Math.min(table.rowCount(), DURATION_ROWS)) : HEIGHT;
        Canvas canvas = svg ? new SvgCanvas(WIDTH, height) : new PngCanvas(WIDTH, height);
        switch (kind) {
            case "trend": drawTrend(table, canvas); break;
            case "story": drawStory(table, canvas, height); break;
            default: drawDurations(table, canvas, height); break;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (svg) {
                ((SvgCanvas) canvas).write(file);
            } else {
                ((PngCanvas) canvas).write(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plot " + file, e);
        }
        return file;
    }

    private static boolean has(Table t, String column) {
        return t.columnNames().contains(column);
    }

    // ---- pass-rate trend -----------------------------------------------------------------------

    private static void drawTrend(Table t, Canvas c) {
        double left = 60, right = WIDTH - 190, top = 50, bottom = HEIGHT - 50;
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        boolean byLanguage = has(t, "language") && t.stringColumn("language").unique().size() > 1;
        for (int i = 0; i < t.rowCount(); i++) {
            if (t.column("passRate").isMissing(i)) {
                continue;
            }
            Instant at = t.instantColumn("periodStart").get(i);
            String key = t.stringColumn("mode").get(i) + (byLanguage ? " / " + t.stringColumn("language").get(i) : "");
            double[] p = {at.toEpochMilli(), number(t, "passRate", i), number(t, "passRateLow", i), number(t, "passRateHigh", i)};
            series.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
            min = Math.min(min, at.toEpochMilli());
            max = Math.max(max, at.toEpochMilli());
        }
        c.text(left, 28, "Pass rate" + (series.size() > 1 ? " by " + (byLanguage ? "mode and language" : "mode") : "")
                + " with its 95% Wilson interval", 16, INK, "start");
        if (series.isEmpty()) {
            c.text((left + right) / 2, (top + bottom) / 2, "no results in this history", 14, AXIS, "middle");
            return;
        }
        if (max == min) {
            max = min + 86_400_000L;
        }
        for (int k = 0; k <= 4; k++) {
            double y = bottom - (bottom - top) * k / 4.0;
            c.line(left, y, right, y, GRID, 1);
            c.text(left - 8, y + 4, (k * 25) + "%", 11, AXIS, "end");
        }
        c.line(left, bottom, right, bottom, AXIS, 1);
        c.line(left, top, left, bottom, AXIS, 1);
        for (int k = 0; k <= 5; k++) {
            long at = min + (max - min) * k / 5;
            double x = left + (right - left) * k / 5.0;
            c.line(x, bottom, x, bottom + 4, AXIS, 1);
            c.text(x, bottom + 18, DAY.format(Instant.ofEpochMilli(at)), 11, AXIS, "middle");
        }
        int s = 0;
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            Color color = PALETTE[s % PALETTE.length];
            List<double[]> pts = e.getValue();
            pts.sort((a, b) -> Double.compare(a[0], b[0]));
            int n = pts.size();
            double[] xs = new double[n];
            double[] ys = new double[n];
            double[] bandX = new double[2 * n];
            double[] bandY = new double[2 * n];
            for (int i = 0; i < n; i++) {
                double[] p = pts.get(i);
                xs[i] = left + (right - left) * (p[0] - min) / (max - min);
                ys[i] = bottom - (bottom - top) * p[1];
                bandX[i] = xs[i];
                bandY[i] = bottom - (bottom - top) * (Double.isNaN(p[3]) ? p[1] : p[3]);
                bandX[2 * n - 1 - i] = xs[i];
                bandY[2 * n - 1 - i] = bottom - (bottom - top) * (Double.isNaN(p[2]) ? p[1] : p[2]);
            }
            c.polygon(bandX, bandY, new Color(color.getRed(), color.getGreen(), color.getBlue(), 50));
            c.polyline(xs, ys, color, 2);
            double ly = top + 10 + 20 * s;
            c.rect(right + 20, ly - 9, 14, 10, color);
            c.text(right + 40, ly, e.getKey(), 12, INK, "start");
            s++;
        }
    }

    // ---- durations -----------------------------------------------------------------------------

    static final int DURATION_ROWS = 25;

    /** Numeric columns that hold durations worth drawing: medians and 90th percentiles. */
    static List<String> durationColumns(Table t) {
        if (has(t, "medianMs") && has(t, "p90Ms")) {
            return List.of("medianMs", "p90Ms");
        }
        List<String> out = new ArrayList<>();
        for (Column<?> col : t.columns()) {
            String n = col.name().toLowerCase(Locale.ROOT);
            if (col instanceof NumericColumn && (n.contains("median") || n.contains("p90"))) {
                out.add(col.name());
            }
        }
        return out.size() > 3 ? out.subList(0, 3) : out;
    }

    private static void drawDurations(Table t, Canvas c, int height) {
        List<String> cols = durationColumns(t);
        int rows = Math.min(t.rowCount(), DURATION_ROWS);
        double left = 260, right = WIDTH - 40, top = 60, bottom = height - 30;
        boolean ms = cols.stream().allMatch(n -> n.endsWith("Ms"));
        double maxValue = 0;
        for (int i = 0; i < rows; i++) {
            for (String col : cols) {
                maxValue = Math.max(maxValue, nz(number(t, col, i)));
            }
        }
        double scale = ms ? 1000.0 : 1.0;
        c.text(20, 28, "Durations" + (t.rowCount() > rows ? " (first " + rows + " of " + t.rowCount() + " rows)" : "")
                + (ms ? ", seconds" : ""), 16, INK, "start");
        double lx = left;
        for (int k = 0; k < cols.size(); k++) {
            c.rect(lx, 38, 12, 10, PALETTE[k]);
            c.text(lx + 16, 47, cols.get(k), 11, INK, "start");
            lx += 30 + 7 * cols.get(k).length();
        }
        if (rows == 0 || maxValue <= 0) {
            c.text((left + right) / 2, (top + bottom) / 2, "no durations to draw", 14, AXIS, "middle");
            return;
        }
        for (int k = 0; k <= 4; k++) {
            double x = left + (right - left) * k / 4.0;
            c.line(x, top, x, bottom, GRID, 1);
            c.text(x, bottom + 16, String.format(Locale.ROOT, "%.1f", maxValue * k / 4.0 / scale), 10, AXIS, "middle");
        }
        double band = (bottom - top) / rows;
        double bar = Math.max(2, (band - 4) / cols.size());
        boolean hasMode = has(t, "mode");
        for (int i = 0; i < rows; i++) {
            double y = top + band * i;
            String label = t.stringColumn("storyId").get(i) + (hasMode ? " · " + t.stringColumn("mode").get(i) : "");
            c.text(left - 8, y + band / 2 + 4, label.length() > 40 ? label.substring(0, 39) + "…" : label, 11, INK, "end");
            for (int k = 0; k < cols.size(); k++) {
                double v = nz(number(t, cols.get(k), i));
                c.rect(left, y + 2 + bar * k, (right - left) * v / maxValue, bar - 1, PALETTE[k]);
            }
        }
        c.line(left, top, left, bottom, AXIS, 1);
    }

    // ---- story timeline ------------------------------------------------------------------------

    private static void drawStory(Table t, Canvas c, int height) {
        String story = has(t, "storyId") && t.rowCount() > 0 ? t.stringColumn("storyId").get(0) : "";
        c.text(20, 28, "Story " + story + ": latest outcomes per mode, oldest first", 16, INK, "start");
        double left = 220, right = WIDTH - 30;
        c.rect(left, 40, 10, 10, pass());
        c.text(left + 14, 49, "passed", 11, INK, "start");
        c.rect(left + 70, 40, 10, 10, fail());
        c.text(left + 84, 49, "failed", 11, INK, "start");
        c.rect(left + 130, 40, 10, 10, error());
        c.text(left + 144, 49, "error", 11, INK, "start");
        c.rect(left + 190, 40, 10, 10, GRID);
        c.text(left + 204, 49, "skipped", 11, INK, "start");
        for (int i = 0; i < t.rowCount(); i++) {
            double y = 70 + 34 * i;
            String mode = t.stringColumn("mode").get(i);
            String rate = has(t, "passRate") && !t.column("passRate").isMissing(i)
                    ? String.format(Locale.ROOT, " %.0f%%", 100 * number(t, "passRate", i)) : "";
            c.text(left - 10, y + 17, mode + rate, 12, INK, "end");
            int[] cps = t.stringColumn("timeline").get(i).codePoints().toArray();
            double cell = cps.length == 0 ? 0 : Math.min(16, (right - left) / cps.length);
            for (int k = 0; k < cps.length; k++) {
                c.rect(left + cell * k, y, Math.max(1, cell - 1), 24, colorOf(cps[k]));
            }
        }
        if (t.rowCount() == 0) {
            c.text(WIDTH / 2.0, height / 2.0, "no outcomes", 14, AXIS, "middle");
        }
    }

    private static Color pass() {
        return new Color(46, 160, 67);
    }

    private static Color fail() {
        return new Color(207, 34, 46);
    }

    private static Color error() {
        return new Color(230, 140, 20);
    }

    private static Color colorOf(int symbol) {
        switch (symbol) {
            case '✓': return pass();
            case '✗': return fail();
            case '!': return error();
            default: return GRID;
        }
    }

    private static double number(Table t, String column, int row) {
        Column<?> col = t.column(column);
        if (col.isMissing(row)) {
            return Double.NaN;
        }
        return ((NumericColumn<?>) col).getDouble(row);
    }

    private static double nz(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
}
