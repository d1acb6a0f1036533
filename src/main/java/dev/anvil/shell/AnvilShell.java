package dev.anvil.shell;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;

/**
 * The evaluation engine behind the console, saved queries and the notebook kernel: one JShell in
 * this JVM (local execution, Anvil's class path), the {@link Preloads} evaluated at start.
 *
 * <p>Snippets run in the host JVM, so values are host objects: a snippet's {@code Table} is the
 * Table a front end renders. Not thread-safe: one caller evaluates at a time; {@link #interrupt()}
 * may be called from any thread.
 */
public final class AnvilShell implements AutoCloseable {
    private final JShell jshell;
    private final CapturingExecutionControl control;
    private final ShellOptions options;
    private final SourceCodeAnalysis analysis;
    /** Where each snippet of the current evaluation starts (snippet id -> 1-based line in the code). */
    private final Map<String, Integer> snippetLines = new HashMap<>();

    private AnvilShell(JShell jshell, CapturingExecutionControl control, ShellOptions options) {
        this.jshell = jshell;
        this.control = control;
        this.options = options;
        this.analysis = jshell.sourceCodeAnalysis();
    }

    /**
     * Opens the history named in {@code options} for the preloads and starts JShell with them.
     *
     * @throws dev.anvil.AnvilException when the database cannot be opened (exit code 2)
     */
    public static AnvilShell start(ShellOptions options) {
        Warmup.tablesaw();
        PreloadHost host = PreloadHost.install(options);
        CapturingExecutionControl.Provider provider = new CapturingExecutionControl.Provider();
        JShell jshell = JShell.builder()
                .executionEngine(provider, Map.of())
                .in(InputStream.nullInputStream())
                .out(options.out())
                .err(options.err())
                .build();
        for (String entry : classPath()) {
            jshell.addToClasspath(entry);
        }
        AnvilShell shell = new AnvilShell(jshell, provider.control(), options);
        try {
            for (String snippet : PreloadScript.snippets()) {
                shell.preload(snippet);
            }
            host.database(); // opened meanwhile; a bad database fails here, before any script runs
        } catch (RuntimeException | Error e) {
            shell.close();
            throw e;
        }
        return shell;
    }

    private void preload(String snippet) {
        Evaluation e = eval(snippet);
        if (!e.succeeded()) {
            if (e.exception() instanceof RuntimeException) {
                throw (RuntimeException) e.exception();
            }
            throw new IllegalStateException("preload snippet failed: " + snippet + ": "
                    + (e.exception() != null ? e.exception() : e.compileErrors()));
        }
    }

    /** The class path snippets compile against: this JVM's (the jar, or the test class path). */
    static List<String> classPath() {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(e);
            }
        }
        return entries;
    }

    public ShellOptions options() {
        return options;
    }

    /**
     * Evaluates every snippet in {@code code} in order and stops at the first that does not compile
     * or throws. Snippets' standard output goes to the options' streams while they run.
     */
    public Evaluation eval(String code) {
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        boolean redirect = options.out() != savedOut || options.err() != savedErr;
        if (redirect) {
            System.setOut(options.out());
            System.setErr(options.err());
        }
        try {
            return evalAll(code);
        } finally {
            if (redirect) {
                System.out.flush();
                System.err.flush();
                System.setOut(savedOut);
                System.setErr(savedErr);
            }
        }
    }

    private Evaluation evalAll(String code) {
        snippetLines.clear();
        String remaining = code;
        int offset = 0;
        Object value = null;
        String valueText = "";
        int lastLine = 1;
        while (!remaining.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            String source;
            int consumed;
            if (info.completeness().isComplete() || info.completeness() == SourceCodeAnalysis.Completeness.UNKNOWN) {
                source = info.source();
                consumed = remaining.length() - info.remaining().length();
            } else {
                source = remaining; // incomplete at the end: let the compiler say what is missing
                consumed = remaining.length();
            }
            // JShell numbers a snippet's lines from its first line of code only when the source starts with
            // code (leading blank lines or comments put every frame on line 1), so evaluate from there.
            int skip = codeStart(source);
            source = source.substring(skip);
            int line = lineAt(code, offset + codeStart(remaining.substring(0, consumed)));
            lastLine = line;
            List<SnippetEvent> events = jshell.eval(source);
            SnippetEvent main = null;
            for (SnippetEvent e : events) {
                if (e.causeSnippet() == null) {
                    main = e;
                    snippetLines.put(e.snippet().id(), line);
                }
            }
            if (main == null) {
                break;
            }
            if (main.status() == Snippet.Status.REJECTED) {
                List<Evaluation.Diagnostic> errors = diagnostics(main.snippet(), source, line);
                int errorLine = errors.isEmpty() ? line : errors.get(0).line();
                return new Evaluation(null, "", errors, null, errorLine);
            }
            if (main.exception() != null) {
                JShellException ex = main.exception();
                Throwable host = control.lastThrown();
                Throwable reported = ex;
                if (host != null && ex instanceof EvalException
                        && host.getClass().getName().equals(((EvalException) ex).getExceptionClassName())) {
                    host.setStackTrace(ex.getStackTrace()); // snippet frames as "#id" with snippet lines
                    reported = host;
                }
                return new Evaluation(null, "", List.of(), reported, exceptionLine(ex, line));
            }
            if (control.wasStopped()) {
                return new Evaluation(null, "", List.of(), new CancellationException("evaluation interrupted"), line);
            }
            boolean hasValue = main.value() != null && main.snippet().kind() != Snippet.Kind.STATEMENT
                    && main.snippet().kind() != Snippet.Kind.IMPORT;
            value = hasValue ? control.lastValue() : null;
            valueText = hasValue ? main.value() : "";
            offset += consumed;
            remaining = remaining.substring(consumed);
        }
        return new Evaluation(value, valueText, List.of(), null, lastLine);
    }

    private List<Evaluation.Diagnostic> diagnostics(Snippet snippet, String source, int startLine) {
        List<Evaluation.Diagnostic> out = new ArrayList<>();
        for (Diag d : jshell.diagnostics(snippet).collect(Collectors.toList())) {
            if (!d.isError()) {
                continue;
            }
            long pos = d.getStartPosition();
            int line = startLine;
            int column = 1;
            if (pos >= 0 && pos <= source.length()) {
                String before = source.substring(0, (int) pos);
                int nl = before.lastIndexOf('\n');
                line = startLine + (int) before.chars().filter(c -> c == '\n').count();
                column = (int) pos - nl;
            }
            out.add(new Evaluation.Diagnostic(line, column, d.getMessage(Locale.ROOT)));
        }
        return out;
    }

    /** The script line of the innermost frame that belongs to a snippet of this evaluation. */
    private int exceptionLine(JShellException ex, int snippetLine) {
        for (StackTraceElement frame : ex.getStackTrace()) {
            String file = frame.getFileName();
            if (file != null && file.startsWith("#")) {
                Integer start = snippetLines.get(file.substring(1));
                if (start != null && frame.getLineNumber() > 0) {
                    return start + frame.getLineNumber() - 1;
                }
            }
        }
        return snippetLine;
    }

    /** Offset of the first character in {@code chunk} that is neither blank nor inside a comment. */
    static int codeStart(String chunk) {
        int i = 0;
        int n = chunk.length();
        while (i < n) {
            char c = chunk.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (chunk.startsWith("//", i)) {
                int nl = chunk.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (chunk.startsWith("/*", i)) {
                int end = chunk.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                return i;
            }
        }
        return Math.min(i, Math.max(0, n - 1));
    }

    static int lineAt(String code, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < code.length(); i++) {
            if (code.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * Completion candidates at {@code cursor} (JShell's source analysis). {@code anchorOut[0]} receives
     * the offset in {@code code} where the candidates replace the text.
     */
    public List<String> complete(String code, int cursor, int[] anchorOut) {
        List<String> columns = columnNames(code, cursor, anchorOut);
        if (columns != null) {
            return columns;
        }
        int start = snippetStartBefore(code, cursor);
        int[] anchor = new int[1];
        List<String> out = analysis.completionSuggestions(code.substring(start), cursor - start, anchor).stream()
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .collect(Collectors.toList());
        if (anchorOut != null && anchorOut.length > 0) {
            anchorOut[0] = anchor[0] + start;
        }
        return out;
    }

    /** {@code t.column("pa}, {@code t.selectColumns("storyId", "mo}: a string argument that names a column. */
    private static final java.util.regex.Pattern COLUMN_ARGUMENT = java.util.regex.Pattern.compile(
            "([A-Za-z_$][\\w$]*)\\s*\\.\\s*(?:\\w*[cC]olumns?|sortOn|sortAscendingOn|sortDescendingOn|summarize|splitOn)"
                    + "\\s*\\((?:\\s*\"[^\"]*\"\\s*,)*\\s*\"([^\"]*)$");

    /**
     * The column names of a table variable that complete a string argument of one of its column methods
     * (JShell completes no strings); null when the cursor is not in such an argument.
     */
    private List<String> columnNames(String code, int cursor, int[] anchorOut) {
        java.util.regex.Matcher m = COLUMN_ARGUMENT.matcher(code.substring(0, cursor));
        if (!m.find()) {
            return null;
        }
        String variable = m.group(1);
        String prefix = m.group(2);
        Object value = null;
        for (jdk.jshell.VarSnippet v : jshell.variables().collect(Collectors.toList())) {
            if (v.name().equals(variable) && jshell.status(v).isActive()) {
                jshell.varValue(v);
                value = control.lastVariable();
            }
        }
        if (!(value instanceof tech.tablesaw.api.Table)) {
            return null;
        }
        if (anchorOut != null && anchorOut.length > 0) {
            anchorOut[0] = cursor - prefix.length();
        }
        return ((tech.tablesaw.api.Table) value).columnNames().stream()
                .filter(n -> n.startsWith(prefix))
                .map(n -> n + "\"")
                .collect(Collectors.toList());
    }

    /** Signature and Javadoc of what is at {@code cursor}, when JShell knows it. */
    public Optional<String> documentation(String code, int cursor) {
        int start = snippetStartBefore(code, cursor);
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(code.substring(start), cursor - start, true);
        if (docs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(docs.stream()
                .map(d -> d.javadoc() == null || d.javadoc().isBlank() ? d.signature() : d.signature() + "\n" + d.javadoc())
                .collect(Collectors.joining("\n\n")));
    }

    /** Where the snippet holding {@code cursor} starts: after the last complete snippet before it. */
    private int snippetStartBefore(String code, int cursor) {
        int start = 0;
        String rest = code;
        while (true) {
            CompletionInfo info = analysis.analyzeCompletion(rest);
            if (!info.completeness().isComplete() || info.remaining() == null) {
                return start;
            }
            int consumed = rest.length() - info.remaining().length();
            if (consumed <= 0 || start + consumed >= cursor) {
                return start;
            }
            start += consumed;
            rest = rest.substring(consumed);
        }
    }

    /** Whether {@code code} is ready to evaluate. */
    public Completeness isComplete(String code) {
        String rest = code;
        while (!rest.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(rest);
            switch (info.completeness()) {
                case EMPTY:
                    return Completeness.COMPLETE;
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return Completeness.INCOMPLETE;
                case UNKNOWN:
                    return Completeness.INVALID;
                default:
                    if (info.remaining() == null || info.remaining().length() >= rest.length()) {
                        return Completeness.COMPLETE;
                    }
                    rest = info.remaining();
            }
        }
        return Completeness.COMPLETE;
    }

    /** Stops the snippet running now, if any; its evaluation ends with an exception. */
    public void interrupt() {
        jshell.stop();
    }

    @Override
    public void close() {
        jshell.close();
    }
}
