package dev.anvil.kernel;

import dev.anvil.frame.CompactCells;
import dev.anvil.frame.TableFormat;
import dev.anvil.frame.TableWriter;
import dev.anvil.frame.TextLayout;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;


/**
 * A Tablesaw table as a notebook shows it: an HTML {@code <table>} with a header row and
 * right-aligned numbers, the cells in the console's short form ({@link CompactCells}: run ids to 8
 * characters, revisions to 10, p-values in scientific form, long text cut) with the full value in
 * the cell's {@code title} (shown on hover); and the same rows as aligned text. Long tables are cut after
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
                sb.append(numeric ? "<td style=\"text-align:right\"" : "<td");
                if (c.isMissing(i)) {
                    sb.append("></td>");
                    continue;
                }
                Object v = c.get(i);
                String brief = CompactCells.cell(c.name(), v);
                String full = TextLayout.cell(v);
                if (!brief.equals(full) && !brief.isEmpty()) {
                    sb.append(" title=\"").append(escape(full)).append('"'); // the full value on hover
                }
                sb.append('>').append(escape(brief)).append("</td>");
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
