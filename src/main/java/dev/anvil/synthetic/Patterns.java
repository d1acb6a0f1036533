package dev.anvil.synthetic;

/**
 * The realistic patterns a synthetic history may hold on top of a {@link GeneratorSpec}'s clean
 * mix (issue 12): each share is the probability that a (story, mode) series, a story, or a run
 * gets that pattern. Series draw their pattern independently per mode, so most changes happen in
 * one mode only. {@link #NONE} leaves the clean history exactly as before (same seed, same history).
 *
 * @param partialRegressionShare series that drop from stable by 0.25-0.6 (to 0.35-0.72): a partial
 *                               regression whose new level is flaky
 * @param partialFixShare        series that rise to stable from 0.35-0.72 (flaky to stable, partial fixes)
 * @param episodeShare           series that regress and are fixed later: half short episodes
 *                               (7-26 runs), half long (40-150); a third of them partial
 * @param streakyShare           stationary flaky series (pass rate 0.6-0.85) whose failures come in
 *                               streaks (a two-state Markov chain, mean failure streak 2-10 runs)
 * @param highFlakyShare         flaky series passing 0.85-0.95 of the time
 * @param addedShare             stories added mid-history (no results before)
 * @param removedShare           stories removed mid-history (no results after)
 * @param skippingRunShare       runs that leave out 10-30% of the stories
 * @param rerunShare             runs followed by a rerun of their failed stories only
 * @param outageShare            runs whose every result is an {@code error}
 * @param tailOutage             the last two runs of the first mode are whole outages
 * @param lateSlowdownShare      series that become 1.5-3 times slower 6-10 runs before the end
 * @param slowRunnerShare        runs on a slow runner: every duration 1.3-1.8 times longer, that run only
 */
public record Patterns(double partialRegressionShare, double partialFixShare, double episodeShare,
                       double streakyShare, double highFlakyShare, double addedShare, double removedShare,
                       double skippingRunShare, double rerunShare, double outageShare, boolean tailOutage,
                       double lateSlowdownShare, double slowRunnerShare) {

    /** No realistic pattern: the clean history of {@link GeneratorSpec} alone. */
    public static final Patterns NONE = new Patterns(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, 0, 0);

    /**
     * Every pattern of issue 12: 6% partial regressions, 5% partial fixes, 6% episodes, 6% streaky,
     * 4% flaky at 0.85-0.95; 4% of stories added and 4% removed; 5% of runs skip stories, 5% are
     * followed by a failed-only rerun, 1% are whole outages, and the first mode ends with two;
     * 3% late slowdowns; 3% of runs on a slow runner.
     */
    public static final Patterns REALISTIC = new Patterns(0.06, 0.05, 0.06, 0.06, 0.04, 0.04, 0.04,
            0.05, 0.05, 0.01, true, 0.03, 0.03);

    public Patterns {
        double series = partialRegressionShare + partialFixShare + episodeShare + streakyShare + highFlakyShare;
        if (series > 0.5 || partialRegressionShare < 0 || partialFixShare < 0 || episodeShare < 0 || streakyShare < 0
                || highFlakyShare < 0 || addedShare < 0 || removedShare < 0 || addedShare + removedShare > 0.5
                || skippingRunShare < 0 || rerunShare < 0 || outageShare < 0 || outageShare > 0.2
                || lateSlowdownShare < 0 || slowRunnerShare < 0 || slowRunnerShare > 0.2) {
            throw new IllegalArgumentException("pattern shares must be small and not negative");
        }
    }

    /** Share of series that draw one of the realistic series patterns instead of the clean mix. */
    double seriesShare() {
        return partialRegressionShare + partialFixShare + episodeShare + streakyShare + highFlakyShare;
    }

    public boolean any() {
        return !equals(NONE);
    }
}
