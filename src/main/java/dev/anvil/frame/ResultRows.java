package dev.anvil.frame;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.anvil.history.Timestamps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A query's rows written straight from the result set in any {@link TableFormat}, byte for byte as
 * {@link TableWriter} writes the {@link Frames#sql} table of the same query (a test keeps them equal),
 * without Tablesaw: its {@code Table} scans the class path when first loaded, about half a second in
 * the shaded jar, which a saved {@code .sql} query (0.6 s end to end) cannot afford. Column types are
 * decided as {@link SqlTables} decides them.
 */
public final class ResultRows {

    private final List<String> names;
    private final List<ColumnKind> kinds;
    private final List<Object[]> rows;

    private ResultRows(List<String> names, List<ColumnKind> kinds, List<Object[]> rows) {
        this.names = names;
        this.kinds = kinds;
        this.rows = rows;
    }

    public static ResultRows read(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<Object[]> raw = new ArrayList<>();
        while (rs.next()) {
            Object[] row = new Object[n];
            for (int j = 0; j < n; j++) {
                row[j] = rs.getObject(j + 1);
            }
            raw.add(row);
        }
        List<String> names = new ArrayList<>();
        List<ColumnKind> kinds = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < n; j++) {
            names.add(SqlColumns.uniqueLabel(seen, dev.anvil.history.ColumnSpelling.label(rs, meta, j + 1)));
            ColumnKind kind = ColumnKind.EMPTY;
            for (Object[] row : raw) {
                if (row[j] != null) {
                    kind = ColumnKind.widen(kind, ColumnKind.of(row[j]));
                }
            }
            if (kind == ColumnKind.EMPTY) {
                kind = ColumnKind.fromDeclared(SqlColumns.declaredType(meta, j + 1));
            }
            kinds.add(kind);
            for (Object[] row : raw) {
                row[j] = convert(row[j], kind);
            }
        }
        return new ResultRows(names, kinds, raw);
    }

    public int rowCount() {
        return rows.size();
    }

    public List<String> columnNames() {
        return List.copyOf(names);
    }

    public void write(TableFormat format, Writer out) {
        try {
            switch (format) {
                case JSON: writeJson(out); break;
                case CSV: writeCsv(out); break;
                case MARKDOWN: writeMarkdown(out); break;
                default: writeText(out); break;
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean numeric(int j) {
        return kinds.get(j).numeric();
    }

    private void writeJson(Writer out) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out);
        g.useDefaultPrettyPrinter();
        g.writeStartArray();
        for (Object[] row : rows) {
            g.writeStartObject();
            for (int j = 0; j < names.size(); j++) {
                g.writeFieldName(names.get(j));
                Object v = row[j];
                if (v == null) {
                    g.writeNull();
                } else if (v instanceof Integer || v instanceof Long) {
                    g.writeNumber(((Number) v).longValue());
                } else if (v instanceof Double) {
                    double d = (Double) v;
                    if (Double.isNaN(d) || Double.isInfinite(d)) {
                        g.writeNull();
                    } else {
                        g.writeNumber(d);
                    }
                } else {
                    g.writeString(TextLayout.cell(v));
                }
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.flush();
        out.write(System.lineSeparator());
    }

    private void writeCsv(Writer out) throws IOException {
        List<String> header = new ArrayList<>();
        for (String name : names) {
            header.add(csv(name));
        }
        out.write(String.join(",", header));
        out.write("\n");
        for (Object[] row : rows) {
            List<String> cells = new ArrayList<>();
            for (Object v : row) {
                cells.add(v == null ? "" : csv(TextLayout.cell(v)));
            }
            out.write(String.join(",", cells));
            out.write("\n");
        }
    }

    private static String csv(String s) {
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private void writeMarkdown(Writer out) throws IOException {
        TextLayout.writeMarkdown(out, names, numericColumns(), displayRows());
    }

    private void writeText(Writer out) throws IOException {
        TextLayout.writeAligned(out, names, numericColumns(), displayRows());
    }

    private boolean[] numericColumns() {
        boolean[] right = new boolean[names.size()];
        for (int j = 0; j < right.length; j++) {
            right[j] = numeric(j);
        }
        return right;
    }

    private List<String[]> displayRows() {
        List<String[]> out = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            String[] cells = new String[row.length];
            for (int j = 0; j < row.length; j++) {
                cells[j] = row[j] == null ? "" : TextLayout.display(row[j]);
            }
            out.add(cells);
        }
        return out;
    }

    // ---- types, as SqlTables decides them --------------------------------------------------------

    private static Object convert(Object v, ColumnKind kind) {
        if (v == null) {
            return null;
        }
        switch (kind) {
            case INT: return ((Number) v).intValue();
            case LONG: return ((Number) v).longValue();
            case DOUBLE: return ((Number) v).doubleValue();
            case INSTANT: return Timestamps.parse((String) v);
            default: return v instanceof byte[] ? java.util.HexFormat.of().formatHex((byte[]) v) : String.valueOf(v);
        }
    }
}
