package dev.anvil.cli;

import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.HistoryImport;
import dev.anvil.history.Run;
import dev.anvil.history.TransferReport;
import dev.anvil.record.importing.ReportImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Merge an export into the history; runs already present are skipped.",
        description = {"Merge an export (from 'anvil export', any format) into the history.",
                "",
                "Runs the history already has (same id) are skipped and counted; the rest come in exactly as "
                        + "exported. The import is one transaction: a malformed record anywhere in the file is "
                        + "named (file:line) and nothing is imported.",
                "",
                "JUnit XML (a file, or a folder of them such as target/surefire-reports/) is read as a report of "
                        + "one run: Anvil's own (export --format junit, record --junit) comes back as the run it was, "
                        + "with its id, mode, label and revision; any other needs --mode."},
        footerHeading = "%nExamples:%n",
        footer = {"  anvil import laptop.jsonl", "  anvil --db team.db import nightly.csv",
                "  anvil import anvil-junit.xml", "  anvil import target/surefire-reports --mode unit-tests", "",
                "Exit codes: 0 imported (possibly nothing new), 2 malformed file or unusable database."})
final class ImportCommand extends HistoryCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The export to read.")
    Path file;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "json, jsonl, csv or junit (default: from the file's extension, else from its content).")
    FileFormat format;

    @Option(names = "--mode", paramLabel = "NAME",
            description = "JUnit XML only: the mode to record it under (default: the mode Anvil's JUnit XML names).")
    String mode;

    @Override
    public Integer call() {
        if (isJUnit()) {
            return importJUnit();
        }
        TransferReport r;
        try (HistoryDatabase db = openHistoryForWriting("import")) {
            r = new HistoryImport(db).importFile(file, format == null ? null : format.export());
        }
        out().printf("imported %d run(s), %d story result(s), %d expectation result(s); skipped %d run(s) already present%s%n",
                r.runs(), r.results(), r.expectations(), r.skippedRuns(), auraSuffix(r.auraResults(), "imported"));
        out().flush();
        return 0;
    }

    /** JUnit XML by --format, extension or first character; a folder can only be a folder of reports. */
    private boolean isJUnit() {
        if (format != null) {
            return format == FileFormat.JUNIT;
        }
        if (Files.isDirectory(file) || file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml")) {
            return true;
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int c = in.read();
            while (c == '\uFEFF' || (c >= 0 && Character.isWhitespace(c))) {
                c = in.read();
            }
            return c == '<';
        } catch (IOException e) {
            return false; // the export reader says what is wrong with the file
        }
    }

    private int importJUnit() {
        try (HistoryDatabase db = openHistory()) {
            Optional<Run> run = mode != null ? ReportImporter.importIfAbsent(file, mode, db.repository())
                    : ReportImporter.importOwnReport(file, null, db.repository());
            if (run.isEmpty()) {
                out().printf("imported 0 run(s); skipped 1 run already present (%s)%n", file);
            } else {
                Run r = run.get();
                out().printf("imported run %s of mode %s from %s: %d stories, %d passed, %d failed (%d errors), %d skipped%n",
                        r.shortId(), r.mode(), file, r.totalStories(), r.passed(), r.failed(), r.errors(), r.skipped());
            }
        }
        out().flush();
        return 0;
    }
}
