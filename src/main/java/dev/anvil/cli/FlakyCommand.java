package dev.anvil.cli;

import dev.anvil.analysis.Analyses;
import dev.anvil.analysis.AnalysisFilter;
import picocli.CommandLine.Command;
import tech.tablesaw.api.Table;

@Command(name = "flaky", mixinStandardHelpOptions = true,
        description = {"Stories that alternate between passing and failing without a sustained change, most flaky first.",
                "",
                "Only a series' current segment counts (after its last change point, less the 5 runs of the change "
                        + "itself), so a regression or a fix is not flakiness. The segment is flaky when it has at least 10 "
                        + "counted runs, the 95%% Wilson interval of its pass rate lies within [0.10, 0.95] (it fails more "
                        + "than a stable story's stray failures and passes more than a broken story) and its flip rate "
                        + "(pass/fail changes per run) is at least 0.1. The score, which ranks them, is the flip rate with "
                        + "exponentially decaying weights (half-life 20 runs), after Kowalczyk et al., 'Modeling and "
                        + "ranking flaky tests at Apple' (2020).",
                "",
                "Columns: storyId, mode, language, runs, passRate, passRateLow, passRateHigh, flipRate, score."})
final class FlakyCommand extends AnalysisVerb {
    @Override
    Table answer(Analyses analyses, AnalysisFilter filter) {
        return analyses.flaky(filter);
    }
}
