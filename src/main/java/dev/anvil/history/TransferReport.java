package dev.anvil.history;

/**
 * What an export wrote or an import added: runs, story results and expectation results, and
 * for an import the runs it skipped because the history already had them (same id).
 */
public record TransferReport(long runs, long results, long expectations, long skippedRuns) {
    static final TransferReport NONE = new TransferReport(0, 0, 0, 0);

    TransferReport plus(StoredRun run) {
        long e = 0;
        for (StoredResult r : run.results()) {
            e += r.expectations().size();
        }
        return new TransferReport(runs + 1, results + run.results().size(), expectations + e, skippedRuns);
    }

    TransferReport skipped() {
        return new TransferReport(runs, results, expectations, skippedRuns + 1);
    }
}
