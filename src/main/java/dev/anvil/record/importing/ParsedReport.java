package dev.anvil.record.importing;

import dev.anvil.history.StoryResult;

import java.time.Instant;
import java.util.List;

/**
 * What a report says about one run, before it is recorded.
 *
 * @param provenance where the run came from, when the report says (Anvil's own JUnit output); else null
 */
record ParsedReport(Instant startedAt, Instant completedAt, List<StoryResult> results, Provenance provenance) {
    ParsedReport(Instant startedAt, Instant completedAt, List<StoryResult> results) {
        this(startedAt, completedAt, results, null);
    }
}
