package dev.anvil.history;

import java.time.Duration;
import java.time.Instant;

/**
 * A test run: the ADR-005 {@code TestRuns} row plus its lifecycle and provenance. {@code failed}
 * counts failed and error results, as ADR-005 does; {@code errors} says how many of them were errors.
 */
public record Run(
        String id,
        Instant startedAt,
        Instant completedAt,
        String mode,
        int totalStories,
        int passed,
        int failed,
        int skipped,
        int errors,
        RunStatus status,
        String label,
        String sutRevision,
        String host,
        Long pid,
        String anvilVersion) {

    public String shortId() {
        return Ids.shortId(id);
    }

    public Duration duration() {
        return completedAt == null || startedAt == null ? null : Duration.between(startedAt, completedAt);
    }

    /** Pass rate over the stories that ran (skipped ones do not count), or null when none ran. */
    public Double passRate() {
        int ran = passed + failed;
        return ran == 0 ? null : (double) passed / ran;
    }
}
