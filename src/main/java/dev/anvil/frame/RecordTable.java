package dev.anvil.frame;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed rows as a table: one column per record component, named like it (the camelCase field
 * names the JSON output uses). Text becomes {@link StringColumn}, instants {@link InstantColumn},
 * int/long/double/boolean their numeric or boolean columns; nulls are missing values. Components
 * of other types are written as text.
 */
public final class RecordTable {
    private RecordTable() {
    }

    public static <R extends Record> Table of(String name, Class<R> type, List<R> rows) {
        RecordComponent[] components = type.getRecordComponents();
        List<Column<?>> columns = new ArrayList<>(components.length);
        for (RecordComponent c : components) {
            columns.add(column(c, rows));
        }
        return Table.create(name, columns);
    }

    private static Column<?> column(RecordComponent c, List<? extends Record> rows) {
        Class<?> t = c.getType();
        String name = c.getName();
        if (t == int.class || t == Integer.class || t == short.class || t == Short.class) {
            IntColumn col = IntColumn.create(name);
            for (Record r : rows) {
                Object v = value(c, r);
                if (v == null) {
                    col.appendMissing();
                } else {
                    col.append(((Number) v).intValue());
                }
            }
            return col;
        }
        if (t == long.class || t == Long.class) {
            LongColumn col = LongColumn.create(name);
            for (Record r : rows) {
                Object v = value(c, r);
                if (v == null) {
                    col.appendMissing();
                } else {
                    col.append(((Number) v).longValue());
                }
            }
            return col;
        }
        if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
            DoubleColumn col = DoubleColumn.create(name);
            for (Record r : rows) {
                Object v = value(c, r);
                if (v == null) {
                    col.appendMissing();
                } else {
                    col.append(((Number) v).doubleValue());
                }
            }
            return col;
        }
        if (t == boolean.class || t == Boolean.class) {
            BooleanColumn col = BooleanColumn.create(name);
            for (Record r : rows) {
                Object v = value(c, r);
                if (v == null) {
                    col.appendMissing();
                } else {
                    col.append((Boolean) v);
                }
            }
            return col;
        }
        if (t == Instant.class) {
            InstantColumn col = InstantColumn.create(name);
            for (Record r : rows) {
                Object v = value(c, r);
                if (v == null) {
                    col.appendMissing();
                } else {
                    col.append((Instant) v);
                }
            }
            return col;
        }
        StringColumn col = StringColumn.create(name);
        for (Record r : rows) {
            Object v = value(c, r);
            col.append(v == null ? null : v instanceof Enum<?> ? ((Enum<?>) v).name().toLowerCase(java.util.Locale.ROOT) : String.valueOf(v));
        }
        return col;
    }

    private static Object value(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getSimpleName(), e);
        }
    }
}
