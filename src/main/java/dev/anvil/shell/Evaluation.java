package dev.anvil.shell;

import java.util.List;

/**
 * What one {@link AnvilShell#eval(String)} produced.
 *
 * @param value         the host object of the last snippet's value (an expression or a variable), or
 *                      null: with local execution it is the real object, e.g. a Tablesaw {@code Table}
 * @param valueText     JShell's text of that value ({@code ""} when there is none)
 * @param compileErrors the compiler's errors of the snippet that did not compile (evaluation stopped there)
 * @param exception     what the snippet threw at run time (evaluation stopped there), or null
 * @param line          1-based line in the evaluated code of the error (compile or run time), or of the last
 *                      snippet when all went well
 */
public record Evaluation(Object value, String valueText, List<Diagnostic> compileErrors, Throwable exception, int line) {

    public Evaluation {
        compileErrors = List.copyOf(compileErrors);
        valueText = valueText == null ? "" : valueText;
    }

    /** True when every snippet compiled and ran. */
    public boolean succeeded() {
        return compileErrors.isEmpty() && exception == null;
    }

    /**
     * A compiler error of a snippet.
     *
     * @param line    1-based line in the evaluated code
     * @param column  1-based column on that line
     * @param message the compiler's message
     */
    public record Diagnostic(int line, int column, String message) {
        @Override
        public String toString() {
            return line + ":" + column + ": " + message;
        }
    }
}
