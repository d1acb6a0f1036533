package dev.anvil.shell;

import dev.anvil.history.HistoryRepository;
import dev.anvil.history.Run;
import jdk.jshell.tool.JavaShellToolBuilder;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code anvil console}: the real JShell tool (completion, history, {@code /open}, {@code /list},
 * {@code /edit}, {@code /vars}) with local execution, so its snippets run in this JVM and reach the
 * preloads' host objects; the preloads come in as its startup script.
 */
public final class Console {
    private static volatile Path startupFile;

    private Console() {
    }

    /**
     * Opens the history, prints the banner and runs the tool until {@code /exit} or end of input.
     *
     * @param in  commands and snippets (a terminal, or a pipe for scripts and tests)
     * @param out the tool's output, and snippets' standard output
     * @param err the tool's errors, and snippets' standard error
     * @return the tool's exit code ({@code /exit 3} exits 3)
     */
    public static int run(ShellOptions options, InputStream in, PrintStream out, PrintStream err, List<String> toolArgs) {
        return run(options, in, out, err, toolArgs, null);
    }

    /** As above; {@code persistence} replaces the user's JShell preferences (input history, settings) when not null. */
    static int run(ShellOptions options, InputStream in, PrintStream out, PrintStream err, List<String> toolArgs,
                   java.util.Map<String, String> persistence) {
        PreloadHost.install(options);
        Path startup = writeStartup();
        startupFile = startup;
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        System.setOut(out);
        System.setErr(err);
        try {
            // local execution whose values read as ConsoleValues shows them, in Anvil's feedback mode
            List<String> args = new ArrayList<>(List.of(
                    "--execution", ConsoleExecution.NAME,
                    "--class-path", String.join(File.pathSeparator, AnvilShell.classPath()),
                    "--startup", startup.toString()));
            if (toolArgs.stream().noneMatch(a -> a.startsWith("--feedback") || a.equals("-q") || a.equals("-s") || a.equals("-v"))) {
                args.addAll(List.of("--feedback", FeedbackMode.NAME));
            }
            args.addAll(toolArgs);
            JavaShellToolBuilder tool = JavaShellToolBuilder.builder().in(in, null).out(out).err(err)
                    .persistence(FeedbackMode.preferences(persistence != null ? persistence : FeedbackMode.userPreferences()));
            return tool.start(args.toArray(new String[0]));
        } catch (Exception e) {
            throw new IllegalStateException("the JShell tool failed: " + e.getMessage(), e);
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
            try {
                Files.deleteIfExists(startup);
            } catch (IOException e) {
                // a temporary file left behind is harmless
            }
        }
    }

    /**
     * Run by the console's startup script once its imports are in: waits for the history (opened
     * meanwhile) and prints the banner; a history that cannot be opened ends the console with the
     * one-line error and exit code 2, as any command would.
     */
    public static void greet() {
        try {
            System.out.print(banner(PreloadHost.current()));
            System.out.flush();
            Warmup.tablesaw(); // after the prompt's work: ready by the time the first table is asked for
        } catch (dev.anvil.AnvilException e) {
            System.err.println("anvil: " + e.getMessage());
            System.err.flush();
            Path startup = startupFile;
            if (startup != null) {
                startup.toFile().delete();
            }
            Runtime.getRuntime().halt(e.exitCode()); // before the tool's prompt: nothing to save yet

        }
    }

    static String banner(PreloadHost host) {
        HistoryRepository repo = host.database().repository();
        long runs = repo.countRuns();
        long results = repo.countResults();
        StringBuilder sb = new StringBuilder();
        sb.append("Anvil console: history ").append(host.database().display()).append('\n');
        sb.append(String.format(Locale.ROOT, "  %,d runs, %,d story results", runs, results));
        List<Run> latest = repo.listRuns(1, null);
        if (!latest.isEmpty()) {
            Run r = latest.get(0);
            sb.append("; latest run ").append(dev.anvil.history.Ids.shortId(r.id())).append(' ').append(r.mode())
                    .append(" at ").append(dev.anvil.history.Timestamps.format(r.startedAt()).substring(0, 16).replace('T', ' ')).append(" UTC");
        }
        sb.append('\n');
        // each line fits an 80-column terminal
        sb.append("  help() lists the preloads (runs(), regressions(lastWeek()), ...); /exit leaves.\n");
        return sb.toString();
    }

    private static Path writeStartup() {
        try {
            Path file = Files.createTempFile("anvil-preloads-", ".jsh");
            Files.writeString(file, PreloadScript.consoleStartup("dev.anvil.shell.Console.greet();"), StandardCharsets.UTF_8);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the console's startup script", e);
        }
    }
}
