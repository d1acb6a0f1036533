package dev.anvil.frame;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;

/** The columns of an SQL answer as both SQL writers name and type them. */
final class SqlColumns {
    private SqlColumns() {
    }

    /** The declared type in upper case, "" for an expression (SQLite declares none). */
    static String declaredType(ResultSetMetaData meta, int column) {
        try {
            String t = meta.getColumnTypeName(column);
            return t == null ? "" : t.toUpperCase(Locale.ROOT);
        } catch (SQLException e) {
            return "";
        }
    }

    /** The label, made unique among {@code taken} (case-insensitively) with a {@code _2}, {@code _3} suffix. */
    static String uniqueLabel(Set<String> taken, String label) {
        String candidate = label == null || label.isBlank() ? "column" : label;
        String base = candidate;
        int i = 2;
        while (!taken.add(candidate.toLowerCase(Locale.ROOT))) {
            candidate = base + "_" + i++;
        }
        return candidate;
    }
}
