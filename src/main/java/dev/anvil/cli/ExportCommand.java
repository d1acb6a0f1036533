package dev.anvil.cli;

import dev.anvil.AnvilException;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.HistoryExport;
import dev.anvil.history.RunDetail;
import dev.anvil.history.TransferReport;
import dev.anvil.record.report.JUnitReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Write the whole history to a file (json, jsonl or csv), losslessly; or one run as JUnit XML.",
        description = {"Write the whole history (runs, story results, expectation results, Aura results; every "
                + "column as stored) to a file or standard output, for 'anvil import' on another database.",
                "",
                "json is one document {anvilExport, schemaVersion, runs: [...]} with results nested in runs, "
                        + "expectations and the Aura row (aura) in results; jsonl is a header line then one run per line; csv is one row per "
                        + "story result with its run's columns repeated (a run without results gets one row with "
                        + "empty result columns), expectations as a JSON array, Aura's columns (auraStatus, "
                        + "auraToolRatio, ...) last, and null told from empty text (an empty field is null, \"\" is "
                        + "empty text).",
                "",
                "junit writes one run (RUN: latest, latest~N or an id prefix; default latest) as JUnit XML for CI "
                        + "test reporters: one testcase per story, classname = the mode, failures with the "
                        + "expectations' messages, errors for infrastructure, skipped. 'anvil import' of that file "
                        + "gives back the run."},
        footerHeading = "%nExamples:%n",
        footer = {"  anvil export --format jsonl --output history.jsonl",
                "  anvil export --format junit latest --output anvil-junit.xml",
                "  anvil --db laptop.db export --format csv > laptop.csv", "",
                "Exit codes: 0 exported, 2 unwritable output or unusable database."})
final class ExportCommand extends HistoryCommand implements Callable<Integer> {

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "jsonl",
            description = "json, jsonl (default), csv, or junit (one run).")
    FileFormat format;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN",
            description = "With --format junit: the run to write (default: latest).")
    String run;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write here (replaced only once the export is complete) instead of standard output.")
    Path output;

    @Override
    public Integer call() {
        if (format == FileFormat.JUNIT) {
            return exportJUnit();
        }
        if (run != null) {
            throw new AnvilException("export writes the whole history; a run (" + run + ") is exported alone only with --format junit");
        }
        try (HistoryDatabase db = openHistoryForReading()) {
            HistoryExport export = new HistoryExport(db);
            if (output == null) {
                export.write(format.export(), out());
                out().flush();
            } else {
                TransferReport r = export.write(format.export(), output);
                err().printf("exported %d run(s), %d story result(s), %d expectation result(s) to %s%s%n",
                        r.runs(), r.results(), r.expectations(), output.toAbsolutePath().normalize(),
                        auraSuffix(r.auraResults(), "exported"));
                err().flush();
            }
        }
        return 0;
    }

    private int exportJUnit() {
        try (HistoryDatabase db = openHistory()) {
            RunDetail detail = db.repository().loadRun(run == null ? "latest" : run);
            if (output == null) {
                out().print(JUnitReport.xml(detail.run(), detail.results()));
                out().flush();
            } else {
                JUnitReport.write(output, detail.run(), detail.results());
                err().printf("exported run %s (%d story result(s)) as JUnit XML to %s%n", detail.run().shortId(),
                        detail.results().size(), output.toAbsolutePath().normalize());
                err().flush();
            }
        }
        return 0;
    }
}
