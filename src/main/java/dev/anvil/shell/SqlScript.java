package dev.anvil.shell;

import dev.anvil.AnvilException;
import dev.anvil.frame.Frames;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.ParsedSql;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A saved {@code .sql} query: one statement whose {@code :name} parameters are bound (Jdbi's
 * colon-prefix parser turns them into {@code ?} placeholders, the values go to the driver, never
 * into the text). Comment lines are dropped first, so a header may mention {@code :name} freely.
 */
public final class SqlScript {
    private static final Pattern WHOLE = Pattern.compile("-?(0|[1-9]\\d{0,17})");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9]\\d*)\\.\\d+");

    private final String statement;
    private final ParsedSql parsed;

    public SqlScript(String text) {
        this.statement = stripComments(text).strip().replaceFirst(";\\s*$", "");
        if (statement.isEmpty()) {
            throw new AnvilException("the query is empty (only comments)");
        }
        this.parsed = new ColonPrefixSqlParser().parse(statement, null);
    }

    /** The parameters the statement takes, in order of first use. */
    public Set<String> parameters() {
        return new LinkedHashSet<>(parsed.getParameters().getParameterNames());
    }

    /**
     * Runs the statement with {@code values} bound. A parameter without a value, or a value for a
     * parameter the query does not take (a typo), is an {@link AnvilException} naming it.
     */
    public Table run(Jdbi jdbi, Map<String, String> values) {
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
        for (String name : parsed.getParameters().getParameterNames()) {
            bound.add(typed(values.get(name)));
        }
        return Frames.sql(jdbi, parsed.getSql(), bound.toArray());
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

    /** Drops whole-line {@code --} comments (quoted text never starts a line in our queries' style). */
    static String stripComments(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            sb.append(line.strip().startsWith("--") ? "" : line).append('\n');
        }
        return sb.toString();
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
