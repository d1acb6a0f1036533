package dev.anvil.synthetic;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What a synthetic history looks like: how many stories run in which modes, how often, how noisy,
 * and which share of the (story, mode) series are flaky, regress, get fixed, are broken or become
 * slower. The same spec and seed always give the same outcomes, durations, messages and ids.
 *
 * @param seed           seed of every random draw
 * @param stories        stories; each runs in every mode
 * @param modes          modes, each with its own runs
 * @param runsPerMode    runs per mode
 * @param start          start of the first run of the first mode
 * @param interval       time between two runs of one mode
 * @param noise          failure probability of a stable story (stray failures), e.g. 0.01 to 0.03
 * @param errorRate      probability of an infrastructure {@code error} result, whatever the story
 * @param skipRate       probability of a {@code skipped} result
 * @param flakyShare     share of series whose pass probability is between 0.3 and 0.8
 * @param regressedShare share of series that drop from passing to failing at a known run
 * @param fixedShare     share of series that rise from failing to passing at a known run
 * @param brokenShare    share of series that (almost) always fail
 * @param slowerShare    share of series whose durations grow by a factor of 1.6 to 3 at a known run
 * @param lateShare      share of the regressions and fixes whose change comes only five runs before the end
 * @param languages      languages the stories are written for, assigned in turn
 */
public record GeneratorSpec(long seed, int stories, List<String> modes, int runsPerMode, Instant start,
                            Duration interval, double noise, double errorRate, double skipRate,
                            double flakyShare, double regressedShare, double fixedShare, double brokenShare,
                            double slowerShare, double lateShare, List<String> languages) {

    public static final List<String> MODES = List.of("copilot-cli", "aura-agents", "story-ui");
    public static final List<String> LANGUAGES = List.of("csharp", "python", "typescript", "java", "go", "rust");

    public GeneratorSpec {
        if (stories < 1 || runsPerMode < 1 || modes.isEmpty() || languages.isEmpty()) {
            throw new IllegalArgumentException("a history needs at least one story, run, mode and language");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the interval between runs must be positive");
        }
        double shares = flakyShare + regressedShare + fixedShare + brokenShare;
        if (shares > 1 || noise < 0 || noise > 0.5 || errorRate < 0 || skipRate < 0 || errorRate + skipRate > 0.5) {
            throw new IllegalArgumentException("shares must add up to at most 1, noise and error rates be small");
        }
        modes = List.copyOf(modes);
        languages = List.copyOf(languages);
    }

    /**
     * A year of history: 400 stories in 3 modes, 2 runs a day for 365 days (about 876,000
     * results), ending just before now so that "the last 7 days" has data.
     */
    public static GeneratorSpec year() {
        return year(42);
    }

    public static GeneratorSpec year(long seed) {
        return of(seed, 400, MODES, 730, Duration.ofHours(12));
    }

    /** A few thousand results for unit tests: 30 stories, 3 modes, 40 runs each. */
    public static GeneratorSpec small(long seed) {
        return of(seed, 30, MODES, 40, Duration.ofHours(12));
    }

    /**
     * The default mix for {@code stories} stories and {@code runsPerMode} runs per mode, ending
     * before now: 2% noise, 2% errors, 0.5% skips; 10% flaky, 8% regressed, 6% fixed, 5% broken,
     * 5% slower; a fifth of the changes come only five runs before the end.
     */
    public static GeneratorSpec of(long seed, int stories, List<String> modes, int runsPerMode, Duration interval) {
        return new GeneratorSpec(seed, stories, modes, runsPerMode, startEndingNow(runsPerMode, interval), interval,
                0.02, 0.02, 0.005, 0.10, 0.08, 0.06, 0.05, 0.05, 0.2, LANGUAGES);
    }

    /**
     * The first run's start such that the last run of every mode has finished before the start of
     * the current hour (and began less than one interval before it).
     */
    public static Instant startEndingNow(int runsPerMode, Duration interval) {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        return hour.minus(interval.multipliedBy(runsPerMode));
    }

    public GeneratorSpec withSeed(long s) {
        return new GeneratorSpec(s, stories, modes, runsPerMode, start, interval, noise, errorRate, skipRate,
                flakyShare, regressedShare, fixedShare, brokenShare, slowerShare, lateShare, languages);
    }

    public GeneratorSpec withNoise(double n) {
        return new GeneratorSpec(seed, stories, modes, runsPerMode, start, interval, n, errorRate, skipRate,
                flakyShare, regressedShare, fixedShare, brokenShare, slowerShare, lateShare, languages);
    }

    public GeneratorSpec withErrorRate(double e) {
        return new GeneratorSpec(seed, stories, modes, runsPerMode, start, interval, noise, e, skipRate,
                flakyShare, regressedShare, fixedShare, brokenShare, slowerShare, lateShare, languages);
    }

    public GeneratorSpec withStart(Instant s) {
        return new GeneratorSpec(seed, stories, modes, runsPerMode, s, interval, noise, errorRate, skipRate,
                flakyShare, regressedShare, fixedShare, brokenShare, slowerShare, lateShare, languages);
    }

    public GeneratorSpec withLateShare(double l) {
        return new GeneratorSpec(seed, stories, modes, runsPerMode, start, interval, noise, errorRate, skipRate,
                flakyShare, regressedShare, fixedShare, brokenShare, slowerShare, l, languages);
    }

    public long expectedResults() {
        return (long) stories * modes.size() * runsPerMode;
    }
}
