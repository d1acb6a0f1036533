package dev.anvil.cli;

import dev.anvil.analysis.Analyses;
import dev.anvil.analysis.AnalysisFilter;
import dev.anvil.analysis.Every;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

@Command(name = "trend", mixinStandardHelpOptions = true,
        description = {"Pass rate per day, week or run and mode (and language with --by-language), with a 95%% "
                + "Wilson interval and the counts behind it: runs, results, passed, failed, errors.",
                "A run belongs to the period it started in (UTC; weeks are ISO weeks from Monday)."})
final class TrendCommand extends AnalysisVerb {
    @Option(names = "--every", paramLabel = "PERIOD", defaultValue = "week",
            description = "day, week or run. Default: ${DEFAULT-VALUE}.")
    String every;

    @Override
    Table answer(Analyses analyses, AnalysisFilter filter) {
        return analyses.trend(filter, Every.parse(every));
    }
}
