package dev.anvil.shell;

import dev.anvil.AnvilException;
import dev.anvil.frame.Frames;
import dev.anvil.frame.ResultRows;
import org.jdbi.v3.core.Jdbi;
import tech.tablesaw.api.Table;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A saved {@code .sql} query: one statement whose {@code :name} parameters are bound. The text is
 * rewritten with a {@code ?} for each {@code :name} (outside quotes and comments; {@code ::} casts
 * stay) and the values go to the driver, never into the text.
 */
public final class SqlScript {
    private static final Pattern WHOLE = Pattern.compile("-?(0|[1-9]\\d{0,17})");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9]\\d*)\\.\\d+");

    private final String statement;
    private final String jdbcSql;
    private final List<String> order = new ArrayList<>();

    public SqlScript(String text) {
        this.statement = stripTrailingSemicolons(text);
        if (statement.isBlank() || isOnlyComments(statement)) {
            throw new AnvilException("the query is empty (only comments)");
        }
        this.jdbcSql = rewrite(statement, order);
    }

    /** The parameters the statement takes, in order of first use. */
    public Set<String> parameters() {
        return new LinkedHashSet<>(order);
    }

    /** The statement with a {@code ?} for each parameter use, as the driver gets it. */
    public String jdbcSql() {
        return jdbcSql;
    }

    /**
     * Runs the statement on a plain connection (no Jdbi, no Tablesaw: the fast path of
     * {@code anvil query x.sql}). A parameter without a value, or a value for a parameter the query
     * does not take (a typo), is an {@link AnvilException} naming it.
     */
    public ResultRows rows(DataSource dataSource, Map<String, String> values) {
        List<Object> bound = bind(values);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(jdbcSql)) {
            for (int i = 0; i < bound.size(); i++) {
                ps.setObject(i + 1, bound.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                return ResultRows.read(rs);
            }
        } catch (SQLException e) {
            throw new AnvilException("query failed: " + firstLine(e.getMessage()), e);
        }
    }

    /** The same as a Tablesaw table (for the console and notebooks). */
    public Table table(Jdbi jdbi, Map<String, String> values) {
        return Frames.sql(jdbi, jdbcSql, bind(values).toArray());
    }

    private List<Object> bind(Map<String, String> values) {
        List<String> missing = new ArrayList<>();
        for (String name : parameters()) {
            if (!values.containsKey(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new AnvilException("missing parameter" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                    + ": give --param " + missing.get(0) + "=VALUE");
        }
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(parameters());
        if (!unknown.isEmpty()) {
            throw new AnvilException("unknown parameter " + String.join(", ", unknown) + ": the query takes "
                    + (parameters().isEmpty() ? "no parameters" : ":" + String.join(", :", parameters())));
        }
        List<Object> bound = new ArrayList<>();
        for (String name : order) {
            bound.add(typed(values.get(name)));
        }
        return bound;
    }

    /** Whole and decimal numbers in canonical form are bound as numbers (so {@code LIMIT :n} works), all else as text. */
    static Object typed(String value) {
        if (WHOLE.matcher(value).matches()) {
            return Long.parseLong(value);
        }
        if (DECIMAL.matcher(value).matches()) {
            return Double.parseDouble(value);
        }
        return value;
    }

    /**
     * Replaces each {@code :name} outside quoted text, quoted identifiers and comments by {@code ?},
     * appending the names in order of use; {@code ::} (a PostgreSQL cast) is left alone, and a
     * positional {@code ?} is refused (a saved query names its parameters).
     */
    static String rewrite(String sql, List<String> names) {
        StringBuilder out = new StringBuilder(sql.length());
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = i + 1;
                while (end < n) {
                    if (sql.charAt(end) == c) {
                        if (end + 1 < n && sql.charAt(end + 1) == c) {
                            end += 2; // a doubled quote inside the text
                            continue;
                        }
                        break;
                    }
                    end++;
                }
                end = Math.min(end + 1, n);
                out.append(sql, i, end);
                i = end;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(sql, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                out.append(sql, i, end);
                i = end;
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                out.append("::");
                i += 2;
            } else if (c == ':' && i + 1 < n && (Character.isLetter(sql.charAt(i + 1)) || sql.charAt(i + 1) == '_')) {
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                    end++;
                }
                names.add(sql.substring(i + 1, end));
                out.append('?');
                i = end;
            } else if (c == '?') {
                throw new AnvilException("a saved query names its parameters (:name), not '?'; found '?' at offset " + i);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String stripTrailingSemicolons(String text) {
        String t = text.strip();
        while (t.endsWith(";")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        return t;
    }

    private static boolean isOnlyComments(String sql) {
        List<String> ignored = new ArrayList<>();
        String code = rewrite(sql.replaceAll("(?m)--.*$", "").replaceAll("(?s)/\\*.*?\\*/", ""), ignored);
        return code.isBlank();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String m = message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** The first comment line of a saved query: what it answers. */
    public static String description(String text, String commentPrefix) {
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (t.startsWith(commentPrefix)) {
                String d = t.substring(commentPrefix.length()).strip();
                if (!d.isEmpty()) {
                    return d;
                }
                continue;
            }
            break;
        }
        return "";
    }
}
