package dev.anvil.record;

import dev.anvil.AnvilException;
import dev.anvil.history.HistoryRepository;
import dev.anvil.history.Run;
import dev.anvil.history.RunStart;
import dev.anvil.history.RunStatus;
import dev.anvil.history.SpoolFile;
import dev.anvil.history.SpooledRows;
import dev.anvil.history.StoryResult;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Writes one run's rows to the history, and to its spool when the history cannot take them. A
 * busy or locked history is retried for {@link Durability#retryFor()}; any other failure (disk
 * full, read-only, a foreign-key error, the run row deleted) or a lock that outlasts the retries
 * sends the row to the spool at once, and every later row of the run follows it there (so that
 * a run is never split between a history that stalls each write and the spool). Nothing a story
 * finished is dropped, and the run is finished in the spool when the history cannot finish it.
 */
final class DurableRun {
    private final HistoryRepository repo;
    private final Durability durability;
    private final SpoolFile spoolFile;
    private Run run;
    private String spooledBecause;
    private boolean spoolFailed;

    DurableRun(HistoryRepository repo, Durability durability, String runId) {
        this.repo = repo;
        this.durability = durability;
        this.spoolFile = durability.spool() == null ? null : durability.spool().openRun(runId);
    }

    /** Writes the run row; when the history cannot take it, the run is recorded into the spool from its start. */
    Run start(RunStart start) {
        try {
            boolean[] tried = {false};
            run = retrying(() -> {
                // sqlite-jdbc commits, then begins the next transaction: a busy BEGIN reports a commit that landed
                if (tried[0]) {
                    java.util.Optional<Run> landed = repo.findRun(start.id());
                    if (landed.isPresent()) {
                        return landed.get();
                    }
                }
                tried[0] = true;
                return repo.startRun(start);
            });
            return run;
        } catch (RuntimeException e) {
            if (spoolFile == null) {
                throw e;
            }
            run = new Run(start.id(), start.startedAt(), null, start.mode(), 0, 0, 0, 0, 0, RunStatus.RUNNING,
                    start.label(), start.sutRevision(), start.host(), start.pid(), start.anvilVersion());
            spool(List.of(), null, null, e);
            return run;
        }
    }

    /** Commits one result, or spools it. */
    void append(StoryResult result) {
        if (spooledBecause == null) {
            try {
                boolean[] tried = {false};
                retrying(() -> {
                    // a retry after a commit that landed but reported busy (see start) must not write it twice
                    if (!tried[0] || !repo.hasResult(result.id())) {
                        tried[0] = true;
                        repo.appendResult(result);
                    }
                    return null;
                });
                return;
            } catch (RuntimeException e) {
                if (spoolFile == null) {
                    throw e;
                }
                spool(List.of(result), null, null, e);
                return;
            }
        }
        spool(List.of(result), null, null, null);
    }

    /**
     * Finishes the run; returns it as stored, or, when the history could not take it, as the
     * recorder knows it (totals counted from {@code results}).
     */
    Run finish(RunStatus status, Instant completedAt, List<StoryResult> results) {
        if (spooledBecause == null) {
            try {
                return retrying(() -> repo.finishRun(run.id(), status, completedAt));
            } catch (RuntimeException e) {
                if (spoolFile == null) {
                    throw e;
                }
                spool(List.of(), status, completedAt, e);
            }
        } else {
            spool(List.of(), status, completedAt, null);
        }
        return asKnown(status, completedAt, results);
    }

    /** Where the spool is, when anything went there. */
    Path spoolPath() {
        return spoolFile == null ? null : spoolFile.path();
    }

    /** Every spool file of the run (a full folder hands over to the next). */
    List<Path> spoolPaths() {
        return spoolFile == null ? List.of() : spoolFile.paths();
    }

    boolean spooled() {
        return spooledBecause != null;
    }

    /** Lets a drain take the spool file (the recorder is done with it). */
    void release() {
        if (spoolFile != null) {
            spoolFile.close();
        }
    }

    private void spool(List<StoryResult> results, RunStatus finished, Instant completedAt, RuntimeException cause) {
        boolean first = spooledBecause == null;
        if (first) {
            spooledBecause = reason(cause);
        }
        try {
            Path file = spoolFile.append(SpooledRows.run(run, finished, completedAt, results));
            if (first) {
                durability.notices().accept("cannot write to the history (" + spooledBecause + "); the run goes on and its "
                        + "results are kept in the spool " + file);
            }
        } catch (AnvilException e) {
            if (!spoolFailed) {
                spoolFailed = true;
                durability.notices().accept("cannot write to the history (" + spooledBecause + ") nor to a spool: "
                        + e.getMessage() + "; results are only in this run's report");
            }
        }
    }

    /** The run as the recorder saw it, for the report when the history has not got it. */
    private Run asKnown(RunStatus status, Instant completedAt, List<StoryResult> results) {
        int passed = 0;
        int failed = 0;
        int errors = 0;
        int skipped = 0;
        for (StoryResult r : results) {
            switch (r.status()) {
                case PASSED: passed++; break;
                case FAILED: failed++; break;
                case ERROR: errors++; break;
                default: skipped++; break;
            }
        }
        return new Run(run.id(), run.startedAt(), completedAt, run.mode(), results.size(), passed, failed + errors,
                skipped, errors, status, run.label(), run.sutRevision(), run.host(), run.pid(), run.anvilVersion());
    }

    /**
     * Runs {@code write}, retrying while the history is busy or locked, for {@link Durability#retryFor()}
     * in all; a connection found broken is retried once at once, on a new connection (a server
     * restarted since the last write: it answers again, only the held connection is dead).
     */
    private <T> T retrying(Supplier<T> write) {
        long deadline = System.nanoTime() + durability.retryFor().toNanos();
        long pause = 50;
        boolean reconnected = false;
        while (true) {
            try {
                return write.get();
            } catch (RuntimeException e) {
                if (!reconnected && isBrokenConnection(e)) {
                    reconnected = true;
                    continue;
                }
                if (!isBusy(e) || System.nanoTime() + pause * 1_000_000 > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = Math.min(pause * 2, 1000);
            }
        }
    }

    /**
     * A failure that waiting can cure: SQLite's busy or locked database, or a PostgreSQL
     * serialization failure or deadlock (SQLSTATE class 40).
     */
    static boolean isBusy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException) {
                SQLException s = (SQLException) t;
                String state = s.getSQLState();
                if (state != null && state.startsWith("40")) {
                    return true;
                }
                String m = String.valueOf(s.getMessage()).toUpperCase(Locale.ROOT);
                if (m.contains("SQLITE_BUSY") || m.contains("SQLITE_LOCKED") || m.contains("DATABASE IS LOCKED")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A connection that broke: SQLSTATE class 08 (connection exception) or 57P01-57P03 (the server
     * shut down or restarting). A new connection may succeed where the held one cannot.
     */
    static boolean isBrokenConnection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException) {
                String state = ((SQLException) t).getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The cause in a few words: the driver's message, first line, without its error-code prefix. */
    static String reason(Throwable e) {
        if (e == null) {
            return "unknown";
        }
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        m = m.lines().findFirst().orElse(m).trim();
        return m.replaceFirst("^\\[SQLITE_[A-Z_]+\\]\\s*", "");
    }

}
