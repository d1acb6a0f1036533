package dev.anvil.frame;

import dev.anvil.history.ResultStatus;
import dev.anvil.history.RunStatus;
import dev.anvil.history.Timestamps;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Any result set as a Tablesaw table. SQLite is dynamically typed (a column declared INTEGER may
 * hold text, an expression has no declared type at all), so each column's type is decided from
 * all of its values, with the declared type as the tie-breaker when a column holds only nulls.
 */
final class SqlTables {

    private SqlTables() {
    }

    /** What a Java value is bound as: instants as our stored text, statuses as their stored words. */
    static Object sqlValue(Object v) {
        if (v instanceof Instant) {
            return Timestamps.format((Instant) v);
        }
        if (v instanceof ResultStatus) {
            return ((ResultStatus) v).dbValue();
        }
        if (v instanceof RunStatus) {
            return ((RunStatus) v).dbValue();
        }
        if (v instanceof Enum<?>) {
            return ((Enum<?>) v).name();
        }
        return v;
    }

    static Table read(ResultSet rs, String name) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<List<Object>> values = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            values.add(new ArrayList<>());
        }
        while (rs.next()) {
            for (int j = 0; j < n; j++) {
                values.get(j).add(rs.getObject(j + 1));
            }
        }
        Table table = Table.create(name);
        Set<String> names = new HashSet<>();
        for (int j = 0; j < n; j++) {
            String label = SqlColumns.uniqueLabel(names, dev.anvil.history.ColumnSpelling.label(rs, meta, j + 1));
            String declared = SqlColumns.declaredType(meta, j + 1);
            table.addColumns(column(label, declared, values.get(j)));
        }
        return table;
    }

    private static Column<?> column(String name, String declared, List<Object> values) {
        ColumnKind kind = ColumnKind.EMPTY;
        for (Object v : values) {
            if (v != null) {
                kind = ColumnKind.widen(kind, ColumnKind.of(v));
            }
        }
        if (kind == ColumnKind.EMPTY) {
            kind = ColumnKind.fromDeclared(declared);
        }
        switch (kind) {
            case INT: {
                IntColumn c = IntColumn.create(name);
                for (Object v : values) {
                    if (v == null) {
                        c.appendMissing();
                    } else {
                        c.append(((Number) v).intValue());
                    }
                }
                return c;
            }
            case LONG: {
                LongColumn c = LongColumn.create(name);
                for (Object v : values) {
                    if (v == null) {
                        c.appendMissing();
                    } else {
                        c.append(((Number) v).longValue());
                    }
                }
                return c;
            }
            case DOUBLE: {
                DoubleColumn c = DoubleColumn.create(name);
                for (Object v : values) {
                    if (v == null) {
                        c.appendMissing();
                    } else {
                        c.append(((Number) v).doubleValue());
                    }
                }
                return c;
            }
            case INSTANT: {
                InstantColumn c = InstantColumn.create(name);
                for (Object v : values) {
                    if (v == null) {
                        c.appendMissing();
                    } else {
                        c.appendInternal(PackedTimes.pack((String) v));
                    }
                }
                return c;
            }
            default: {
                StringColumn c = StringColumn.create(name);
                for (Object v : values) {
                    c.append(v == null ? null : text(v));
                }
                return c;
            }
        }
    }

    /**
     * SQLite's affinity rules, for a column without values. NUMERIC is left to text: the driver
     * reports it for expressions without a declared type, such as a bare NULL.
     */

    private static String text(Object v) {
        if (v instanceof byte[]) {
            return java.util.HexFormat.of().formatHex((byte[]) v);
        }
        return String.valueOf(v);
    }
}
