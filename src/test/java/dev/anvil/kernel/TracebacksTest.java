package dev.anvil.kernel;

import dev.anvil.kernel.CellEngine.CellOutcome;
import dev.anvil.kernel.CellEngine.CompileError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TracebacksTest {

    @Test
    void aCompileErrorNamesItsLinePointsAtTheColumnAndSaysWhatIsWrong() {
        String cell = "int a = 1;\nint b = nope + 1;\n";
        CellOutcome outcome = new CellOutcome(null, "", List.of(new CompileError(2, 9, "cannot find symbol")), null, 2, null);

        CellFailure f = Tracebacks.failure(outcome, cell);

        assertThat(f).isInstanceOf(CellFailure.CompilationError.class);
        assertThat(f.getMessage()).isEqualTo("line 2: cannot find symbol");
        assertThat(f.traceback()).containsExactly(
                "line 2: cannot find symbol",
                "    int b = nope + 1;",
                "            ^");
    }

    @Test
    void anExceptionNamesItsClassMessageAndTheCellLineItCameFrom() {
        String cell = "int a = 1;\nint b = a / 0;";
        ArithmeticException thrown = new ArithmeticException("/ by zero");
        thrown.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("", "", "#7", 1),
                new StackTraceElement("jdk.internal.Whatever", "run", "Whatever.java", 3)});
        CellOutcome outcome = new CellOutcome(null, "", List.of(), thrown, 2, null);

        CellFailure f = Tracebacks.failure(outcome, cell);

        assertThat(f.traceback()).containsExactly(
                "java.lang.ArithmeticException: / by zero",
                "    at cell line 2: int b = a / 0;");
    }

    @Test
    void framesOfLibraryCodeAboveTheCellAndCausesAreKept() {
        IllegalStateException cause = new IllegalStateException("database is locked");
        cause.setStackTrace(new StackTraceElement[0]);
        RuntimeException thrown = new RuntimeException("query failed", cause);
        thrown.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("dev.anvil.frame.Frames", "sql", "Frames.java", 42),
                new StackTraceElement("", "", "#3", 1)});

        CellFailure f = Tracebacks.failure(new CellOutcome(null, "", List.of(), thrown, 1, null), "sql(\"x\");");

        assertThat(f.traceback()).containsExactly(
                "java.lang.RuntimeException: query failed",
                "    at cell line 1: sql(\"x\");",
                "    at dev.anvil.frame.Frames.sql(Frames.java:42)",
                "Caused by: java.lang.IllegalStateException: database is locked");
    }
}
