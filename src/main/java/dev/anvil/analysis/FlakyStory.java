package dev.anvil.analysis;

/**
 * A series that alternates between passing and failing without a sustained change, with the
 * evidence; all figures are over its current segment (after its last change point, if any).
 *
 * @param runs         counted results in the segment
 * @param passRate     passes / runs
 * @param passRateLow  lower bound of the 95% Wilson interval of the pass rate
 * @param passRateHigh upper bound of that interval
 * @param flipRate     pass/fail transitions / (runs - 1) (Kowalczyk et al. 2020)
 * @param score        the exponentially weighted flip rate: recent flips count more (half-life in
 *                     {@link FlakySettings#halfLife()} runs); the ranking key
 */
public record FlakyStory(String storyId, String mode, String language, int runs, double passRate,
                         double passRateLow, double passRateHigh, double flipRate, double score) {
}
