package dev.anvil.record;

import dev.anvil.history.Run;
import dev.anvil.history.RunChanges;
import dev.anvil.history.RunStatus;
import dev.anvil.history.StoryResult;
import dev.anvil.story.Story;

import java.util.List;
import java.util.Map;

/**
 * A recorded run: the run as stored (totals, status), its results in the order they finished,
 * the story of each result, and what changed against the previous run of the mode.
 */
public record RecordOutcome(Run run, List<StoryResult> results, Map<String, Story> storiesByResultId, RunChanges changes) {

    public boolean interrupted() {
        return run.status() == RunStatus.INTERRUPTED;
    }

    /** Exit code of {@code anvil record}: 0 all passed, 1 any failure or error, 130 interrupted. */
    public int exitCode() {
        if (interrupted()) {
            return 130;
        }
        return run.failed() > 0 ? 1 : 0;
    }
}
