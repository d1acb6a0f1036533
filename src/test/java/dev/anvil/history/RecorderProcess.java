package dev.anvil.history;

/**
 * A stand-in recorder for tests that need a second process: records one run of N results, each
 * committed in its own transaction, then finishes it. Arguments: database file, mode, N.
 */
public final class RecorderProcess {
    private RecorderProcess() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[2]);
        try (HistoryDatabase db = HistoryDatabase.open(java.nio.file.Path.of(args[0]))) {
            HistoryRepository repo = db.repository();
            Run run = repo.startRun(RunStart.now(args[1], "process", null));
            for (int i = 0; i < n; i++) {
                repo.appendResult(StoryResult.of(run.id(), "story-" + i, "java",
                        i % 4 == 0 ? ResultStatus.FAILED : ResultStatus.PASSED, i, null, Timestamps.now()));
            }
            repo.finishRun(run.id(), RunStatus.COMPLETED, Timestamps.now());
        }
    }
}
