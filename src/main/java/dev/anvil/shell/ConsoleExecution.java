package dev.anvil.shell;

import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.util.Map;

/**
 * The console's execution engine, {@code --execution anvil}: JShell's local execution (snippets
 * run in this JVM) whose values read as {@link ConsoleValues} shows them. Found by the JShell tool
 * through {@code META-INF/services}.
 */
public final class ConsoleExecution implements ExecutionControlProvider {
    static final String NAME = "anvil";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return new CapturingExecutionControl(true);
    }
}
