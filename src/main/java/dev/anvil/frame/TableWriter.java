package dev.anvil.frame;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a Tablesaw {@link Table} in one of the {@link TableFormat}s. JSON is a top-level array of
 * objects keyed by column name, numbers as numbers, missing values as null; CSV follows RFC 4180;
 * the table form aligns columns and right-aligns numbers.
 */
public final class TableWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TableWriter() {
    }

    public static String toString(Table table, TableFormat format) {
        java.io.StringWriter out = new java.io.StringWriter();
        write(table, format, out);
        return out.toString();
    }

    public static void write(Table table, TableFormat format, Writer out) {
        try {
            switch (format) {
                case JSON: writeJson(table, out); break;
                case CSV: writeCsv(table, out); break;
                case MARKDOWN: writeMarkdown(table, out); break;
                default: writeText(table, out); break;
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeJson(Table table, Writer out) throws IOException {
        JsonGenerator g = JSON.getFactory().createGenerator(out);
        g.useDefaultPrettyPrinter();
        g.writeStartArray();
        for (Row row : table) {
            g.writeStartObject();
            for (Column<?> c : table.columns()) {
                g.writeFieldName(c.name());
                if (c.isMissing(row.getRowNumber())) {
                    g.writeNull();
                    continue;
                }
                Object v = c.get(row.getRowNumber());
                if (v instanceof Integer || v instanceof Long || v instanceof Short) {
                    g.writeNumber(((Number) v).longValue());
                } else if (v instanceof Double || v instanceof Float) {
                    double d = ((Number) v).doubleValue();
                    if (Double.isNaN(d) || Double.isInfinite(d)) {
                        g.writeNull();
                    } else {
                        g.writeNumber(d);
                    }
                } else if (v instanceof Boolean) {
                    g.writeBoolean((Boolean) v);
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

    private static void writeCsv(Table table, Writer out) throws IOException {
        List<String> header = new ArrayList<>();
        for (Column<?> c : table.columns()) {
            header.add(csv(c.name()));
        }
        out.write(String.join(",", header));
        out.write("\n");
        for (Row row : table) {
            List<String> cells = new ArrayList<>();
            for (Column<?> c : table.columns()) {
                cells.add(c.isMissing(row.getRowNumber()) ? "" : csv(cell(c.get(row.getRowNumber()))));
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

    private static void writeMarkdown(Table table, Writer out) throws IOException {
        List<String> header = new ArrayList<>();
        List<String> rule = new ArrayList<>();
        for (Column<?> c : table.columns()) {
            header.add(c.name());
            rule.add(isNumeric(c) ? "---:" : "---");
        }
        out.write("| " + String.join(" | ", header) + " |\n");
        out.write("| " + String.join(" | ", rule) + " |\n");
        for (Row row : table) {
            List<String> cells = new ArrayList<>();
            for (Column<?> c : table.columns()) {
                String v = c.isMissing(row.getRowNumber()) ? "" : display(c.get(row.getRowNumber()));
                cells.add(v.replace("|", "\\|").replace("\n", " "));
            }
            out.write("| " + String.join(" | ", cells) + " |\n");
        }
    }

    private static void writeText(Table table, Writer out) throws IOException {
        int n = table.columnCount();
        if (table.rowCount() == 0) {
            out.write("(no rows)\n");
            return;
        }
        String[][] cells = new String[table.rowCount()][n];
        int[] width = new int[n];
        boolean[] right = new boolean[n];
        for (int j = 0; j < n; j++) {
            Column<?> c = table.column(j);
            width[j] = c.name().length();
            right[j] = isNumeric(c);
        }
        for (int i = 0; i < table.rowCount(); i++) {
            for (int j = 0; j < n; j++) {
                Column<?> c = table.column(j);
                String v = c.isMissing(i) ? "" : display(c.get(i)).replace('\n', ' ');
                cells[i][j] = v;
                width[j] = Math.max(width[j], v.length());
            }
        }
        StringBuilder line = new StringBuilder();
        for (int j = 0; j < n; j++) {
            pad(line, table.column(j).name(), width[j], right[j], j == n - 1);
        }
        out.write(line.toString().stripTrailing() + "\n");
        for (String[] row : cells) {
            line.setLength(0);
            for (int j = 0; j < n; j++) {
                pad(line, row[j], width[j], right[j], j == n - 1);
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

    static boolean isNumeric(Column<?> c) {
        ColumnType t = c.type();
        return t == ColumnType.INTEGER || t == ColumnType.LONG || t == ColumnType.DOUBLE
                || t == ColumnType.FLOAT || t == ColumnType.SHORT;
    }

    /** Machine form: instants in fixed-width ISO, numbers unrounded. */
    static String cell(Object v) {
        if (v instanceof Instant) {
            return dev.anvil.history.Timestamps.format((Instant) v);
        }
        return String.valueOf(v);
    }

    /** Human form: instants to the second, doubles to three decimals. */
    static String display(Object v) {
        if (v instanceof Instant) {
            return dev.anvil.history.Timestamps.format((Instant) v).substring(0, 19).replace('T', ' ');
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d)) {
                return "";
            }
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.format(java.util.Locale.ROOT, "%.3f", d);
        }
        if (v instanceof LocalDate || v instanceof LocalDateTime) {
            return v.toString();
        }
        return String.valueOf(v);
    }
}
