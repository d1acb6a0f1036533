package dev.anvil.cli;

import dev.anvil.AnvilException;
import dev.anvil.analysis.Analyses;
import dev.anvil.analysis.AnalysisFilter;
import dev.anvil.analysis.StoryTimeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;

@Command(name = "story", mixinStandardHelpOptions = true,
        description = {"One story's history across modes: per mode the counts, the pass rate with its 95%% Wilson "
                + "interval, and a timeline of the latest outcomes, oldest to newest: ✓ passed, ✗ failed, ! error, "
                + "- skipped (… when older ones are left out).",
                "An unknown story is an error (exit 2); a known story outside the filters is an empty table."})
final class StoryCommand extends AnalysisVerb {
    @Parameters(index = "0", paramLabel = "STORY", description = "The story id.")
    String storyId;

    @Option(names = "--last", paramLabel = "N", defaultValue = "" + StoryTimeline.DEFAULT_LAST,
            description = "Outcomes drawn per mode (0: all). Default: ${DEFAULT-VALUE}.")
    int last;

    @Override
    Table answer(Analyses analyses, AnalysisFilter filter) {
        if (last < 0) {
            throw new AnvilException("--last must be 0 (all) or more, not " + last);
        }
        return new StoryTimeline(analyses.jdbi()).table(storyId, filter, last);
    }
}
