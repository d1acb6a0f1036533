package dev.anvil.analysis;

/**
 * When a change in a pass rate counts as real (see {@link ChangePoints}).
 *
 * @param minBefore runs a segment needs before a split (a sustained history, not one run)
 * @param minAfter  runs a segment needs after a split (a sustained change, not one failure)
 * @param alpha     significance level of a split after the Bonferroni correction over all the
 *                  splits tried in its segment
 * @param minEffect smallest difference of pass rates before and after that counts
 */
public record ChangePointSettings(int minBefore, int minAfter, double alpha, double minEffect) {

    /**
     * 8 runs before (a sustained history), 3 after, alpha 0.01 after the Bonferroni correction (so
     * about 0.01 / 700 per split of a year of history, less again in the episode scan), a change of
     * at least 0.25 in pass rate. Few runs after are allowed because the exact test and the
     * correction decide what is enough evidence: three failures after a long passing history can
     * be, one cannot.
     */
    public static final ChangePointSettings DEFAULT = new ChangePointSettings(8, 3, 0.01, 0.25);

    public ChangePointSettings {
        if (minBefore < 1 || minAfter < 1 || alpha <= 0 || alpha >= 1 || minEffect <= 0 || minEffect > 1) {
            throw new IllegalArgumentException("minBefore, minAfter >= 1; 0 < alpha < 1; 0 < minEffect <= 1");
        }
    }
}
