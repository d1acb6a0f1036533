package dev.anvil.history;

import java.time.Instant;

/** What is known when a run begins; the row is written before the first story starts. */
public record RunStart(String id, Instant startedAt, String mode, String label, String sutRevision,
                       String host, Long pid, String anvilVersion) {

    /** A run of this process on this host, starting now. */
    public static RunStart now(String mode, String label, String sutRevision) {
        return new RunStart(Ids.newId(), Timestamps.now(), mode, label, sutRevision,
                Hosts.localName(), ProcessHandle.current().pid(), dev.anvil.Version.get());
    }
}
