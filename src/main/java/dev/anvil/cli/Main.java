package dev.anvil.cli;

import picocli.CommandLine;

/** Entry point of {@code anvil}: keeps library logging quiet unless {@code --verbose}, then runs the command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        boolean verbose = false;
        for (String a : args) {
            if (a.equals("--verbose") || a.equals("-v")) {
                verbose = true;
            }
            if (a.equals("--")) {
                break;
            }
        }
        // Must be set before the first logger is created (Flyway and Jdbi log through SLF4J).
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "error");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new AnvilCommand());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(ErrorHandler::onParameterError);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }
}
