package dev.anvil.analysis;

/**
 * When a series counts as flaky (see {@link FlakyStories}).
 *
 * @param minRuns     counted results the current segment needs
 * @param minPassRate the 95% Wilson interval of the pass rate must lie above this (not simply broken)
 * @param maxPassRate ... and below this (not a stable story with stray failures); the history's own
 *                    stable level when that is lower (see {@link FlakyStories})
 * @param minFlipRate flips per transition it needs (alternation, not one block of failures; streaky
 *                    series flip less often than independent ones)
 * @param halfLife    runs after which a flip weighs half as much in the score
 */
public record FlakySettings(int minRuns, double minPassRate, double maxPassRate, double minFlipRate, double halfLife) {

    /**
     * At least 10 runs, interval within [0.10, 0.98] and below the history's stable level, flip
     * rate at least 0.02 (a streaky series with failure streaks of 10 and pass streaks of 30 flips
     * 0.05 of the time), half-life 20 runs.
     */
    public static final FlakySettings DEFAULT = new FlakySettings(10, 0.10, 0.98, 0.02, 20);
}
