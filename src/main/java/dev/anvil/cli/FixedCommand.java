package dev.anvil.cli;

import dev.anvil.analysis.Analyses;
import dev.anvil.analysis.AnalysisFilter;
import picocli.CommandLine.Command;
import tech.tablesaw.api.Table;

@Command(name = "fixed", mixinStandardHelpOptions = true,
        description = {"Stories that pass now after a sustained history of failing: the mirror of 'regressions', "
                + "most recent change first.",
                "",
                "Same change-point test (at least 8 counted runs before and 3 after, pass rates at least 0.25 apart, a "
                        + "Bonferroni-adjusted one-sided Fisher exact p-value at most 0.01 on counts corrected for streaks); "
                        + "the passing segment must run to the end.",
                "",
                "Columns: storyId, mode, language, lastFailingRunId, firstPassingRunId (the run where the change "
                        + "happened), changedAt, sutRevision, passRateBefore, passRateAfter, runsBefore, runsAfter, pValue."})
final class FixedCommand extends AnalysisVerb {
    @Override
    Table answer(Analyses analyses, AnalysisFilter filter) {
        return analyses.fixed(filter);
    }
}
