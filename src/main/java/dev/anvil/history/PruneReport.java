package dev.anvil.history;

import java.time.Instant;

/** What a prune removed (or, on a dry run, would remove). */
public record PruneReport(Instant cutoff, int runs, int results, int expectations, boolean dryRun) {
}
