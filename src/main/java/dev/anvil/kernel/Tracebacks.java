package dev.anvil.kernel;

import dev.anvil.kernel.CellEngine.CellOutcome;
import dev.anvil.kernel.CellEngine.CompileError;
import jdk.jshell.EvalException;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a failed cell into what a person reads: compile errors with their line, the source line
 * and a caret; exceptions with their class, message and the cell line they came from, then the
 * frames of library code they passed through (JShell's own machinery left out).
 */
final class Tracebacks {
    private static final String SNIPPET_CLASS_PREFIX = "REPL.$JShell$";
    private static final int MAX_FRAMES = 12;

    private Tracebacks() {
    }

    static CellFailure failure(CellOutcome outcome, String cell) {
        String[] lines = cell.split("\r?\n", -1);
        if (!outcome.compileErrors().isEmpty()) {
            List<String> tb = new ArrayList<>();
            for (CompileError e : outcome.compileErrors()) {
                tb.add("line " + e.line() + ": " + e.message());
                if (e.line() >= 1 && e.line() <= lines.length) {
                    String src = lines[e.line() - 1];
                    tb.add("    " + src);
                    if (e.column() >= 1 && e.column() <= src.length() + 1) {
                        tb.add("    " + " ".repeat(e.column() - 1) + "^");
                    }
                }
            }
            CompileError first = outcome.compileErrors().get(0);
            return new CellFailure.CompilationError("line " + first.line() + ": " + first.message(), tb);
        }
        Throwable t = outcome.exception();
        String head = describe(t);
        List<String> tb = new ArrayList<>();
        tb.add(head);
        int line = outcome.line();
        if (line >= 1 && line <= lines.length) {
            tb.add("    at cell line " + line + ": " + lines[line - 1].strip());
        } else if (outcome.failedSource() != null) {
            tb.add("    at " + outcome.failedSource().strip());
        }
        frames(t, tb);
        Throwable cause = t.getCause();
        int depth = 0;
        while (cause != null && cause != t && depth++ < 5) {
            tb.add("Caused by: " + describe(cause));
            frames(cause, tb);
            t = cause;
            cause = cause.getCause();
        }
        return new CellFailure.ExceptionInCell(head, tb);
    }

    /** {@code java.lang.ArithmeticException: / by zero}, also for JShell's copies of user exceptions. */
    static String describe(Throwable t) {
        String name = t instanceof EvalException && ((EvalException) t).getExceptionClassName() != null
                ? ((EvalException) t).getExceptionClassName()
                : t.getClass().getName();
        String message = t.getMessage();
        return message == null || message.isBlank() ? name : name + ": " + message;
    }

    /** The engine and kernel that ran the cell: what threw there (an interrupt, say) is not the cell's code. */
    private static boolean isMachinery(String className) {
        return className.startsWith("dev.anvil.shell.AnvilShell") || className.startsWith("dev.anvil.kernel.")
                || className.startsWith("org.dflib.jjava.") || className.startsWith("jdk.jshell.");
    }

    /** The frames above the snippet: where in Anvil or a library the exception came from. */
    private static void frames(Throwable t, List<String> tb) {
        int shown = 0;
        for (StackTraceElement e : t.getStackTrace()) {
            // JShell names a snippet's frames by snippet id ("#12") and cuts its own machinery below them.
            if (e.getClassName().startsWith(SNIPPET_CLASS_PREFIX)
                    || (e.getFileName() != null && e.getFileName().startsWith("#"))
                    || isMachinery(e.getClassName())) {
                break;
            }
            if (shown++ == MAX_FRAMES) {
                tb.add("    ...");
                break;
            }
            tb.add("    at " + e);
        }
    }
}
