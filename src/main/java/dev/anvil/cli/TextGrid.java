package dev.anvil.cli;

import dev.anvil.history.Timestamps;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A small table of text, whole numbers and instants that prints itself exactly as
 * {@link dev.anvil.frame.TableWriter} prints the same Tablesaw table in table format, without
 * touching Tablesaw. Why: Tablesaw's {@code Table} scans the class path when first loaded, about
 * half a second in the shaded jar, and {@code anvil runs} has 0.6 s end to end. The other formats
 * go through {@link #toTable()} and TableWriter; a test keeps the two text forms identical.
 */
final class TextGrid {
    enum Kind { TEXT, INTEGER, INSTANT }

    private final List<String> names = new ArrayList<>();
    private final List<Kind> kinds = new ArrayList<>();
    private final List<Object[]> rows = new ArrayList<>();
    private final String name;

    TextGrid(String name) {
        this.name = name;
    }

    TextGrid column(String columnName, Kind kind) {
        names.add(columnName);
        kinds.add(kind);
        return this;
    }

    /** One row; null cells are missing values. */
    void row(Object... cells) {
        if (cells.length != names.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + names.size() + " columns");
        }
        rows.add(cells.clone());
    }

    void writeText(PrintWriter out) {
        int n = names.size();
        if (rows.isEmpty()) {
            out.write("(no rows)\n");
            out.flush();
            return;
        }
        String[][] cells = new String[rows.size()][n];
        int[] width = new int[n];
        for (int j = 0; j < n; j++) {
            width[j] = names.get(j).length();
        }
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < n; j++) {
                String v = display(rows.get(i)[j]);
                cells[i][j] = v;
                width[j] = Math.max(width[j], v.length());
            }
        }
        StringBuilder line = new StringBuilder();
        for (int j = 0; j < n; j++) {
            pad(line, names.get(j), width[j], kinds.get(j) == Kind.INTEGER, j == n - 1);
        }
        out.write(line.toString().stripTrailing() + "\n");
        for (String[] row : cells) {
            line.setLength(0);
            for (int j = 0; j < n; j++) {
                pad(line, row[j], width[j], kinds.get(j) == Kind.INTEGER, j == n - 1);
            }
            out.write(line.toString().stripTrailing() + "\n");
        }
        out.flush();
    }

    /** The same content as a Tablesaw table, for the formats TableWriter writes. */
    Table toTable() {
        List<Column<?>> columns = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            switch (kinds.get(j)) {
                case INTEGER: {
                    IntColumn c = IntColumn.create(names.get(j));
                    for (Object[] r : rows) {
                        if (r[j] == null) {
                            c.appendMissing();
                        } else {
                            c.append(((Number) r[j]).intValue());
                        }
                    }
                    columns.add(c);
                    break;
                }
                case INSTANT: {
                    InstantColumn c = InstantColumn.create(names.get(j));
                    for (Object[] r : rows) {
                        if (r[j] == null) {
                            c.appendMissing();
                        } else {
                            c.append((Instant) r[j]);
                        }
                    }
                    columns.add(c);
                    break;
                }
                default: {
                    StringColumn c = StringColumn.create(names.get(j));
                    for (Object[] r : rows) {
                        if (r[j] == null) {
                            c.appendMissing();
                        } else {
                            c.append(r[j].toString());
                        }
                    }
                    columns.add(c);
                }
            }
        }
        return Table.create(name, columns.toArray(new Column<?>[0]));
    }

    private static String display(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Instant) {
            return Timestamps.format((Instant) v).substring(0, 19).replace('T', ' ');
        }
        return v.toString().replace('\n', ' ');
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
}
