package dev.anvil.cli;

import dev.anvil.history.ExportFormat;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.HistoryImport;
import dev.anvil.history.TransferReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Merge an export into the history; runs already present are skipped.",
        description = {"Merge an export (from 'anvil export', any format) into the history.",
                "",
                "Runs the history already has (same id) are skipped and counted; the rest come in exactly as "
                        + "exported. The import is one transaction: a malformed record anywhere in the file is "
                        + "named (file:line) and nothing is imported."},
        footerHeading = "%nExamples:%n",
        footer = {"  anvil import laptop.jsonl", "  anvil --db team.db import nightly.csv", "",
                "Exit codes: 0 imported (possibly nothing new), 2 malformed file or unusable database."})
final class ImportCommand extends HistoryCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The export to read.")
    Path file;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "json, jsonl or csv (default: from the file's extension, else from its content).")
    ExportFormat format;

    @Override
    public Integer call() {
        TransferReport r;
        try (HistoryDatabase db = openHistoryForWriting("import")) {
            r = new HistoryImport(db).importFile(file, format);
        }
        out().printf("imported %d run(s), %d story result(s), %d expectation result(s); skipped %d run(s) already present%n",
                r.runs(), r.results(), r.expectations(), r.skippedRuns());
        out().flush();
        return 0;
    }
}
