package dev.anvil.history;

/**
 * What an export wrote or an import added: runs, story results, expectation results and Aura
 * results, and for an import the runs it skipped because the history already had them (same id).
 */
public record TransferReport(long runs, long results, long expectations, long skippedRuns, long auraResults) {
    static final TransferReport NONE = new TransferReport(0, 0, 0, 0, 0);

    /** Without Aura results (a history of command modes). */
    public TransferReport(long runs, long results, long expectations, long skippedRuns) {
        this(runs, results, expectations, skippedRuns, 0);
    }

    TransferReport plus(StoredRun run) {
        long e = 0;
        long a = 0;
        for (StoredResult r : run.results()) {
            e += r.expectations().size();
            a += r.aura() == null ? 0 : 1;
        }
        return new TransferReport(runs + 1, results + run.results().size(), expectations + e, skippedRuns,
                auraResults + a);
    }

    TransferReport skipped() {
        return new TransferReport(runs, results, expectations, skippedRuns + 1, auraResults);
    }
}
