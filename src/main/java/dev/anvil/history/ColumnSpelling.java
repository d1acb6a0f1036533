package dev.anvil.history;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Column labels as SQLite gives them, also on PostgreSQL. PostgreSQL folds unquoted names to lower
 * case, so {@code SELECT StoryId ...} answers with a column {@code storyid}; a frame, a saved
 * query's CSV or a notebook would then name its columns differently per engine. A lower-case label
 * from PostgreSQL takes back the spelling the query wrote (its identifiers, aliases included), else
 * the schema's spelling ({@code StoryId}, {@code TestRunId}, ...). Labels that were quoted or are
 * not lower case are left as they are.
 */
public final class ColumnSpelling {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Map<String, String> SCHEMA = new HashMap<>();

    static {
        String all = HistoryRepository.RUN_COLUMNS + ", " + HistoryRepository.RESULT_COLUMNS
                + ", StoryResultId, Position, Type, Description, Message";
        for (String name : all.split(",\\s*")) {
            SCHEMA.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
        }
    }

    private ColumnSpelling() {
    }

    /** The label of a column of {@code rs}, spelled as on SQLite. */
    public static String label(ResultSet rs, ResultSetMetaData meta, int column) throws SQLException {
        String label = meta.getColumnLabel(column);
        if (label == null || !meta.getClass().getName().startsWith("org.postgresql")
                || !label.equals(label.toLowerCase(Locale.ROOT))) {
            return label;
        }
        String written = fromQuery(rs).get(label);
        if (written != null) {
            return written;
        }
        return SCHEMA.getOrDefault(label, label);
    }

    /** Identifiers of the statement's SQL (PostgreSQL's prepared statements show it), by lower case. */
    private static Map<String, String> fromQuery(ResultSet rs) {
        Map<String, String> out = new HashMap<>();
        try {
            Statement st = rs.getStatement();
            String sql = st == null ? "" : String.valueOf(st);
            Matcher m = IDENTIFIER.matcher(sql.replaceAll("'(?:[^']|'')*'", "''"));
            while (m.find()) {
                String id = m.group();
                if (!id.equals(id.toLowerCase(Locale.ROOT)) && !id.equals(id.toUpperCase(Locale.ROOT))) {
                    out.putIfAbsent(id.toLowerCase(Locale.ROOT), id); // mixed case: as the query wrote it
                } else if (id.equals(id.toLowerCase(Locale.ROOT))) {
                    out.putIfAbsent(id, id);
                }
            }
        } catch (SQLException e) {
            // no statement to read: the schema's spelling still applies
        }
        return out;
    }
}
