package dev.anvil.cli;

import dev.anvil.AnvilException;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Turns failures into one line on stderr and a meaningful exit code: 2 for what the user can fix
 * (bad options, paths, run names, databases), 1 for anything unexpected. A stack trace only with
 * {@code --verbose}.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    static final int USAGE = 2;
    static final int FAILURE = 1;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        boolean verbose = isVerbose(cl);
        Throwable t = ex;
        while (!(t instanceof AnvilException) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof AnvilException) {
            err.println("anvil: " + t.getMessage());
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return ((AnvilException) t).exitCode();
        }
        err.println("anvil: " + ex.getClass().getSimpleName() + ": " + ex.getMessage()
                + (verbose ? "" : " (run with --verbose for details)"));
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return FAILURE;
    }

    static int onParameterError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("anvil: " + ex.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
            err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        err.flush();
        return USAGE;
    }

    private static boolean isVerbose(CommandLine cl) {
        Object root = cl.getCommandSpec().root().userObject();
        return root instanceof AnvilCommand && ((AnvilCommand) root).verbose;
    }
}
