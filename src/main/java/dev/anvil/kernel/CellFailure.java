package dev.anvil.kernel;

import java.util.List;

/**
 * A cell that did not run to the end, with the traceback Jupyter shows for it. The library names
 * the error after the exception's class, so each kind of failure is its own class.
 */
abstract class CellFailure extends RuntimeException {
    private final List<String> traceback;

    CellFailure(String message, List<String> traceback) {
        super(message, null, false, false);
        this.traceback = List.copyOf(traceback);
    }

    List<String> traceback() {
        return traceback;
    }

    /** The cell did not compile. */
    static final class CompilationError extends CellFailure {
        CompilationError(String message, List<String> traceback) {
            super(message, traceback);
        }
    }

    /** A snippet of the cell threw. The message names the exception's own class. */
    static final class ExceptionInCell extends CellFailure {
        ExceptionInCell(String message, List<String> traceback) {
            super(message, traceback);
        }
    }
}
