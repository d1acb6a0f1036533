package dev.anvil.frame;

import dev.anvil.history.Timestamps;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * How a table reads as text: the cell forms (for programs and for people), the aligned table and
 * the Markdown table. One place for the writers with and without Tablesaw ({@link TableWriter},
 * {@link ResultRows}, the command line's run grid), so they print byte for byte alike. It touches
 * neither Tablesaw nor Jackson, whose start-up quick commands avoid.
 */
public final class TextLayout {
    private TextLayout() {
    }

    /** Machine form (JSON strings, CSV): instants in fixed-width ISO, numbers unrounded. */
    public static String cell(Object v) {
        if (v instanceof Instant) {
            return Timestamps.format((Instant) v);
        }
        return String.valueOf(v);
    }

    /** Human form (table, Markdown): instants to the second, doubles to three decimals. */
    public static String display(Object v) {
        if (v instanceof Instant) {
            return Timestamps.format((Instant) v).substring(0, 19).replace('T', ' ');
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d)) {
                return "";
            }
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.3f", d);
        }
        return String.valueOf(v);
    }

    /**
     * Columns aligned with two spaces between them, numbers to the right, one line per row
     * (line breaks in cells become spaces), or {@code (no rows)}.
     *
     * @param rows display texts, "" for missing values
     */
    public static void writeAligned(Writer out, List<String> names, boolean[] right, List<String[]> rows) throws IOException {
        if (rows.isEmpty()) {
            out.write("(no rows)\n");
            return;
        }
        int n = names.size();
        int[] width = new int[n];
        for (int j = 0; j < n; j++) {
            width[j] = names.get(j).length();
        }
        for (String[] row : rows) {
            for (int j = 0; j < n; j++) {
                row[j] = row[j].replace('\n', ' ');
                width[j] = Math.max(width[j], row[j].length());
            }
        }
        writeLine(out, names.toArray(new String[0]), width, right);
        for (String[] row : rows) {
            writeLine(out, row, width, right);
        }
    }

    /** A GitHub-flavoured Markdown table: numbers right-aligned, pipes escaped. */
    public static void writeMarkdown(Writer out, List<String> names, boolean[] right, List<String[]> rows) throws IOException {
        StringBuilder header = new StringBuilder("|");
        StringBuilder rule = new StringBuilder("|");
        for (int j = 0; j < names.size(); j++) {
            header.append(' ').append(names.get(j)).append(" |");
            rule.append(' ').append(right[j] ? "---:" : "---").append(" |");
        }
        out.write(header + "\n" + rule + "\n");
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("|");
            for (String v : row) {
                line.append(' ').append(v.replace("|", "\\|").replace("\n", " ")).append(" |");
            }
            out.write(line + "\n");
        }
    }

    private static void writeLine(Writer out, String[] cells, int[] width, boolean[] right) throws IOException {
        StringBuilder line = new StringBuilder();
        int n = cells.length;
        for (int j = 0; j < n; j++) {
            boolean last = j == n - 1;
            int gap = width[j] - cells[j].length();
            if (right[j]) {
                line.append(" ".repeat(gap)).append(cells[j]);
            } else {
                line.append(cells[j]);
                if (!last) {
                    line.append(" ".repeat(gap));
                }
            }
            if (!last) {
                line.append("  ");
            }
        }
        out.write(line.toString().stripTrailing() + "\n");
    }
}
