package dev.anvil.kernel;

import dev.anvil.frame.TableFormat;
import dev.anvil.frame.TableWriter;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.time.Instant;
import java.util.Locale;

/**
 * A Tablesaw table as a notebook shows it: an HTML {@code <table>} with a header row and
 * right-aligned numbers, and the same rows as aligned text. Long tables are cut after
 * {@code maxRows} rows with a note saying how many more there are (the value in the cell keeps
 * them all).
 */
final class TableHtml {
    static final int DEFAULT_MAX_ROWS = 50;

    private TableHtml() {
    }

    static String html(Table table, int maxRows) {
        int shown = Math.min(table.rowCount(), maxRows);
        StringBuilder sb = new StringBuilder(256 + shown * 64);
        sb.append("<div class=\"anvil-table\">\n<table>\n<thead>\n<tr>");
        for (Column<?> c : table.columns()) {
            sb.append("<th>").append(escape(c.name())).append("</th>");
        }
        sb.append("</tr>\n</thead>\n<tbody>\n");
        for (int i = 0; i < shown; i++) {
            sb.append("<tr>");
            for (Column<?> c : table.columns()) {
                boolean numeric = isNumeric(c);
                sb.append(numeric ? "<td style=\"text-align:right\">" : "<td>");
                sb.append(c.isMissing(i) ? "" : escape(cell(c.get(i))));
                sb.append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
        sb.append("<p>").append(footer(table, shown)).append("</p>\n</div>");
        return sb.toString();
    }

    static String text(Table table, int maxRows) {
        int shown = Math.min(table.rowCount(), maxRows);
        Table head = shown == table.rowCount() ? table : table.first(shown);
        String body = TableWriter.toString(head, TableFormat.TABLE);
        return body + footer(table, shown);
    }

    private static String footer(Table table, int shown) {
        int more = table.rowCount() - shown;
        String size = table.rowCount() + (table.rowCount() == 1 ? " row" : " rows") + " × "
                + table.columnCount() + (table.columnCount() == 1 ? " column" : " columns");
        return more > 0 ? "… " + more + " more rows (" + size + ")" : size;
    }

    private static boolean isNumeric(Column<?> c) {
        ColumnType t = c.type();
        return t == ColumnType.INTEGER || t == ColumnType.LONG || t == ColumnType.DOUBLE
                || t == ColumnType.FLOAT || t == ColumnType.SHORT;
    }

    /** Same human form as the console's tables: instants to the second, doubles to three places. */
    private static String cell(Object v) {
        if (v instanceof Instant) {
            return dev.anvil.history.Timestamps.format((Instant) v).substring(0, 19).replace('T', ' ');
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d)) {
                return "";
            }
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d)
                    : String.format(Locale.ROOT, "%.3f", d);
        }
        return String.valueOf(v);
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                case '&': sb.append("&amp;"); break;
                case '"': sb.append("&quot;"); break;
                case '\'': sb.append("&#39;"); break;
                default: sb.append(ch);
            }
        }
        return sb.toString();
    }
}
