package dev.anvil.report;

import dev.anvil.analysis.FisherExact;
import dev.anvil.analysis.PassRate;
import dev.anvil.history.Run;

import java.util.List;

/**
 * Is a run's pass rate significantly below its mode's recent one? The run's passes against the
 * baseline runs' pooled passes, errors (infrastructure) and skips left out as the analyses do, with
 * a one-sided Fisher exact test. A drop counts only when it is both larger than {@code maxDrop}
 * and significant at {@link #ALPHA}: a few stray failures in a big suite are neither.
 *
 * @param run           the run's pass rate with its 95% Wilson interval
 * @param baseline      the baseline runs' pooled pass rate with its interval
 * @param baselineRuns  how many runs the baseline pools
 * @param drop          baseline rate minus run rate (negative when the run did better); NaN when either counted nothing
 * @param pValue        one-sided Fisher exact p-value of a drop; 1 when either counted nothing
 * @param maxDrop       the largest drop tolerated
 */
public record PassRateCheck(PassRate run, PassRate baseline, int baselineRuns, double drop, double pValue,
                            double maxDrop) {
    /** Significance level of the drop test: strict, because a false alarm fails somebody's build. */
    public static final double ALPHA = 0.01;

    public static PassRateCheck of(Run run, List<Run> baselineRuns, double maxDrop) {
        int basePassed = 0;
        int baseCounted = 0;
        for (Run r : baselineRuns) {
            basePassed += r.passed();
            baseCounted += counted(r);
        }
        PassRate now = PassRate.of(run.passed(), counted(run));
        PassRate before = PassRate.of(basePassed, baseCounted);
        if (now.rate() == null || before.rate() == null) {
            return new PassRateCheck(now, before, baselineRuns.size(), Double.NaN, 1.0, maxDrop);
        }
        double p = FisherExact.drop(basePassed, baseCounted, run.passed(), counted(run));
        return new PassRateCheck(now, before, baselineRuns.size(), before.rate() - now.rate(), Math.min(1.0, p), maxDrop);
    }

    /** Passed and failed results; ADR-005's Failed counts errors too, which are kept apart here. */
    static int counted(Run r) {
        return r.passed() + Math.max(0, r.failed() - r.errors());
    }

    /** Whether there is anything to compare. */
    public boolean comparable() {
        return !Double.isNaN(drop);
    }

    /** Lower by more than {@code maxDrop}, and significantly so. */
    public boolean significantDrop() {
        return comparable() && drop > maxDrop && pValue < ALPHA;
    }
}
