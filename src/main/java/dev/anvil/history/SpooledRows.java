package dev.anvil.history;

import java.util.ArrayList;
import java.util.List;

/**
 * A run and its results as the spool writes them: the stored-row form of the export, so a spool
 * file is an export file (JSON lines) that {@code anvil import} could read too.
 */
public final class SpooledRows {
    private SpooledRows() {
    }

    /** The run row as it is while recording (running, no totals), or as finished when {@code finished} is given. */
    public static StoredRun run(Run run, RunStatus finished, java.time.Instant completedAt, List<StoryResult> results) {
        List<StoredResult> stored = new ArrayList<>(results.size());
        for (StoryResult r : results) {
            stored.add(result(r));
        }
        return new StoredRun(run.id(), Timestamps.format(run.startedAt()), Timestamps.format(completedAt), run.mode(),
                null, null, null, null, (finished == null ? RunStatus.RUNNING : finished).dbValue(), null,
                run.label(), run.sutRevision(), run.host(), run.pid(), run.anvilVersion(), stored);
    }

    /** A result as its StoryResults row would hold it, with its AuraResults row when it has one. */
    public static StoredResult result(StoryResult r) {
        List<StoredExpectation> expectations = new ArrayList<>(r.expectations().size());
        for (ExpectationResult e : r.expectations()) {
            expectations.add(new StoredExpectation(e.position(), e.type(), e.description(), e.status().dbValue(), e.message()));
        }
        return new StoredResult(r.id(), r.storyId(), r.storyPath() == null ? r.storyId() : r.storyPath(),
                r.language() == null ? "unknown" : r.language(), r.status().dbValue(), r.durationMs(), r.errorMessage(),
                HistoryRepository.toJson(r.generatedFiles()), Timestamps.format(r.executedAt()), r.storyHash(),
                r.logPath(), r.worktreePath(), expectations, StoredAuraResult.of(r.aura()));
    }
}
