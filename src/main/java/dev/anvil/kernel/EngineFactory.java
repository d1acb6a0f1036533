package dev.anvil.kernel;

import java.io.PrintStream;

/** Starts the engine a kernel runs cells on; cells print to {@code out} and {@code err}, which the kernel publishes. */
@FunctionalInterface
public interface EngineFactory {
    CellEngine start(PrintStream out, PrintStream err);
}
