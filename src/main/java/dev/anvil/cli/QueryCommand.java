package dev.anvil.cli;

import dev.anvil.AnvilException;
import dev.anvil.frame.TableFormat;
import dev.anvil.shell.QueryRunner;
import dev.anvil.shell.SavedQueries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "query", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Run a saved query (a .jsh or .sql script) over the history.",
        description = {
                "Runs FILE, or the saved query NAME: queries/NAME.jsh or queries/NAME.sql in the working folder, "
                        + "then in the queries folder of the Anvil installation.",
                "",
                "A .jsh script is Java run by JShell with the console's preloads (runs(), sql(...), regressions(), ...); "
                        + "param(\"days\", 7) reads --param days=..., typed by its default. Its answer is what it passes "
                        + "to show(...), or else the value of its last expression. A .sql script is one SQL statement "
                        + "whose :name parameters are bound from --param (never pasted into the text).",
                ""},
        footerHeading = "%nExit codes:%n",
        footer = {"  0 answered, 1 the script threw at run time, 2 usage error: unknown query, compile error (with "
                + "file and line), missing or malformed parameter."})
final class QueryCommand extends HistoryCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE|NAME", description = "The script file, or the name of a saved query.")
    String query;

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "A parameter of the query (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "How a table answer is written: table, csv, json or markdown. Default: ${DEFAULT-VALUE}.")
    TableFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the answer to FILE instead of standard output.")
    Path output;

    @Option(names = "--list", description = "List the saved queries, each with the first line of its header comment.")
    boolean list;

    @Override
    public Integer call() throws IOException {
        SavedQueries saved = SavedQueries.standard();
        if (list) {
            return list(saved);
        }
        if (query == null) {
            throw new AnvilException("name a query to run (FILE or NAME), or use --list to see the saved ones");
        }
        Path file = saved.resolve(query);
        dev.anvil.history.DatabaseLocation db = location();
        if (output == null) {
            PrintWriter out = out();
            new QueryRunner(db, format, out, System.out).run(file, params);
            out.flush();
        } else {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (Writer w = new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8)) {
                new QueryRunner(db, format, w, System.out).run(file, params);
            }
        }
        return 0;
    }

    private int list(SavedQueries saved) {
        List<SavedQueries.SavedQuery> all = saved.list();
        PrintWriter out = out();
        if (all.isEmpty()) {
            out.println("no saved queries in " + saved.folders());
            out.flush();
            return 0;
        }
        int width = all.stream().mapToInt(q -> q.name().length() + 4).max().orElse(10);
        for (SavedQueries.SavedQuery q : all) {
            String ext = q.isSql() ? ".sql" : ".jsh";
            out.printf("%-" + width + "s  %s%n", q.name() + ext, q.description());
        }
        out.flush();
        return 0;
    }
}
