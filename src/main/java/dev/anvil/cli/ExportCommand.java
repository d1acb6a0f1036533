package dev.anvil.cli;

import dev.anvil.history.ExportFormat;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.HistoryExport;
import dev.anvil.history.TransferReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Write the whole history to a file (json, jsonl or csv), losslessly.",
        description = {"Write the whole history (runs, story results, expectation results; every column as "
                + "stored) to a file or standard output, for 'anvil import' on another database.",
                "",
                "json is one document {anvilExport, schemaVersion, runs: [...]} with results nested in runs and "
                        + "expectations in results; jsonl is a header line then one run per line; csv is one row per "
                        + "story result with its run's columns repeated (a run without results gets one row with "
                        + "empty result columns), expectations as a JSON array, and null told from empty text "
                        + "(an empty field is null, \"\" is empty text)."},
        footerHeading = "%nExamples:%n",
        footer = {"  anvil export --format jsonl --output history.jsonl",
                "  anvil --db laptop.db export --format csv > laptop.csv", "",
                "Exit codes: 0 exported, 2 unwritable output or unusable database."})
final class ExportCommand extends HistoryCommand implements Callable<Integer> {

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "jsonl",
            description = "json, jsonl (default) or csv.")
    ExportFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write here (replaced only once the export is complete) instead of standard output.")
    Path output;

    @Override
    public Integer call() {
        try (HistoryDatabase db = openHistoryForReading()) {
            HistoryExport export = new HistoryExport(db);
            if (output == null) {
                export.write(format, out());
                out().flush();
            } else {
                TransferReport r = export.write(format, output);
                err().printf("exported %d run(s), %d story result(s), %d expectation result(s) to %s%n",
                        r.runs(), r.results(), r.expectations(), output.toAbsolutePath().normalize());
                err().flush();
            }
        }
        return 0;
    }
}
