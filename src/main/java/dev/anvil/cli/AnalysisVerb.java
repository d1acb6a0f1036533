package dev.anvil.cli;

import dev.anvil.analysis.Analyses;
import dev.anvil.analysis.AnalysisFilter;
import dev.anvil.frame.Frames;
import dev.anvil.frame.TableFormat;
import dev.anvil.frame.TableWriter;
import dev.anvil.history.HistoryDatabase;
import picocli.CommandLine.Mixin;
import tech.tablesaw.api.Table;

import java.util.concurrent.Callable;

/**
 * Base of the {@code anvil analyze} verbs: reads the shared {@link AnalysisOptions}, opens the
 * history, asks {@link #answer} for a table and prints it in the chosen format. An empty answer is
 * an empty table ({@code []} in JSON), not an error.
 */
abstract class AnalysisVerb extends HistoryCommand implements Callable<Integer> {
    @Mixin
    AnalysisOptions options;

    /** The table this verb answers with. Throw {@link dev.anvil.AnvilException} for user errors. */
    abstract Table answer(Analyses analyses, AnalysisFilter filter);

    /** Printed above the table in the table format only (a title line), or null. */
    String heading(Analyses analyses, AnalysisFilter filter, Table answer) {
        return null;
    }

    @Override
    public Integer call() {
        AnalysisFilter filter = options.filter();
        Frames.warmUpInBackground(); // overlaps Tablesaw's class-path scan with opening the history
        try (HistoryDatabase db = openHistoryForReading()) {
            Analyses analyses = new Analyses(db);
            Table table = answer(analyses, filter);
            if (options.format() == TableFormat.TABLE) {
                String heading = heading(analyses, filter, table);
                if (heading != null) {
                    out().println(heading);
                }
            }
            print(table);
        }
        return 0;
    }

    void print(Table table) {
        TableWriter.write(table, options.format(), out());
    }
}
