package dev.anvil.shell;

import dev.anvil.frame.CompactCells;
import dev.anvil.frame.CompactTable;
import tech.tablesaw.api.Table;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * How the console shows a snippet's value after {@code ==>} and in {@code /vars}: a table compact
 * and fitted to the terminal ({@link CompactTable}), at most {@link #maxRows()} rows; the text of
 * Tablesaw's {@code t.print()} as the table it draws, not as an escaped string. Other values as
 * JShell shows them.
 */
final class ConsoleValues {
    static final int DEFAULT_ROWS = 20;
    /** Width when neither a setting, COLUMNS nor the terminal says (output piped to a file, say). */
    static final int DEFAULT_WIDTH = 120;
    private static final Pattern DASHES = Pattern.compile("(?m)^-{3,}$");

    private static volatile int maxRows = DEFAULT_ROWS;
    private static volatile int width;

    private ConsoleValues() {
    }

    static int maxRows() {
        return maxRows;
    }

    static void maxRows(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be at least 1, not " + rows);
        }
        maxRows = rows;
    }

    /** 0 follows the terminal. */
    static void width(int columns) {
        if (columns != 0 && columns < 20) {
            throw new IllegalArgumentException("width must be 0 (the terminal's) or at least 20, not " + columns);
        }
        width = columns;
    }

    /**
     * The text after {@code name ==> }, or null when JShell's own form is right for the value.
     *
     * @param name the variable holding the value ({@code $3}, {@code t}), for the hint on more rows
     */
    static String text(Object value, String name) {
        if (value instanceof Table) {
            int columns = width();
            String rendered = CompactTable.render((Table) value, columns, maxRows, name).stripTrailing();
            // the title shares its line with "name ==> "
            int nl = rendered.indexOf('\n');
            String title = nl < 0 ? rendered : rendered.substring(0, nl);
            int prefix = (name == null ? 2 : name.length()) + 5;
            return CompactCells.cut(title, Math.max(10, columns - prefix)) + (nl < 0 ? "" : rendered.substring(nl));
        }
        if (value instanceof String && isTablePrintout((String) value)) {
            return "\n" + ((String) value).stripTrailing();
        }
        return null;
    }

    /** What Tablesaw's {@code Table.print()} returns: a header row ending in "|" above a line of dashes. */
    static boolean isTablePrintout(String s) {
        java.util.regex.Matcher m = DASHES.matcher(s);
        if (!m.find() || m.start() == 0) {
            return false;
        }
        String before = s.substring(0, m.start() - 1);
        String header = before.substring(before.lastIndexOf('\n') + 1);
        return header.stripTrailing().endsWith("|");
    }

    /** The terminal's width: the setting, then COLUMNS, then the terminal itself (stty), then {@link #DEFAULT_WIDTH}. */
    static int width() {
        if (width > 0) {
            return width;
        }
        String env = System.getenv("COLUMNS");
        if (env != null && env.matches("\\d+") && Integer.parseInt(env) >= 20) {
            return Integer.parseInt(env);
        }
        int tty = terminalColumns();
        return tty >= 20 ? tty : DEFAULT_WIDTH;
    }

    /** Asked anew each time: the terminal may have been resized since. */
    private static int terminalColumns() {
        File tty = new File("/dev/tty");
        if (!tty.exists()) {
            return -1;
        }
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(tty).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!p.waitFor(2, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return -1;
            }
            String[] parts = out.split("\\s+");
            return parts.length == 2 ? Integer.parseInt(parts[1]) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
