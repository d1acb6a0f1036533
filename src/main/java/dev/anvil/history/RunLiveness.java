package dev.anvil.history;

import java.time.Duration;
import java.time.Instant;

/**
 * Judges whether a run that says it is running really is. Its recorder writes a heartbeat every
 * few seconds ({@link #BEAT_EVERY}); a heartbeat older than {@link #STALE_AFTER} means the
 * recorder is gone (killed, crashed, its host lost), on any host. On the recorder's own host a
 * process that is gone is known at once, without waiting for the heartbeat to age. Runs without
 * a heartbeat (written before schema V4 or by another ADR-005 writer) fall back to the pid alone.
 */
public final class RunLiveness {
    /** How often a recorder writes its heartbeat. */
    public static final Duration BEAT_EVERY = Duration.ofSeconds(5);
    /** A heartbeat older than this is a dead recorder: twelve missed beats, not a slow disk. */
    public static final Duration STALE_AFTER = Duration.ofMinutes(1);

    private RunLiveness() {
    }

    static RunStatus judge(String stored, Instant startedAt, Instant completedAt, String host, Long pid,
                           Instant heartbeat, Instant now) {
        RunStatus status = RunStatus.fromDb(stored);
        if (status == null) {
            // Written by another ADR-005 implementation, which has no status column.
            return completedAt == null ? RunStatus.INCOMPLETE : RunStatus.COMPLETED;
        }
        if (status != RunStatus.RUNNING) {
            return status;
        }
        boolean local = host != null && pid != null && startedAt != null && host.equals(Hosts.localName());
        if (local && !recorderAlive(pid, startedAt)) {
            return RunStatus.INCOMPLETE;
        }
        if (heartbeat != null) {
            return heartbeat.isBefore(now.minus(STALE_AFTER)) ? RunStatus.INCOMPLETE : RunStatus.RUNNING;
        }
        if (host == null || pid == null || startedAt == null) {
            return RunStatus.INCOMPLETE;
        }
        // No heartbeat: a run of this host was judged by its pid above; other hosts are taken at their word.
        return RunStatus.RUNNING;
    }

    /** A live process that started after the run began is a reused pid, not the recorder. */
    private static boolean recorderAlive(long pid, Instant startedAt) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(p -> p.info().startInstant().map(s -> !s.isAfter(startedAt.plusSeconds(1))).orElse(true))
                .orElse(false);
    }
}
