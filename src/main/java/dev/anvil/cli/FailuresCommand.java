package dev.anvil.cli;

import dev.anvil.AnvilException;
import dev.anvil.analysis.Analyses;
import dev.anvil.analysis.AnalysisFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

@Command(name = "failures", mixinStandardHelpOptions = true,
        description = {"Failure messages of failed and error results grouped by signature: the message with "
                + "timestamps, UUIDs, quoted values, paths, hex ids and numbers replaced by placeholders.",
                "Most frequent first, with the stories affected (count and the first few), the modes, first and last "
                        + "seen, and the latest message as an example."})
final class FailuresCommand extends AnalysisVerb {
    @Option(names = "--top", paramLabel = "N", defaultValue = "0",
            description = "Only the N most frequent signatures (0: all). Default: ${DEFAULT-VALUE}.")
    int top;

    @Override
    Table answer(Analyses analyses, AnalysisFilter filter) {
        if (top < 0) {
            throw new AnvilException("--top must be 0 (all) or more, not " + top);
        }
        Table t = analyses.failures(filter);
        return top > 0 && t.rowCount() > top ? t.first(top) : t;
    }
}
