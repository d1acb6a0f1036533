package dev.anvil.kernel;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * What the kernel needs from an evaluation engine: run a cell, complete, document, judge
 * completeness, interrupt. Backed by the console's engine ({@link ShellCellEngine}), so a notebook
 * sees the same preloads and the same JShell as {@code anvil console}.
 */
public interface CellEngine extends AutoCloseable {

    /** Evaluates every snippet of the cell in order, stopping at the first error. */
    CellOutcome eval(String code);

    /** Completion candidates at {@code cursor}; they replace {@code code[anchor, cursor)}. */
    Completions complete(String code, int cursor);

    /** Signature and documentation of what is at {@code cursor}, if anything. */
    Optional<String> documentation(String code, int cursor);

    Completeness isComplete(String code);

    /** Where {@code show(title, value)} in a cell sends its value (the kernel: a display_data message). */
    void onShow(BiConsumer<String, Object> display);

    /** Stops the running cell; returns at once, the cell's evaluation then ends with an exception. */
    void interrupt();

    @Override
    void close();

    enum Completeness { COMPLETE, INCOMPLETE, INVALID, UNKNOWN }

    record Completions(List<String> candidates, int anchor) {
    }

    /** A compile error of the cell: its 1-based line and column in the cell, and the message. */
    record CompileError(int line, int column, String message) {
    }

    /**
     * How a cell ended. {@code value} is the host object of the last expression (a Tablesaw
     * table, a chart's path, ...), {@code valueText} how JShell shows it; {@code line} is the
     * 1-based line of the cell where the failing snippet starts.
     */
    record CellOutcome(Object value, String valueText, List<CompileError> compileErrors, Throwable exception,
                       int line, String failedSource) {
        public CellOutcome {
            compileErrors = compileErrors == null ? List.of() : List.copyOf(compileErrors);
        }

        public boolean failed() {
            return !compileErrors.isEmpty() || exception != null;
        }
    }
}
