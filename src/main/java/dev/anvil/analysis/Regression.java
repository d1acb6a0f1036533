package dev.anvil.analysis;

import java.time.Instant;

/**
 * A series that went from passing to failing, with the evidence.
 *
 * @param storyId           the story
 * @param mode              its mode (null for a series per language)
 * @param language          its language
 * @param lastPassingRunId  the last run that passed before the change
 * @param firstFailingRunId the run where the change happened: the first failure of the failing segment
 * @param changedAt         when that run started
 * @param sutRevision       the revision of the system under test that run used
 * @param passRateBefore    pass rate of the segment before the change
 * @param passRateAfter     pass rate from the change on (to the end, or to the fix)
 * @param runsBefore        counted results in the segment before
 * @param runsAfter         counted results in the segment after
 * @param pValue            one-sided Fisher exact p-value of the split, Bonferroni-adjusted over the splits tried
 * @param status            open (still failing) or fixed (a later change back to passing)
 */
public record Regression(String storyId, String mode, String language, String lastPassingRunId,
                         String firstFailingRunId, Instant changedAt, String sutRevision, double passRateBefore,
                         double passRateAfter, int runsBefore, int runsAfter, double pValue, String status) {
}
