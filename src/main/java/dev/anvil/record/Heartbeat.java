package dev.anvil.record;

import dev.anvil.history.HistoryRepository;
import dev.anvil.history.Timestamps;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes a run's heartbeat every few seconds from a daemon thread, so that any reader on any host
 * can tell a run being recorded from one whose recorder is gone. A beat that fails (the history
 * busy, full, away) is simply missed: the next one tries again; results do not depend on it.
 */
public final class Heartbeat implements AutoCloseable {
    private final ScheduledExecutorService timer;

    private Heartbeat(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Starts beating for {@code runId} through {@code repo}, the first beat after {@code every}. */
    public static Heartbeat start(HistoryRepository repo, String runId, Duration every) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "anvil-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long ms = every.toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                repo.beat(runId, Timestamps.now());
            } catch (RuntimeException e) {
                // missed: the next beat tries again
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
        return new Heartbeat(timer);
    }

    /** Stops beating; a beat in flight finishes. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
