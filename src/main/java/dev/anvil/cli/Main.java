package dev.anvil.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;

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
        return commandLine(args).execute(args);
    }

    /** The whole command line: every command. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for {@code args}: when they name a command, only that command is built.
     * Picocli builds a command's model by reflection over its annotated fields, about 5 ms a
     * command on a cold JVM; building twenty to run one was a fifth of {@code anvil runs}. Help,
     * a typo or no command at all get every command (for the listing and the suggestions).
     */
    public static CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(new AnvilCommand());
        String word = commandWord(args, 0);
        Class<?> command = addSubcommands(cl, AnvilCommand.COMMANDS, word);
        if (command == AnalyzeCommand.class) {
            addSubcommands(cl.getSubcommands().get("analyze"), AnalyzeCommand.VERBS, commandWord(args, 1));
        } else if (command == null) {
            addSubcommands(cl.getSubcommands().get("analyze"), AnalyzeCommand.VERBS, null);
        }
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(ErrorHandler::onParameterError);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /**
     * Adds the command that {@code word} names, or every command when it names none (help, a typo,
     * nothing); returns the one added alone, or null.
     */
    private static Class<?> addSubcommands(CommandLine parent, List<Class<?>> commands, String word) {
        Class<?> only = null;
        for (Class<?> command : commands) {
            if (word != null && !word.equals("help") && command.getAnnotation(Command.class).name().equals(word)) {
                only = command;
            }
        }
        for (Class<?> command : commands) {
            if (only == null || command == only) {
                try {
                    parent.addSubcommand(parent.getFactory().create(command));
                } catch (Exception e) {
                    throw new IllegalStateException("cannot create the command " + command.getName(), e);
                }
            }
        }
        return only;
    }

    /**
     * The word at {@code position} among those that are not options of {@code anvil} itself (nor
     * the value of {@code --db}): 0 the command, 1 its verb; or null.
     */
    static String commandWord(String[] args, int position) {
        int seen = 0;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--db")) {
                i++;
            } else if (a.equals("--")) {
                return null;
            } else if (!a.startsWith("-")) {
                if (seen++ == position) {
                    return a;
                }
            }
        }
        return null;
    }
}
