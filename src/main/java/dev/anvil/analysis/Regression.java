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
 * @param passRateBeforeLow  lower bound of the 95% Wilson interval of passRateBefore
 * @param passRateBeforeHigh upper bound of that interval
 * @param passRateAfterLow   lower bound of the 95% Wilson interval of passRateAfter (a partial
 *                           regression: the new level is above 0, and may be flaky)
 * @param passRateAfterHigh  upper bound of that interval
 */
public record Regression(String storyId, String mode, String language, String lastPassingRunId,
                         String firstFailingRunId, Instant changedAt, String sutRevision, double passRateBefore,
                         double passRateAfter, int runsBefore, int runsAfter, double pValue, String status,
                         double passRateBeforeLow, double passRateBeforeHigh, double passRateAfterLow,
                         double passRateAfterHigh) {

    /** A regression without its intervals (they are computed from the rates and run counts). */
    public Regression(String storyId, String mode, String language, String lastPassingRunId, String firstFailingRunId,
                      Instant changedAt, String sutRevision, double passRateBefore, double passRateAfter, int runsBefore,
                      int runsAfter, double pValue, String status) {
        this(storyId, mode, language, lastPassingRunId, firstFailingRunId, changedAt, sutRevision, passRateBefore,
                passRateAfter, runsBefore, runsAfter, pValue, status,
                PassRate.of((int) Math.round(passRateBefore * runsBefore), runsBefore).low(),
                PassRate.of((int) Math.round(passRateBefore * runsBefore), runsBefore).high(),
                PassRate.of((int) Math.round(passRateAfter * runsAfter), runsAfter).low(),
                PassRate.of((int) Math.round(passRateAfter * runsAfter), runsAfter).high());
    }
}
