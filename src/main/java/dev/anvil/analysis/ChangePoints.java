package dev.anvil.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Change points of a pass/fail series by binary segmentation: in a segment, every split with
 * enough runs on both sides and a large enough difference of pass rates is scored by the binomial
 * log-likelihood ratio (two pass rates against one); the best split is kept when its one-sided
 * Fisher exact p-value, multiplied by the number of splits tried (Bonferroni), is at most alpha.
 * Then both halves are searched again. A segment without such a split is narrowed to its first and
 * last two thirds (a few levels, the Bonferroni factor doubling at each), so a regression that was
 * later fixed gives two changes although over the whole segment they cancel out.
 */
public final class ChangePoints {
    /** How many times a segment without a significant split is narrowed to its first and last two thirds. */
    static final int MAX_DEPTH = 3;

    /**
     * One change: the series' pass rate moved at outcome {@code index} (the first outcome of the
     * new segment).
     *
     * @param index      first outcome after the change
     * @param from       first outcome of the segment before
     * @param to         end (exclusive) of the segment after
     * @param rateBefore pass rate of the segment before
     * @param rateAfter  pass rate of the segment after
     * @param pValue     Bonferroni-adjusted one-sided Fisher exact p-value
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
        int[] prefix = series.prefixPasses();
        List<Integer> cuts = new ArrayList<>();
        split(prefix, 0, series.size(), settings, cuts);
        cuts.sort(null);
        List<Change> changes = new ArrayList<>(cuts.size());
        for (int i = 0; i < cuts.size(); i++) {
            int from = i == 0 ? 0 : cuts.get(i - 1);
            int at = cuts.get(i);
            int to = i == cuts.size() - 1 ? series.size() : cuts.get(i + 1);
            int a = prefix[at] - prefix[from];
            int b = prefix[to] - prefix[at];
            int n1 = at - from;
            int n2 = to - at;
            double before = (double) a / n1;
            double after = (double) b / n2;
            double p = after < before ? FisherExact.drop(a, n1, b, n2) : FisherExact.rise(a, n1, b, n2);
            changes.add(new Change(at, from, to, before, after, Math.min(1, p * candidates(from, to, settings))));
        }
        return changes;
    }

    private static int candidates(int from, int to, ChangePointSettings s) {
        return Math.max(1, (to - s.minAfter()) - (from + s.minBefore()) + 1);
    }

    private static void split(int[] prefix, int from, int to, ChangePointSettings s, List<Integer> cuts) {
        int at = find(prefix, from, to, s, 0);
        if (at < 0) {
            return;
        }
        cuts.add(at);
        split(prefix, from, at, s, cuts);
        split(prefix, at, to, s, cuts);
    }

    /**
     * The best significant split of {@code [from, to)}, or -1. When the whole segment has none,
     * its first and last two thirds are searched (down to {@link #MAX_DEPTH} levels), so a drop
     * that a later fix undid (or a rise undone by a drop) is found: over the whole segment the
     * two changes cancel out. Each level doubles the number of intervals tried, so the Bonferroni
     * factor doubles too.
     */
    private static int find(int[] prefix, int from, int to, ChangePointSettings s, int depth) {
        int at = bestSplit(prefix, from, to, s, 1 << depth);
        if (at >= 0 || depth >= MAX_DEPTH) {
            return at;
        }
        int part = (to - from) * 2 / 3;
        if (part < s.minBefore() + s.minAfter()) {
            return -1;
        }
        at = find(prefix, from, from + part, s, depth + 1);
        return at >= 0 ? at : find(prefix, to - part, to, s, depth + 1);
    }

    private static int bestSplit(int[] prefix, int from, int to, ChangePointSettings s, int intervals) {
        int first = from + s.minBefore();
        int last = to - s.minAfter();
        if (first > last) {
            return -1;
        }
        int total = prefix[to] - prefix[from];
        int n = to - from;
        double base = logLikelihood(total, n);
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
            double lr = logLikelihood(a, n1) + logLikelihood(b, n2) - base;
            if (lr > best) {
                best = lr;
                bestAt = k;
            }
        }
        if (bestAt < 0) {
            return -1;
        }
        int a = prefix[bestAt] - prefix[from];
        int b = prefix[to] - prefix[bestAt];
        int n1 = bestAt - from;
        int n2 = to - bestAt;
        boolean drop = (double) b / n2 < (double) a / n1;
        double p = drop ? FisherExact.drop(a, n1, b, n2) : FisherExact.rise(a, n1, b, n2);
        return p * (last - first + 1) * intervals <= s.alpha() ? bestAt : -1;
    }

    /** Log-likelihood of {@code k} passes in {@code n} runs at their own rate k/n. */
    private static double logLikelihood(int k, int n) {
        double ll = 0;
        if (k > 0) {
            ll += k * Math.log((double) k / n);
        }
        if (k < n) {
            ll += (n - k) * Math.log((double) (n - k) / n);
        }
        return ll;
    }
}
