package dev.anvil.cli;

import dev.anvil.analysis.Analyses;
import dev.anvil.analysis.AnalysisFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

@Command(name = "regressions", mixinStandardHelpOptions = true,
        description = {"Stories that fail now after a sustained history of passing, per story and mode (per story and "
                + "language with --by-language), most recent change first.",
                "",
                "A regression is a change point in the story's outcome series: the split that best separates a passing "
                        + "segment from a failing one (binomial likelihood ratio), with at least 8 counted runs before and 3 "
                        + "after, pass rates at least 0.25 apart, and a one-sided Fisher exact p-value of at most 0.01 after "
                        + "a Bonferroni correction over the splits tried, on counts divided by the variance inflation of "
                        + "the series' own streaks (a streaky flaky story is flaky, not a chain of regressions). One failing "
                        + "run is noise, not a regression. --all also finds episodes later fixed anywhere in the history.",
                "",
                "Columns: storyId, mode, language, lastPassingRunId, firstFailingRunId (the run where the change "
                        + "happened), changedAt and sutRevision (of that run), passRateBefore, passRateAfter, runsBefore, "
                        + "runsAfter, pValue (the evidence); with --all also status (open or fixed)."})
final class RegressionsCommand extends AnalysisVerb {
    @Option(names = "--all", description = "Also list regressions that were fixed since (status column: open or fixed).")
    boolean all;

    @Override
    Table answer(Analyses analyses, AnalysisFilter filter) {
        return analyses.regressions(filter, all);
    }
}
