package dev.anvil.cli;

import dev.anvil.frame.TextLayout;
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
        boolean[] right = new boolean[names.size()];
        for (int j = 0; j < right.length; j++) {
            right[j] = kinds.get(j) == Kind.INTEGER;
        }
        List<String[]> cells = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            String[] texts = new String[row.length];
            for (int j = 0; j < row.length; j++) {
                texts[j] = row[j] == null ? "" : TextLayout.display(row[j]);
            }
            cells.add(texts);
        }
        try {
            TextLayout.writeAligned(out, names, right, cells);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // a PrintWriter does not throw; kept for the signature
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
}
