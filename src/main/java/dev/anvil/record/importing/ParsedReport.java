package dev.anvil.record.importing;

import dev.anvil.history.StoryResult;

import java.time.Instant;
import java.util.List;

/** What a report says about one run, before it is recorded. */
record ParsedReport(Instant startedAt, Instant completedAt, List<StoryResult> results) {
}
