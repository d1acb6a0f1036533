package dev.anvil.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Change points of a pass/fail series by binary segmentation: in a segment, every split with
 * enough runs on both sides and a large enough difference of pass rates is scored by the binomial
 * log-likelihood ratio (two pass rates against one); the best split is kept when its one-sided
 * Fisher exact p-value, multiplied by the number of splits tried (Bonferroni), is at most alpha.
 * Then both halves are searched again.
 *
 * <p><b>Autocorrelation.</b> Agent failures often come in streaks. The null model of a segment is
 * a two-state Markov chain fitted to it (its pass-to-fail and fail-to-pass transition rates), in
 * blocks of 40 runs whose median is taken (a real change is one long streak, which must not count
 * as evidence that the series is streaky: it spoils a block or two, not the median). Under that chain a mean of n
 * outcomes varies like n / f independent ones, f = (1 + rho) / (1 - rho) with rho = 1 - p(pass to
 * fail) - p(fail to pass) its lag-one autocorrelation; so the counts on both sides of a split are
 * divided by f before the test (its effective sample size). A stationary streaky series is then one
 * flaky series, not a chain of regressions and fixes; a series with independent outcomes has
 * f = 1 and the exact test as it was.
 *
 * <p><b>Episodes.</b> A segment without a significant split is searched for an episode: an
 * interval whose pass rate differs from the rest of the segment (see {@link #episode}), so a short
 * regression later fixed is found over the whole history although over the whole segment the drop
 * and the rise cancel out; the Bonferroni factor is then every interval tried.
 */
public final class ChangePoints {
    /** Pseudo-counts pulling the fitted transition rates towards independence (small samples). */
    private static final double PRIOR = 2;
    /** Upper bound of the fitted autocorrelation: f at most 19. */
    private static final double MAX_RHO = 0.9;

    /**
     * One change: the series' pass rate moved at outcome {@code index} (the first outcome of the
     * new segment).
     *
     * @param index      first outcome after the change
     * @param from       first outcome of the segment before
     * @param to         end (exclusive) of the segment after
     * @param rateBefore pass rate of the segment before
     * @param rateAfter  pass rate of the segment after
     * @param pValue     Bonferroni-adjusted one-sided Fisher exact p-value on the effective counts
     */
    public record Change(int index, int from, int to, double rateBefore, double rateAfter, double pValue) {
        public boolean drop() {
            return rateAfter < rateBefore;
        }

        public int runsBefore() {
            return index - from;
        }

        public int runsAfter() {
            return to - index;
        }
    }

    private ChangePoints() {
    }

    /** The changes of {@code series}, in time order, with segments between consecutive changes. */
    public static List<Change> of(OutcomeSeries series, ChangePointSettings settings) {
        int n = series.size();
        boolean[] passed = new boolean[n];
        for (int i = 0; i < n; i++) {
            passed[i] = series.passed(i);
        }
        int[] prefix = series.prefixPasses();
        List<Integer> cuts = new ArrayList<>();
        double[] xl = xLogXUpTo(n);
        split(passed, prefix, xl, 0, n, settings, cuts);
        cuts.sort(null);
        refine(prefix, xl, cuts, n, settings);
        List<Change> changes = new ArrayList<>(cuts.size());
        for (int i = 0; i < cuts.size(); i++) {
            int from = i == 0 ? 0 : cuts.get(i - 1);
            int at = cuts.get(i);
            int to = i == cuts.size() - 1 ? n : cuts.get(i + 1);
            double f = inflation(passed, prefix, from, to);
            int a = prefix[at] - prefix[from];
            int b = prefix[to] - prefix[at];
            double p = pValue(a, at - from, b, to - at, f);
            changes.add(new Change(at, from, to, (double) a / (at - from), (double) b / (to - at),
                    Math.min(1, p * candidates(from, to, settings))));
        }
        return changes;
    }

    /** Sweeps of {@link #refine} at most; each moves a cut only when the likelihood grows, so few are needed. */
    private static final int REFINE_SWEEPS = 10;

    /**
     * Re-places every cut at the best split of the stretch between its two neighbouring cuts, sweep
     * after sweep until none moves (coordinate ascent on the likelihood of the whole segmentation).
     * Binary segmentation places a cut while later cuts are not known yet: the first split of a
     * history with a partial regression and a later fix sees the fixed end in its "after" side, and a
     * stray failure a few runs before the drop then looks like the start of it (a cut 9 runs early
     * on a million-result history). Given its neighbours, the split of one stretch has only the two
     * levels the cut separates. A cut never comes closer to a neighbour than the minimum runs of
     * the settings (or than it already was), and moves only to a strictly better split whose
     * pass rates differ by at least minEffect.
     */
    private static void refine(int[] prefix, double[] xl, List<Integer> cuts, int n, ChangePointSettings s) {
        for (int sweep = 0; sweep < REFINE_SWEEPS; sweep++) {
            boolean moved = false;
            for (int c = 0; c < cuts.size(); c++) {
                int from = c == 0 ? 0 : cuts.get(c - 1);
                int to = c == cuts.size() - 1 ? n : cuts.get(c + 1);
                int at = cuts.get(c);
                int first = from + Math.min(s.minBefore(), at - from);
                int last = to - Math.min(s.minAfter(), to - at);
                int total = prefix[to] - prefix[from];
                double best = splitLr(prefix, xl, from, at, to, total) + 1e-9;
                int bestAt = at;
                for (int k = first; k <= last; k++) {
                    int a = prefix[k] - prefix[from];
                    int b = total - a;
                    if (k == at || Math.abs((double) a / (k - from) - (double) b / (to - k)) < s.minEffect()) {
                        continue;
                    }
                    double lr = splitLr(prefix, xl, from, k, to, total);
                    if (lr > best) {
                        best = lr;
                        bestAt = k;
                    }
                }
                if (bestAt != at) {
                    cuts.set(c, bestAt);
                    moved = true;
                }
            }
            if (!moved) {
                return;
            }
        }
    }

    private static double splitLr(int[] prefix, double[] xl, int from, int k, int to, int total) {
        int a = prefix[k] - prefix[from];
        return logLikelihood(xl, a, k - from) + logLikelihood(xl, total - a, to - k) - logLikelihood(xl, total, to - from);
    }

    private static int candidates(int from, int to, ChangePointSettings s) {
        return Math.max(1, (to - s.minAfter()) - (from + s.minBefore()) + 1);
    }

    private static void split(boolean[] passed, int[] prefix, double[] xl, int from, int to, ChangePointSettings s,
                              List<Integer> cuts) {
        int[] at = find(passed, prefix, xl, from, to, s);
        if (at.length == 0) {
            return;
        }
        int start = from;
        for (int cut : at) {
            cuts.add(cut);
            split(passed, prefix, xl, start, cut, s, cuts);
            start = cut;
        }
        split(passed, prefix, xl, start, to, s, cuts);
    }

    private static final int[] NONE = {};

    /**
     * The best significant split of {@code [from, to)}; else the best significant episode (an
     * interval whose pass rate differs from the rest of the segment: two cuts); else none.
     */
    private static int[] find(boolean[] passed, int[] prefix, double[] xl, int from, int to, ChangePointSettings s) {
        if (to - from < s.minBefore() + s.minAfter()) {
            return NONE;
        }
        double f = inflation(passed, prefix, from, to);
        double[] best = bestSplit(prefix, xl, from, to, s, f);
        if (best != null && best[1] * candidates(from, to, s) <= s.alpha()) {
            return new int[] {(int) best[0]};
        }
        return episode(prefix, xl, from, to, s, f);
    }

    /**
     * The epidemic alternative (Levin and Kline 1985): the pass rate is one level inside
     * {@code [i, j)} and another outside it, in the same segment. Intervals of lengths on a
     * geometric grid (3, 4, 5, ... growing by a sixth) at every start with at least minBefore runs
     * before and minAfter after are scored by their likelihood ratio; the best one's ends are then
     * refined to the exact maximum nearby. It counts when its Fisher exact p-value (inside against
     * outside, on effective counts), times the number of grid intervals tried, is at most alpha.
     */
    private static int[] episode(int[] prefix, double[] xl, int from, int to, ChangePointSettings s, double f) {
        int total = prefix[to] - prefix[from];
        int n = to - from;
        double base = logLikelihood(xl, total, n);
        double bestLr = 0;
        int bestI = -1;
        int bestJ = -1;
        long tried = 0;
        int firstStart = from + s.minBefore();
        int lastEnd = to - s.minAfter();
        for (int len = s.minAfter(); len <= lastEnd - firstStart; len = Math.max(len + 1, len * 7 / 6)) {
            // At one length the likelihood ratio depends only on the passes inside, and is convex in
            // them, zero in a band around the segment's own rate (less than minEffect apart): its
            // maximum over the intervals is at the fewest or the most passes inside. So the scan
            // finds those two (integer sums only) and scores just them, the first interval winning
            // ties as before.
            int fewest = Integer.MAX_VALUE;
            int most = -1;
            int fewestAt = -1;
            int mostAt = -1;
            for (int i = firstStart; i + len <= lastEnd; i++) {
                tried++;
                int inside = prefix[i + len] - prefix[i];
                if (inside < fewest) {
                    fewest = inside;
                    fewestAt = i;
                }
                if (inside > most) {
                    most = inside;
                    mostAt = i;
                }
            }
            if (fewestAt < 0) {
                continue;
            }
            double low = episodeLr(prefix, xl, fewestAt, fewestAt + len, total, n, base, s.minEffect());
            double high = episodeLr(prefix, xl, mostAt, mostAt + len, total, n, base, s.minEffect());
            int at = high > low || (high == low && mostAt < fewestAt) ? mostAt : fewestAt;
            double lr = Math.max(low, high);
            if (lr > bestLr) {
                bestLr = lr;
                bestI = at;
                bestJ = at + len;
            }
        }
        if (bestI < 0) {
            return NONE;
        }
        int reach = Math.max(2, (bestJ - bestI) / 5);
        int i0 = bestI;
        int j0 = bestJ;
        for (int i = Math.max(firstStart, i0 - reach); i <= i0 + reach; i++) {
            for (int j = Math.max(i + s.minAfter(), j0 - reach); j <= Math.min(lastEnd, j0 + reach); j++) {
                double lr = episodeLr(prefix, xl, i, j, total, n, base, s.minEffect());
                if (lr > bestLr) {
                    bestLr = lr;
                    bestI = i;
                    bestJ = j;
                }
            }
        }
        int a = prefix[bestJ] - prefix[bestI];
        int m = bestJ - bestI;
        double p = pValue(total - a, n - m, a, m, f);
        return p * tried <= s.alpha() ? new int[] {bestI, bestJ} : NONE;
    }

    private static double episodeLr(int[] prefix, double[] xl, int i, int j, int total, int n, double base,
                                    double minEffect) {
        int inside = prefix[j] - prefix[i];
        int m = j - i;
        int outside = total - inside;
        if (Math.abs((double) inside / m - (double) outside / (n - m)) < minEffect) {
            return 0;
        }
        return logLikelihood(xl, inside, m) + logLikelihood(xl, outside, n - m) - base;
    }

    /** {at, p} of the split of {@code [from, to)} with the largest likelihood ratio on effective counts, or null. */
    private static double[] bestSplit(int[] prefix, double[] xl, int from, int to, ChangePointSettings s, double f) {
        int first = from + s.minBefore();
        int last = to - s.minAfter();
        if (first > last) {
            return null;
        }
        int total = prefix[to] - prefix[from];
        int n = to - from;
        double base = logLikelihood(xl, total, n);
        double best = 0;
        int bestAt = -1;
        for (int k = first; k <= last; k++) {
            int a = prefix[k] - prefix[from];
            int b = prefix[to] - prefix[k];
            int n1 = k - from;
            int n2 = to - k;
            double effect = (double) a / n1 - (double) b / n2;
            if (Math.abs(effect) < s.minEffect()) {
                continue;
            }
            double lr = logLikelihood(xl, a, n1) + logLikelihood(xl, b, n2) - base;
            if (lr > best) {
                best = lr;
                bestAt = k;
            }
        }
        if (bestAt < 0) {
            return null;
        }
        int a = prefix[bestAt] - prefix[from];
        int b = prefix[to] - prefix[bestAt];
        return new double[] {bestAt, pValue(a, bestAt - from, b, to - bestAt, f)};
    }

    /**
     * One-sided Fisher exact p-value of the change from a/n1 to b/n2, on the counts divided by the
     * variance inflation {@code f} of the segment's Markov chain (rounded; exact when f = 1).
     */
    static double pValue(int a, int n1, int b, int n2, double f) {
        boolean drop = (double) b / n2 < (double) a / n1;
        if (f > 1) {
            int m1 = Math.max(1, (int) Math.round(n1 / f));
            int m2 = Math.max(1, (int) Math.round(n2 / f));
            a = Math.min(m1, (int) Math.round((double) a * m1 / n1));
            b = Math.min(m2, (int) Math.round((double) b * m2 / n2));
            n1 = m1;
            n2 = m2;
        }
        return drop ? FisherExact.drop(a, n1, b, n2) : FisherExact.rise(a, n1, b, n2);
    }

    /** Runs per block of the autocorrelation estimate. */
    static final int BLOCK = 40;
    /**
     * Most blocks of the autocorrelation estimate: a longer segment gets longer blocks. In a block
     * of 40 runs a streaky series (failure streaks of 10-20) shows one or two transitions, or none
     * when the block falls inside a streak, and the fit pulls it towards independence; over 830 runs
     * the median of twenty such blocks underestimated the streaks and false changes crept in (on a
     * million-result history: fixes precision 0.94 and later-fixed 0.81 with 40-run blocks, 0.99 and
     * 0.97 with at most 8 blocks, recall unchanged). Eight blocks keep a real change in one or two.
     */
    static final int MAX_BLOCKS = 8;

    /**
     * f = (1 + rho) / (1 - rho) of the two-state Markov chain fitted to {@code [from, to)}; 1 for
     * independent outcomes. rho is the median of the lag-one autocorrelations fitted to blocks of
     * {@link #BLOCK} runs (at most {@link #MAX_BLOCKS} blocks, longer ones in longer segments), so a real change (one long streak, in a block or two) does not pass for
     * streakiness, while a streaky series shows it in most blocks. A segment of fewer than three
     * blocks is fitted whole, without its longest failing and longest passing streak.
     */
    static double inflation(boolean[] passed, int[] prefix, int from, int to) {
        int n = to - from;
        if (n < 3) {
            return 1;
        }
        int blocks = Math.min(n / BLOCK, MAX_BLOCKS);
        double rho;
        if (blocks < 3) {
            rho = rho(passed, prefix, from, to, true);
        } else {
            double[] r = new double[blocks];
            for (int b = 0; b < blocks; b++) {
                int start = from + b * n / blocks;
                r[b] = rho(passed, prefix, start, from + (b + 1) * n / blocks, false);
            }
            java.util.Arrays.sort(r);
            rho = blocks % 2 == 1 ? r[blocks / 2] : (r[blocks / 2 - 1] + r[blocks / 2]) / 2;
        }
        rho = Math.min(MAX_RHO, Math.max(0, rho));
        return (1 + rho) / (1 - rho);
    }

    /** rho = 1 - p(pass to fail) - p(fail to pass) of {@code [from, to)}, the rates pulled towards independence. */
    private static double rho(boolean[] passed, int[] prefix, int from, int to, boolean withoutLongestStreaks) {
        long pp = 0;
        long ff = 0;
        long pf = 0;
        long fp = 0;
        int longestPass = 0;
        int longestFail = 0;
        int run = 1;
        for (int i = from + 1; i <= to; i++) {
            if (i < to && passed[i] == passed[i - 1]) {
                run++;
                continue;
            }
            boolean pass = passed[i - 1];
            if (pass) {
                pp += run - 1;
                longestPass = Math.max(longestPass, run);
            } else {
                ff += run - 1;
                longestFail = Math.max(longestFail, run);
            }
            if (i < to) {
                if (pass) {
                    pf++;
                } else {
                    fp++;
                }
            }
            run = 1;
        }
        if (withoutLongestStreaks) {
            pp -= Math.max(0, longestPass - 1);
            ff -= Math.max(0, longestFail - 1);
        }
        double rate = (double) (prefix[to] - prefix[from]) / (to - from);
        double passToFail = (pf + PRIOR * (1 - rate)) / (pp + pf + PRIOR);
        double failToPass = (fp + PRIOR * rate) / (ff + fp + PRIOR);
        return 1 - passToFail - failToPass;
    }

    /**
     * Log-likelihood of {@code k} passes in {@code n} runs at their own rate k/n:
     * k log(k/n) + (n-k) log((n-k)/n) = xlogx(k) + xlogx(n-k) - xlogx(n), three table lookups
     * instead of two logarithms (the scans evaluate it tens of thousands of times per series).
     */
    private static double logLikelihood(double[] xLogX, int k, int n) {
        return xLogX[k] + xLogX[n - k] - xLogX[n];
    }

    /** {@code m ln m} for m = 0, 1, 2, ...; grown (never shrunk) as longer series come, shared by every thread. */
    private static volatile double[] xLogX = new double[] {0};

    private static double[] xLogXUpTo(int n) {
        double[] t = xLogX;
        return n < t.length ? t : grow(n);
    }

    private static synchronized double[] grow(int n) {
        double[] t = xLogX;
        if (n < t.length) {
            return t;
        }
        double[] grown = Arrays.copyOf(t, Math.max(n + 1, t.length * 2));
        for (int m = t.length; m < grown.length; m++) {
            grown[m] = m * Math.log(m);
        }
        xLogX = grown;
        return grown;
    }
}
