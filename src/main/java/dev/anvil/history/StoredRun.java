package dev.anvil.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * A {@code TestRuns} row exactly as stored (timestamps as their text, nulls as nulls) with its
 * results: the unit of export and import, so that a round trip between databases is lossless
 * even for rows another ADR-005 writer made.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"id", "startedAt", "completedAt", "mode", "totalStories", "passed", "failed", "skipped",
        "status", "errors", "label", "sutRevision", "host", "pid", "anvilVersion", "heartbeat", "results"})
public record StoredRun(
        String id,
        String startedAt,
        String completedAt,
        String mode,
        Integer totalStories,
        Integer passed,
        Integer failed,
        Integer skipped,
        String status,
        Integer errors,
        String label,
        String sutRevision,
        String host,
        Long pid,
        String anvilVersion,
        String heartbeat,
        List<StoredResult> results) {

    public StoredRun {
        results = results == null ? List.of() : List.copyOf(results);
    }

    /** A row without a heartbeat (schema V4): written before it, by another ADR-005 writer, or not yet beating. */
    public StoredRun(String id, String startedAt, String completedAt, String mode, Integer totalStories, Integer passed,
                     Integer failed, Integer skipped, String status, Integer errors, String label, String sutRevision,
                     String host, Long pid, String anvilVersion, List<StoredResult> results) {
        this(id, startedAt, completedAt, mode, totalStories, passed, failed, skipped, status, errors, label,
                sutRevision, host, pid, anvilVersion, null, results);
    }

    public StoredRun withResults(List<StoredResult> list) {
        return new StoredRun(id, startedAt, completedAt, mode, totalStories, passed, failed, skipped, status,
                errors, label, sutRevision, host, pid, anvilVersion, heartbeat, list);
    }

    public StoredRun withHeartbeat(String beat) {
        return new StoredRun(id, startedAt, completedAt, mode, totalStories, passed, failed, skipped, status,
                errors, label, sutRevision, host, pid, anvilVersion, beat, results);
    }

    /** Same run columns (results aside): CSV repeats them on every row of a run. */
    public boolean sameRunColumns(StoredRun other) {
        return withResults(List.of()).equals(other.withResults(List.of()));
    }

    /** What must not be null (the schema's NOT NULL columns), or null when the row is whole. */
    String missingField() {
        if (id == null || id.isBlank()) {
            return "id";
        }
        if (startedAt == null) {
            return "startedAt";
        }
        if (mode == null) {
            return "mode";
        }
        return null;
    }
}
