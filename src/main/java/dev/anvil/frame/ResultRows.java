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
    private enum Kind { EMPTY, INT, LONG, DOUBLE, INSTANT, TEXT }

    private final List<String> names;
    private final List<Kind> kinds;
    private final List<Object[]> rows;

    private ResultRows(List<String> names, List<Kind> kinds, List<Object[]> rows) {
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
        List<Kind> kinds = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < n; j++) {
            names.add(unique(seen, meta.getColumnLabel(j + 1)));
            Kind kind = Kind.EMPTY;
            for (Object[] row : raw) {
                if (row[j] != null) {
                    kind = widen(kind, kindOf(row[j]));
                }
            }
            if (kind == Kind.EMPTY) {
                kind = fromDeclared(declaredType(meta, j + 1));
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
        Kind k = kinds.get(j);
        return k == Kind.INT || k == Kind.LONG || k == Kind.DOUBLE;
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
                    g.writeString(cell(v));
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
                cells.add(v == null ? "" : csv(cell(v)));
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
        List<String> rule = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            rule.add(numeric(j) ? "---:" : "---");
        }
        out.write("| " + String.join(" | ", names) + " |\n");
        out.write("| " + String.join(" | ", rule) + " |\n");
        for (Object[] row : rows) {
            List<String> cells = new ArrayList<>();
            for (Object v : row) {
                String s = v == null ? "" : display(v);
                cells.add(s.replace("|", "\\|").replace("\n", " "));
            }
            out.write("| " + String.join(" | ", cells) + " |\n");
        }
    }

    private void writeText(Writer out) throws IOException {
        int n = names.size();
        if (rows.isEmpty()) {
            out.write("(no rows)\n");
            return;
        }
        String[][] cells = new String[rows.size()][n];
        int[] width = new int[n];
        for (int j = 0; j < n; j++) {
            width[j] = names.get(j).length();
        }
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < n; j++) {
                Object v = rows.get(i)[j];
                String s = v == null ? "" : display(v).replace('\n', ' ');
                cells[i][j] = s;
                width[j] = Math.max(width[j], s.length());
            }
        }
        StringBuilder line = new StringBuilder();
        for (int j = 0; j < n; j++) {
            pad(line, names.get(j), width[j], numeric(j), j == n - 1);
        }
        out.write(line.toString().stripTrailing() + "\n");
        for (String[] row : cells) {
            line.setLength(0);
            for (int j = 0; j < n; j++) {
                pad(line, row[j], width[j], numeric(j), j == n - 1);
            }
            out.write(line.toString().stripTrailing() + "\n");
        }
    }

    private static void pad(StringBuilder sb, String v, int width, boolean right, boolean last) {
        int gap = width - v.length();
        if (right) {
            sb.append(" ".repeat(gap)).append(v);
        } else {
            sb.append(v);
            if (!last) {
                sb.append(" ".repeat(gap));
            }
        }
        if (!last) {
            sb.append("  ");
        }
    }

    /** As {@link TableWriter}'s machine form (kept here: touching TableWriter builds its Jackson mapper). */
    private static String cell(Object v) {
        if (v instanceof java.time.Instant) {
            return Timestamps.format((java.time.Instant) v);
        }
        return String.valueOf(v);
    }

    /** As {@link TableWriter}'s human form: instants to the second, doubles to three decimals. */
    private static String display(Object v) {
        if (v instanceof java.time.Instant) {
            return Timestamps.format((java.time.Instant) v).substring(0, 19).replace('T', ' ');
        }
        if (v instanceof Double) {
            double d = (Double) v;
            if (Double.isNaN(d)) {
                return "";
            }
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.3f", d);
        }
        return String.valueOf(v);
    }

    // ---- types, as SqlTables decides them --------------------------------------------------------

    private static Object convert(Object v, Kind kind) {
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

    private static Kind kindOf(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return Kind.INT;
        }
        if (v instanceof Long) {
            long l = (Long) v;
            return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? Kind.INT : Kind.LONG;
        }
        if (v instanceof Number) {
            return Kind.DOUBLE;
        }
        if (v instanceof String && PackedTimes.isFixedWidth((String) v)) {
            return Kind.INSTANT;
        }
        return Kind.TEXT;
    }

    private static Kind widen(Kind a, Kind b) {
        if (a == Kind.EMPTY || a == b) {
            return b;
        }
        if (a == Kind.TEXT || b == Kind.TEXT || a == Kind.INSTANT || b == Kind.INSTANT) {
            return Kind.TEXT;
        }
        if (a == Kind.DOUBLE || b == Kind.DOUBLE) {
            return Kind.DOUBLE;
        }
        return Kind.LONG;
    }

    private static Kind fromDeclared(String declared) {
        if (declared.contains("INT")) {
            return Kind.LONG;
        }
        if (declared.contains("REAL") || declared.contains("FLOA") || declared.contains("DOUB") || declared.contains("DECIMAL")) {
            return Kind.DOUBLE;
        }
        return Kind.TEXT;
    }

    private static String declaredType(ResultSetMetaData meta, int column) {
        try {
            String t = meta.getColumnTypeName(column);
            return t == null ? "" : t.toUpperCase(Locale.ROOT);
        } catch (SQLException e) {
            return "";
        }
    }

    private static String unique(Set<String> names, String label) {
        String candidate = label == null || label.isBlank() ? "column" : label;
        String base = candidate;
        int i = 2;
        while (!names.add(candidate.toLowerCase(Locale.ROOT))) {
            candidate = base + "_" + i++;
        }
        return candidate;
    }
}
