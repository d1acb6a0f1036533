package dev.anvil.frame;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A table as a terminal shows it: a title line (name, rows × columns), the cells in their short
 * form ({@link CompactCells}), the columns fitted into {@code width} characters (text columns
 * narrowed first, then the columns that still do not fit named in a last line) and at most
 * {@code maxRows} rows, with a line saying how many more there are and how to see them. No line
 * is longer than {@code width}.
 */
public final class CompactTable {
    private static final String GAP = "  ";
    /**
     * Text columns are not narrowed below this (or their header) to make room: a story id cut to a
     * few letters says nothing, so columns that still do not fit are left out and named instead.
     */
    private static final int MIN_TEXT = 16;

    private CompactTable() {
    }

    /**
     * @param name     the table's name in the hint for more rows ({@code show(t) or t.print(100)}), or null
     * @param maxRows  rows shown at most; fewer than the table has adds a line naming how many more
     */
    public static String render(Table table, int width, int maxRows, String name) {
        width = Math.max(20, width);
        int rows = table.rowCount();
        int shown = Math.min(rows, Math.max(0, maxRows));
        int n = table.columnCount();
        String[] names = table.columnNames().toArray(new String[0]);
        boolean[] right = new boolean[n];
        boolean[] text = new boolean[n];
        String[][] cells = new String[shown][n];
        int[] widths = new int[n];
        for (int j = 0; j < n; j++) {
            Column<?> c = table.column(j);
            right[j] = TableWriter.isNumeric(c);
            text[j] = c.type() == ColumnType.STRING;
            widths[j] = names[j].length();
            for (int i = 0; i < shown; i++) {
                String s = c.isMissing(i) ? "" : CompactCells.cell(names[j], c.get(i));
                cells[i][j] = s;
                widths[j] = Math.max(widths[j], s.length());
            }
        }
        // Narrow the widest text column a character at a time until the row fits or none can give more.
        while (total(widths, n) > width) {
            int widest = -1;
            for (int j = 0; j < n; j++) {
                if (text[j] && widths[j] > Math.max(MIN_TEXT, names[j].length())
                        && (widest < 0 || widths[j] > widths[widest])) {
                    widest = j;
                }
            }
            if (widest < 0) {
                break;
            }
            widths[widest]--;
        }
        int fit = n;
        while (fit > 1 && total(widths, fit) > width) {
            fit--;
        }
        StringBuilder out = new StringBuilder();
        out.append(CompactCells.cut(title(table), width)).append('\n');
        if (n == 0 || rows == 0) {
            out.append(n == 0 ? "(no columns)" : "(no rows)").append('\n');
        } else {
            line(out, names, widths, right, fit, width);
            for (String[] row : cells) {
                line(out, row, widths, right, fit, width);
            }
        }
        if (shown < rows) {
            String t = name == null ? "t" : name;
            out.append(CompactCells.cut("… " + (rows - shown) + " more row" + (rows - shown == 1 ? "" : "s")
                    + ": show(" + t + ") or " + t + ".print(" + Math.max(100, rows) + ")", width)).append('\n');
        }
        if (fit < n && rows > 0) {
            List<String> omitted = new ArrayList<>();
            for (int j = fit; j < n; j++) {
                omitted.add(names[j]);
            }
            String head = "… " + omitted.size() + " more column" + (omitted.size() == 1 ? "" : "s") + ": ";
            out.append(CompactCells.cut(head + String.join(", ", omitted), width)).append('\n');
        }
        return out.toString();
    }

    /** "name · 37 rows × 9 columns" (Tablesaw names a table; an unnamed one shows its size only). */
    static String title(Table table) {
        String size = String.format(Locale.ROOT, "%,d row%s × %d column%s", table.rowCount(), table.rowCount() == 1 ? "" : "s",
                table.columnCount(), table.columnCount() == 1 ? "" : "s");
        String name = table.name();
        return name == null || name.isBlank() ? size : name + " · " + size;
    }

    private static int total(int[] widths, int count) {
        int sum = 0;
        for (int j = 0; j < count; j++) {
            sum += widths[j] + (j > 0 ? GAP.length() : 0);
        }
        return sum;
    }

    private static void line(StringBuilder out, String[] cells, int[] widths, boolean[] right, int count, int width) {
        StringBuilder line = new StringBuilder();
        for (int j = 0; j < count; j++) {
            String s = CompactCells.cut(cells[j], widths[j]);
            int gap = widths[j] - s.length();
            if (j > 0) {
                line.append(GAP);
            }
            if (right[j]) {
                line.append(" ".repeat(gap)).append(s);
            } else {
                line.append(s).append(" ".repeat(gap));
            }
        }
        // a single column wider than the terminal is cut too
        out.append(CompactCells.cut(line.toString().stripTrailing(), width)).append('\n');
    }
}
