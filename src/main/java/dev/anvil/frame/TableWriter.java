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
                    g.writeString(TextLayout.cell(v));
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
                cells.add(c.isMissing(row.getRowNumber()) ? "" : csv(TextLayout.cell(c.get(row.getRowNumber()))));
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
        TextLayout.writeMarkdown(out, table.columnNames(), numericColumns(table), displayRows(table));
    }

    private static void writeText(Table table, Writer out) throws IOException {
        TextLayout.writeAligned(out, table.columnNames(), numericColumns(table), displayRows(table));
    }

    private static boolean[] numericColumns(Table table) {
        boolean[] right = new boolean[table.columnCount()];
        for (int j = 0; j < right.length; j++) {
            right[j] = isNumeric(table.column(j));
        }
        return right;
    }

    private static List<String[]> displayRows(Table table) {
        List<String[]> rows = new ArrayList<>(table.rowCount());
        for (int i = 0; i < table.rowCount(); i++) {
            String[] row = new String[table.columnCount()];
            for (int j = 0; j < row.length; j++) {
                Column<?> c = table.column(j);
                row[j] = c.isMissing(i) ? "" : TextLayout.display(c.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    static boolean isNumeric(Column<?> c) {
        ColumnType t = c.type();
        return t == ColumnType.INTEGER || t == ColumnType.LONG || t == ColumnType.DOUBLE
                || t == ColumnType.FLOAT || t == ColumnType.SHORT;
    }
}
