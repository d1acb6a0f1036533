package dev.anvil.chart;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Reading an analysis table's cells the way the charts need them: missing numbers as NaN. */
final class TableColumns {
    private TableColumns() {
    }

    static double number(Table t, String column, int row) {
        Column<?> col = t.column(column);
        return col.isMissing(row) ? Double.NaN : ((NumericColumn<?>) col).getDouble(row);
    }

    static String text(Table t, String column, int row) {
        if (!t.columnNames().contains(column)) {
            return "";
        }
        Column<?> col = t.column(column);
        return col.isMissing(row) ? "" : String.valueOf(col.get(row));
    }

    /** True when the table's {@code language} column holds more than one value: series split by it. */
    static boolean byLanguage(Table t) {
        return t.columnNames().contains("language") && t.column("language").unique().size() > 1;
    }
}
