package dev.anvil.cli;

import dev.anvil.analysis.Analyses;
import dev.anvil.analysis.AnalysisFilter;
import dev.anvil.analysis.Durations;
import dev.anvil.frame.RecordTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

import java.util.List;

@Command(name = "durations", mixinStandardHelpOptions = true,
        description = {"Median and p90 duration of passed results per story and mode, and the stories that became "
                + "significantly slower: E-Divisive change points on log durations (as Apache Otava finds them), "
                + "each with a t-test and a minimum change, the latest of them a slowdown.",
                "Slower series come first with the run of the change, the medians before and after, their ratio and "
                        + "the p-value."})
final class DurationsCommand extends AnalysisVerb {
    @Option(names = "--slower", description = "Only the stories that became significantly slower.")
    boolean slowerOnly;

    @Option(names = "--min-change", paramLabel = "PERCENT", defaultValue = "20",
            description = "Smallest change of the median duration that counts. Default: ${DEFAULT-VALUE}%%.")
    double minChangePercent;

    @Option(names = "--min-runs", paramLabel = "N", defaultValue = "5",
            description = "Fewest passed results on either side of a change. Default: ${DEFAULT-VALUE}.")
    int minRuns;

    @Option(names = "--max-p", paramLabel = "P", defaultValue = "0.0001",
            description = "Significance level of the t-test at a change. Default: ${DEFAULT-VALUE}.")
    double maxPValue;

    @Override
    Table answer(Analyses analyses, AnalysisFilter filter) {
        if (minChangePercent < 0 || minRuns < 2 || maxPValue <= 0 || maxPValue > 1) {
            throw new dev.anvil.AnvilException("--min-change must be at least 0, --min-runs at least 2, --max-p in (0, 1]");
        }
        Durations durations = new Durations(analyses.jdbi(), Durations.Settings.DEFAULT.withMinChange(minChangePercent / 100)
                .withMinRuns(minRuns).withMaxPValue(maxPValue));
        List<Durations.Row> rows = slowerOnly ? durations.slower(filter) : durations.rows(filter);
        return RecordTable.of(slowerOnly ? "slower" : "durations", Durations.Row.class, rows);
    }
}
