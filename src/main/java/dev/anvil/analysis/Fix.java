package dev.anvil.analysis;

import java.time.Instant;

/**
 * A series that went from failing to passing (the mirror of a {@link Regression}), with the evidence.
 *
 * @param lastFailingRunId  the last run that failed before the change
 * @param firstPassingRunId the run where the change happened: the first pass of the passing segment
 * @param changedAt         when that run started
 * @param sutRevision       the revision of the system under test that run used
 * @param pValue            one-sided Fisher exact p-value of the split, Bonferroni-adjusted over the splits tried
 */
public record Fix(String storyId, String mode, String language, String lastFailingRunId, String firstPassingRunId,
                  Instant changedAt, String sutRevision, double passRateBefore, double passRateAfter, int runsBefore,
                  int runsAfter, double pValue) {
}
