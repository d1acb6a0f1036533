package dev.anvil.frame;

import dev.anvil.AnvilException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementException;
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
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Any SQL query as a Tablesaw {@link Table}. Parameters are always bound by the driver, never pasted
 * into the text: positional {@code ?} from an argument list, or named {@code :name} from a map.
 *
 * <p>Column types come from the values: whole numbers become {@link IntColumn} (or {@link LongColumn}
 * when they do not fit), reals {@link DoubleColumn}, text in the history's fixed-width timestamp form
 * ({@code 2026-11-27T06:00:00.000Z}) an {@link InstantColumn}, other text a {@link StringColumn}.
 */
public final class SqlTables {
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?Z");

    private SqlTables() {
    }

    /** Runs {@code sql} with positional parameters bound in order. */
    public static Table query(Jdbi jdbi, String sql, Object... params) {
        return jdbi.withHandle(h -> {
            Query q = h.createQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.bind(i, params[i]);
            }
            return run(q, sql);
        });
    }

    /** Runs {@code sql} with its {@code :name} parameters bound from {@code params}; a missing one is an error naming it. */
    public static Table queryNamed(Jdbi jdbi, String sql, Map<String, ?> params) {
        List<String> missing = new ArrayList<>();
        for (String name : parameterNames(sql)) {
            if (!params.containsKey(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new AnvilException("missing parameter" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + ": give --param " + missing.get(0) + "=VALUE");
        }
        return jdbi.withHandle(h -> {
            Query q = h.createQuery(sql);
            params.forEach(q::bind);
            return run(q, sql);
        });
    }

    /** The {@code :name} parameters of {@code sql}, in order of first use (quoted text and {@code ::} casts excluded). */
    public static Set<String> parameterNames(String sql) {
        return new LinkedHashSet<>(new ColonPrefixSqlParser().parse(sql, null).getParameters().getParameterNames());
    }

    private static Table run(Query q, String sql) {
        try {
            return q.scanResultSet((rs, ctx) -> toTable(rs.get()));
        } catch (StatementException e) {
            Throwable cause = e.getCause() instanceof SQLException ? e.getCause() : e;
            throw new AnvilException("SQL error: " + firstLine(cause.getMessage()), e);
        }
    }

    static Table toTable(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<List<Object>> values = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            values.add(new ArrayList<>());
        }
        while (rs.next()) {
            for (int j = 0; j < n; j++) {
                values.get(j).add(rs.getObject(j + 1));
            }
        }
        Table table = Table.create();
        Set<String> names = new LinkedHashSet<>();
        for (int j = 0; j < n; j++) {
            String name = md.getColumnLabel(j + 1);
            String unique = name;
            for (int k = 2; !names.add(unique); k++) {
                unique = name + "_" + k;
            }
            table.addColumns(column(unique, md.getColumnType(j + 1), values.get(j)));
        }
        return table;
    }

    private static Column<?> column(String name, int sqlType, List<Object> values) {
        boolean any = false;
        boolean whole = true;
        boolean fitsInt = true;
        boolean number = true;
        boolean timestamps = true;
        for (Object v : values) {
            if (v == null) {
                continue;
            }
            any = true;
            if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
                long l = ((Number) v).longValue();
                fitsInt &= l > Integer.MIN_VALUE && l <= Integer.MAX_VALUE;
                timestamps = false;
            } else if (v instanceof Number) {
                whole = false;
                timestamps = false;
            } else {
                number = false;
                timestamps &= v instanceof String && TIMESTAMP.matcher((String) v).matches();
            }
        }
        if (!any) {
            return emptyColumn(name, sqlType, values.size());
        }
        if (number && whole && fitsInt) {
            IntColumn c = IntColumn.create(name);
            values.forEach(v -> c.append(v == null ? null : ((Number) v).intValue()));
            return c;
        }
        if (number && whole) {
            LongColumn c = LongColumn.create(name);
            values.forEach(v -> { if (v == null) c.appendMissing(); else c.append(((Number) v).longValue()); });
            return c;
        }
        if (number) {
            DoubleColumn c = DoubleColumn.create(name);
            values.forEach(v -> c.append(v == null ? null : ((Number) v).doubleValue()));
            return c;
        }
        if (timestamps) {
            InstantColumn c = InstantColumn.create(name);
            values.forEach(v -> { if (v == null) c.appendMissing(); else c.append(Instant.parse((String) v)); });
            return c;
        }
        StringColumn c = StringColumn.create(name);
        values.forEach(v -> { if (v == null) c.appendMissing(); else c.append(v instanceof byte[] ? "<" + ((byte[]) v).length + " bytes>" : v.toString()); });
        return c;
    }

    private static Column<?> emptyColumn(String name, int sqlType, int rows) {
        Column<?> c;
        switch (sqlType) {
            case Types.INTEGER: case Types.SMALLINT: case Types.TINYINT: c = IntColumn.create(name); break;
            case Types.BIGINT: c = LongColumn.create(name); break;
            case Types.REAL: case Types.FLOAT: case Types.DOUBLE: case Types.NUMERIC: case Types.DECIMAL:
                c = DoubleColumn.create(name); break;
            default: c = StringColumn.create(name);
        }
        for (int i = 0; i < rows; i++) {
            c.appendMissing();
        }
        return c;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String m = message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
