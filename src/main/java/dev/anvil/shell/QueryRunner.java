package dev.anvil.shell;

import dev.anvil.AnvilException;
import dev.anvil.frame.ResultRows;
import dev.anvil.frame.TableFormat;
import dev.anvil.frame.TableWriter;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.Spool;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs one saved query and writes its answer. A {@code .sql} file runs straight on the history
 * (no JShell: fast); a {@code .jsh} file runs headless on an {@link AnvilShell} with the preloads
 * and its {@code --param}s. The answer is what the script passes to {@code show(...)} or, failing
 * that, the value of its last expression; a table is rendered in the chosen format.
 *
 * <p>Failures are {@link AnvilException}s whose message names the file and the line: a compile error
 * exits 2, an exception at run time 1 (2 when it is a user error such as a missing parameter).
 */
public final class QueryRunner {
    private final dev.anvil.history.DatabaseLocation database;
    private final TableFormat format;
    private final Writer out;
    private final PrintStream console;

    /**
     * @param database the history
     * @param format   how tables are written
     * @param out      where the answer goes (standard output or the --output file)
     * @param console  where the script's own prints go (standard output)
     */
    public QueryRunner(Path database, TableFormat format, Writer out, PrintStream console) {
        this(new dev.anvil.history.DatabaseLocation(database.toAbsolutePath().normalize(), "path"), format, out, console);
    }

    /** Over any history, an SQLite file or a PostgreSQL database. */
    public QueryRunner(dev.anvil.history.DatabaseLocation database, TableFormat format, Writer out, PrintStream console) {
        this.database = database;
        this.format = format;
        this.out = out;
        this.console = console;
    }

    public void run(Path file, Map<String, String> parameters) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AnvilException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".sql")) {
            runSql(file, text, parameters);
        } else {
            runJsh(file, text, parameters);
        }
    }

    private void runSql(Path file, String text, Map<String, String> parameters) {
        SqlScript script;
        try {
            script = new SqlScript(text);
        } catch (AnvilException e) {
            throw new AnvilException(file + ": " + e.getMessage(), e);
        }
        ResultRows rows;
        try (HistoryDatabase db = HistoryDatabase.open(database)) {
            String imported = Spool.importPending(db, System.getenv());
            if (imported != null) {
                System.err.println("anvil: " + imported);
            }
            rows = script.rows(db.dataSource(), parameters);
        } catch (AnvilException e) {
            throw new AnvilException(file + ": " + e.getMessage(), e.exitCode(), e);
        }
        rows.write(format, out);
    }

    private void runJsh(Path file, String text, Map<String, String> parameters) {
        Warmup.tablesaw();
        ShellOptions options = new ShellOptions(database, console, System.err, parameters);
        try (AnvilShell shell = AnvilShell.start(options)) {
            boolean[] shown = {false};
            PreloadHost.current().onShow((title, value) -> {
                shown[0] = true;
                render(title, value);
            });
            Evaluation e = shell.eval(text);
            if (!e.compileErrors().isEmpty()) {
                Evaluation.Diagnostic d = e.compileErrors().get(0);
                throw new AnvilException(file + ":" + d.line() + ": " + oneLine(d.message()));
            }
            if (e.exception() != null) {
                Throwable t = e.exception();
                if (t instanceof AnvilException) {
                    throw new AnvilException(file + ":" + e.line() + ": " + t.getMessage(), ((AnvilException) t).exitCode(), t);
                }
                String what = t instanceof jdk.jshell.EvalException
                        ? ((jdk.jshell.EvalException) t).getExceptionClassName() : t.getClass().getName();
                throw new AnvilException(file + ":" + e.line() + ": " + what
                        + (t.getMessage() == null ? "" : ": " + oneLine(t.getMessage())), 1, t);
            }
            if (!shown[0] && e.value() != null) {
                render(null, e.value());
            }
        }
    }

    private void render(String title, Object value) {
        try {
            if (title != null && (format == TableFormat.TABLE || format == TableFormat.MARKDOWN)) {
                out.write(format == TableFormat.MARKDOWN ? "**" + title + "**\n\n" : title + "\n");
            }
            if (value instanceof Table) {
                TableWriter.write((Table) value, format, out);
            } else {
                out.write(String.valueOf(value));
                out.write("\n");
            }
            if (title != null && (format == TableFormat.TABLE || format == TableFormat.MARKDOWN)) {
                out.write("\n");
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The compiler's message on one line: its first line and the symbol it could not find. */
    static String oneLine(String message) {
        String[] lines = message.strip().split("\\R");
        StringBuilder sb = new StringBuilder(lines[0].strip());
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.startsWith("symbol:")) {
                sb.append(" (").append(l.replaceAll("\\s+", " ")).append(')');
            }
        }
        return sb.toString();
    }
}
