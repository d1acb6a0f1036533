package dev.anvil.history;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The runs of a transfer, read from the source on a thread of their own while the caller writes
 * the ones before into the target: reading a year from SQLite and sending it to PostgreSQL each
 * take many seconds, and the two overlap instead of taking turns. At most about
 * {@code aheadResults} results are read ahead, so memory stays bounded whatever the history's size.
 */
final class RunReader implements AutoCloseable {
    private static final Object END = new Object();

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Semaphore ahead;
    private final int capacity;
    private final Thread thread;
    private volatile boolean closed;
    private int heldByLast;

    /**
     * Starts reading the runs started since {@code since} (all when null), oldest first; a run
     * that {@code skip} names comes without its results (the target has it whole).
     */
    RunReader(HistoryDatabase from, String since, Predicate<String> skip, int aheadResults) {
        this.capacity = Math.max(1, aheadResults);
        this.ahead = new Semaphore(capacity);
        this.thread = new Thread(() -> read(from, since, skip), "anvil-transfer-reader");
        thread.setDaemon(true);
        thread.start();
    }

    /** The next run, with its results unless skipped; null after the last. */
    StoredRun next() {
        ahead.release(heldByLast);
        heldByLast = 0;
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the runs to copy", e);
        }
        if (item == END) {
            queue.add(END);
            return null;
        }
        if (item instanceof RuntimeException e) {
            throw e;
        }
        StoredRun run = (StoredRun) item;
        heldByLast = weight(run);
        return run;
    }

    private void read(HistoryDatabase from, String since, Predicate<String> skip) {
        try {
            from.jdbi().useHandle(source -> {
                for (StoredRun run : StoredRows.runs(source, since)) {
                    if (closed) {
                        return;
                    }
                    StoredRun item = skip.test(run.id()) ? run : run.withResults(StoredRows.resultsOf(source, run.id()));
                    while (!ahead.tryAcquire(weight(item), 100, TimeUnit.MILLISECONDS)) {
                        if (closed) {
                            return;
                        }
                    }
                    queue.add(item);
                }
            });
            queue.add(END);
        } catch (RuntimeException e) {
            queue.add(e);
        } catch (Exception | Error e) {
            queue.add(new IllegalStateException("cannot read the runs to copy: " + e, e));
        }
    }

    /** Permits a run holds while queued: its results and itself, never more than all (a huge run still passes). */
    private int weight(StoredRun run) {
        return Math.min(capacity, run.results().size() + 1);
    }

    /** Stops the reading thread (when the copy ends early) and waits for it. */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
