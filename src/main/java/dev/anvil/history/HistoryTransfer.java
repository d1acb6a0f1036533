package dev.anvil.history;

import dev.anvil.AnvilException;
import dev.anvil.history.engine.Engine;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Copies runs from one history into another: {@code anvil push} (local file to the team's
 * PostgreSQL) and {@code anvil pull} (the other way); any two histories work.
 *
 * <p>A run is identified by its id. A run the target has completed is skipped; a run the target
 * has only in part (pushed while it was still being recorded, or cut off by a lost connection) is
 * completed: its missing results are added (each with its expectation results and Aura row) and
 * its run columns (status, totals, completion time) taken from the source. Runs are committed in groups of about {@value #RESULTS_PER_COMMIT}
 * results, so a transfer cut off half-way is simply repeated.
 *
 * <p>Into PostgreSQL, runs new to the target are sent with {@code COPY ... FROM STDIN}
 * ({@link CopyRows}) before each commit; completing a partial run, and every transfer into SQLite,
 * uses INSERTs and UPDATEs. The source is read on a thread of its own ({@link RunReader}) while
 * the target takes the runs before.
 *
 * <p>Into a PostgreSQL history with no runs at all, by a role that owns its tables, the whole
 * transfer is one transaction that drops the indexes and foreign keys first and creates them again
 * at the end ({@link BulkLoad}): a failure leaves the history empty, as it was.
 */
public final class HistoryTransfer {
    private static final int RESULTS_PER_COMMIT = 20_000;

    /** What a transfer did, in runs and results (story, expectation and Aura results). */
    public record Report(long runsAdded, long runsCompleted, long runsSkipped, long resultsAdded, long expectationsAdded,
                         long auraAdded) {
        /** Without Aura results (what a transfer of command modes reports). */
        public Report(long runsAdded, long runsCompleted, long runsSkipped, long resultsAdded, long expectationsAdded) {
            this(runsAdded, runsCompleted, runsSkipped, resultsAdded, expectationsAdded, 0);
        }

        Report added(StoredRun run) {
            return new Report(runsAdded + 1, runsCompleted, runsSkipped, resultsAdded + run.results().size(),
                    expectationsAdded + expectations(run.results()), auraAdded + aura(run.results()));
        }

        Report completed(List<StoredResult> results) {
            return new Report(runsAdded, runsCompleted + 1, runsSkipped, resultsAdded + results.size(),
                    expectationsAdded + expectations(results), auraAdded + aura(results));
        }

        Report skipped() {
            return new Report(runsAdded, runsCompleted, runsSkipped + 1, resultsAdded, expectationsAdded, auraAdded);
        }

        private static long expectations(List<StoredResult> results) {
            long n = 0;
            for (StoredResult r : results) {
                n += r.expectations().size();
            }
            return n;
        }

        private static long aura(List<StoredResult> results) {
            long n = 0;
            for (StoredResult r : results) {
                n += r.aura() == null ? 0 : 1;
            }
            return n;
        }
    }

    private final HistoryDatabase from;
    private final HistoryDatabase to;
    private final int resultsPerCommit;

    public HistoryTransfer(HistoryDatabase from, HistoryDatabase to) {
        this(from, to, RESULTS_PER_COMMIT);
    }

    /** With commits every {@code resultsPerCommit} results (tests use small groups). */
    public HistoryTransfer(HistoryDatabase from, HistoryDatabase to, int resultsPerCommit) {
        this.from = from;
        this.to = to;
        this.resultsPerCommit = Math.max(1, resultsPerCommit);
    }

    /** Copies every run that started at or after {@code since} (all runs when null). */
    public Report copy(Instant since) {
        String sinceText = since == null ? null : Timestamps.format(since);
        Map<String, Boolean> targetRuns = new HashMap<>(); // id -> completed
        to.jdbi().useHandle(h -> h.createQuery("SELECT Id, CompletedAt FROM TestRuns")
                .map((rs, ctx) -> targetRuns.put(rs.getString(1), rs.getString(2) != null))
                .list());
        try (RunReader runs = new RunReader(from, sinceText, id -> Boolean.TRUE.equals(targetRuns.get(id)),
                2 * resultsPerCommit)) {
            return to.jdbi().withHandle(target -> {
                target.begin();
                Optional<BulkLoad> bulk = Optional.empty();
                Report done;
                try {
                    if (to.engine() == Engine.POSTGRESQL && targetRuns.isEmpty()) {
                        bulk = BulkLoad.begin(target);
                    }
                    done = copy(runs, target, targetRuns, bulk.isEmpty());
                    if (bulk.isPresent()) {
                        bulk.get().finish(target);
                    }
                    target.commit();
                } catch (RuntimeException e) {
                    target.rollback();
                    if (bulk.isPresent()) {
                        throw new AnvilException("copying into the empty history " + to.display() + " failed and was rolled "
                                + "back (it holds no runs, its indexes and constraints as before): " + oneLine(e), 1, e);
                    }
                    throw e;
                }
                if (bulk.isPresent()) {
                    BulkLoad.analyze(target);
                }
                return done;
            });
        }
    }

    /**
     * Within the target's open transaction, committed and begun again every group of results
     * unless {@code commitGroups} is false (a bulk load is one transaction; the groups are still
     * sent one by one, so memory stays bounded).
     */
    private Report copy(RunReader runs, Handle target, Map<String, Boolean> targetRuns, boolean commitGroups) {
        Report report = new Report(0, 0, 0, 0, 0);
        // New runs go into PostgreSQL by COPY, sent before each commit; completing a partial
        // run (and any other target) takes INSERTs and UPDATEs.
        CopyRows copies = to.engine() == Engine.POSTGRESQL ? new CopyRows() : null;
        int pending = 0;
        for (StoredRun run = runs.next(); run != null; run = runs.next()) {
            Boolean completed = targetRuns.get(run.id());
            if (Boolean.TRUE.equals(completed)) {
                report = report.skipped();
                continue;
            }
            List<StoredResult> results = run.results();
            if (completed == null && copies != null) {
                copies.add(run);
                report = report.added(run);
            } else if (completed == null) {
                StoredRows.insert(target, run);
                report = report.added(run);
            } else {
                List<StoredResult> missing = missing(target, run.id(), results);
                StoredRows.insertResults(target, run.id(), missing);
                StoredRows.updateRun(target, run);
                if (missing.isEmpty() && run.completedAt() == null) {
                    report = report.skipped(); // nothing new since the last push
                } else {
                    report = report.completed(missing);
                }
            }
            pending += results.size() + 1;
            if (pending >= resultsPerCommit) {
                if (copies != null) {
                    copies.send(target);
                }
                if (commitGroups) {
                    target.commit();
                    target.begin();
                }
                pending = 0;
            }
        }
        if (copies != null) {
            copies.send(target);
        }
        return report;
    }

    /** The server's message with its detail and where-lines (which row) on one line. */
    private static String oneLine(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    private static List<StoredResult> missing(Handle target, String runId, List<StoredResult> results) {
        Set<String> present = new HashSet<>(target.createQuery("SELECT Id FROM StoryResults WHERE TestRunId = :run")
                .bind("run", runId).mapTo(String.class).list());
        List<StoredResult> out = new ArrayList<>();
        for (StoredResult r : results) {
            if (!present.contains(r.id())) {
                out.add(r);
            }
        }
        return out;
    }
}
