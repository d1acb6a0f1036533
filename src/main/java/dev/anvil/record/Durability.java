package dev.anvil.record;

import dev.anvil.history.HistoryRepository;
import dev.anvil.history.RunLiveness;
import dev.anvil.history.Spool;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * How a recorder keeps what it finished when the history falters: where the spool is, how long
 * a busy history is retried before its rows go there, and where the heartbeat is written (its
 * own connection, so a beat never waits behind a result on the recording connection).
 *
 * @param spool        where rows go that the history cannot take; null: a write failure stops the run
 * @param heartbeats   the repository the heartbeat writes through; null: no heartbeat
 * @param retryFor     how long a busy or locked history is retried (beyond its busy timeout) before spooling
 * @param beatEvery    how often the heartbeat is written
 * @param notices      where the one-line notices go (the result is spooled, where the spool is)
 */
public record Durability(Spool spool, HistoryRepository heartbeats, Duration retryFor, Duration beatEvery,
                         Consumer<String> notices) {
    /** Two busy timeouts and more: a lock held for a minute is waited out, one held for minutes is not. */
    public static final Duration DEFAULT_RETRY = Duration.ofMinutes(2);

    public static Durability of(Spool spool, HistoryRepository heartbeats, Consumer<String> notices) {
        return new Durability(spool, heartbeats, DEFAULT_RETRY, RunLiveness.BEAT_EVERY, notices);
    }

    /**
     * What a bare recorder does: retries, no spool, no heartbeat (its repository may sit on the
     * one recording connection, which a beat from another thread must not share mid-transaction).
     */
    static Durability none() {
        return new Durability(null, null, DEFAULT_RETRY, RunLiveness.BEAT_EVERY, s -> { });
    }

    public Durability withRetryFor(Duration d) {
        return new Durability(spool, heartbeats, d, beatEvery, notices);
    }

    public Durability withBeatEvery(Duration d) {
        return new Durability(spool, heartbeats, retryFor, d, notices);
    }
}
