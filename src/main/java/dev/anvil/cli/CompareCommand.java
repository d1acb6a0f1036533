package dev.anvil.cli;

import dev.anvil.analysis.Analyses;
import dev.anvil.analysis.AnalysisFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"What changed between two runs, story by story: newly-failing, newly-passing, still-failing, "
                + "added, removed, and the largest duration changes (slower, faster: at least 20%%, ten at most).",
                "Runs are named by an id prefix, latest or latest~N. Without names: the latest run (of --mode, if "
                        + "given) against the run before it of the same mode; with one name: that run against the "
                        + "latest run (of --mode, if given). Failing means failed or error; the status columns say which."})
final class CompareCommand extends AnalysisVerb {
    @Parameters(index = "0", arity = "0..1", paramLabel = "A", description = "The earlier run.")
    String before;

    @Parameters(index = "1", arity = "0..1", paramLabel = "B", description = "The later run.")
    String after;

    @Override
    Table answer(Analyses analyses, AnalysisFilter filter) {
        return analyses.compare(before, after, filter);
    }

    @Override
    String heading(Analyses analyses, AnalysisFilter filter, Table answer) {
        return answer.name();
    }
}
