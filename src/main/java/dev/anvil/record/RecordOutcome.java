package dev.anvil.record;

import dev.anvil.history.Run;
import dev.anvil.history.RunChanges;
import dev.anvil.history.RunStatus;
import dev.anvil.history.StoryResult;
import dev.anvil.story.Story;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A recorded run: the run as stored (totals, status), its results in the order they finished,
 * the story of each result, and what changed against the previous run of the mode.
 *
 * @param waitingInSpool the spool file the run's results wait in when the history could not take
 *                       them by the end of the run (the next command imports it); null when every
 *                       result is in the history. Then {@code changes} is not known.
 */
public record RecordOutcome(Run run, List<StoryResult> results, Map<String, Story> storiesByResultId, RunChanges changes,
                            Path waitingInSpool) {

    /** A run whose every result is in the history. */
    public RecordOutcome(Run run, List<StoryResult> results, Map<String, Story> storiesByResultId, RunChanges changes) {
        this(run, results, storiesByResultId, changes, null);
    }

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
