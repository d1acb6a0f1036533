package dev.anvil.cli;

import dev.anvil.shell.Console;
import dev.anvil.shell.ShellOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "console", mixinStandardHelpOptions = true,
        header = "Explore the history in JShell, with Anvil's preloads.",
        description = {
                "Starts the JShell tool (tab completion, history, /open, /list, /edit, /vars) on the history chosen "
                        + "by --db, ANVIL_DB or anvil.yaml. Snippets run in Anvil's JVM with the preloads at hand: "
                        + "history, jdbi, runs(), results(), sql(...), regressions(), fixed(), flaky(), trend(), "
                        + "durations(), compare(a, b), failures(), story(id), plot(...), record(...); help() lists them.",
                "",
                "Standard input may be a pipe: 'echo \"flaky()\" | anvil console' runs the snippets and exits.",
                ""},
        footerHeading = "%nExamples:%n",
        footer = {"  anvil console",
                "  anvil --db team.db console",
                "  anvil console -- --feedback concise      (JShell options after --)"})
final class ConsoleCommand extends HistoryCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "JSHELL-OPTION", description = "Options passed to the JShell tool (after --).")
    List<String> toolArgs = List.of();

    @Override
    public Integer call() {
        ShellOptions options = new ShellOptions(location(), System.out, System.err, Map.of());
        return Console.run(options, System.in, System.out, System.err, toolArgs);
    }
}
