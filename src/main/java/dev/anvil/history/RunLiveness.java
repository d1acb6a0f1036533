package dev.anvil.history;

import java.time.Instant;

/**
 * Judges whether a run that says it is running really is. A recorder on this host whose process
 * is gone was killed or crashed: its run is incomplete. Runs of other hosts are taken at their word.
 */
final class RunLiveness {
    private RunLiveness() {
    }

    static RunStatus judge(String stored, Instant startedAt, Instant completedAt, String host, Long pid) {
        RunStatus status = RunStatus.fromDb(stored);
        if (status == null) {
            // Written by another ADR-005 implementation, which has no status column.
            return completedAt == null ? RunStatus.INCOMPLETE : RunStatus.COMPLETED;
        }
        if (status != RunStatus.RUNNING) {
            return status;
        }
        if (host == null || pid == null || startedAt == null) {
            return RunStatus.INCOMPLETE;
        }
        if (host.equals(Hosts.localName())) {
            // A live process that started after the run began is a reused pid, not the recorder.
            boolean alive = ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .map(p -> p.info().startInstant().map(s -> !s.isAfter(startedAt.plusSeconds(1))).orElse(true))
                    .orElse(false);
            return alive ? RunStatus.RUNNING : RunStatus.INCOMPLETE;
        }
        return RunStatus.RUNNING;
    }
}
