package dev.anvil.history;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reading nullable number columns: JDBC's getInt, getLong and getDouble turn NULL into 0. */
final class NullableColumns {
    private NullableColumns() {
    }

    static Integer intOrNull(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static Double doubleOrNull(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
