package dev.anvil.analysis;

import org.apache.commons.math3.stat.inference.TTest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Change points of a univariate series by E-Divisive (Matteson and James, 2014) as Apache Otava
 * (formerly Hunter, Fleming et al., ICPE 2023) uses it: the split of a segment is where the
 * energy statistic Q (alpha = 1) is largest, and a split is kept when a t-test between the
 * two sides is significant (Hunter's deterministic replacement for the permutation test) and
 * the change is material (the medians of the two sides differ by at least {@code minShift}, in
 * the spirit of Otava's {@code --min-magnitude}; on log values, log(1.2) means 20%). Segments are split again, largest Q first, until no split passes.
 *
 * <p>Q for every split point of a segment of n values is computed in O(n log n): the within-side
 * sums of absolute differences grow by one point at a time, each step a Fenwick-tree query over
 * the ranks of the values.
 */
public final class EDivisive {
    private static final PooledTTest T_TEST = new PooledTTest();

    /** Commons Math's t-test, with its test on summary statistics (protected there) callable. */
    private static final class PooledTTest extends TTest {
        double pValue(double m1, double v1, int n1, double m2, double v2, int n2) {
            return homoscedasticTTest(m1, m2, v1, v2, n1, n2);
        }
    }

    /**
     * @param index     first index of the new behaviour
     * @param pValue    t-test between the segments on either side
     * @param medianBefore median of the segment before
     * @param medianAfter  median of the segment after
     */
    public record ChangePoint(int index, double q, double pValue, double medianBefore, double medianAfter) {
    }

    /**
     * @param minSize      fewest values on either side of a change (a change needs a sustained shift)
     * @param maxPValue    significance level of the t-test
     * @param minShift     smallest difference of the medians of the two sides that counts
     * @param maxChanges   most change points to find
     * @return change points in index order, each with its neighbouring segments' statistics
     */
    public static List<ChangePoint> detect(double[] x, int minSize, double maxPValue, double minShift, int maxChanges) {
        int m = Math.max(2, minSize);
        // ranks over the whole series, once: every segment's energy orders its values by them
        int[] rank = ranks(x, 0, x.length);
        // open segments, each with its best split computed once: {from, to, tau}, Q apart
        List<int[]> open = new ArrayList<>();
        List<Double> openQ = new ArrayList<>();
        offer(x, rank, 0, x.length, m, open, openQ);
        List<Integer> cuts = new ArrayList<>();
        while (cuts.size() < maxChanges && !open.isEmpty()) {
            int best = 0;
            for (int s = 1; s < open.size(); s++) {
                if (openQ.get(s) > openQ.get(best)) {
                    best = s;
                }
            }
            int[] seg = open.remove(best);
            openQ.remove(best);
            // a segment whose best split fails is final: it is not offered again
            if (passes(x, seg[0], seg[2], seg[1], maxPValue, minShift)) {
                cuts.add(seg[2]);
                offer(x, rank, seg[0], seg[2], m, open, openQ);
                offer(x, rank, seg[2], seg[1], m, open, openQ);
            }
        }
        cuts.sort(null);
        List<ChangePoint> out = new ArrayList<>(cuts.size());
        for (int i = 0; i < cuts.size(); i++) {
            int from = i == 0 ? 0 : cuts.get(i - 1);
            int tau = cuts.get(i);
            int to = i == cuts.size() - 1 ? x.length : cuts.get(i + 1);
            double[] q = energy(x, rank, x.length, from, to, 1);
            out.add(new ChangePoint(tau, q[tau - from], pValue(x, from, tau, to), median(x, from, tau), median(x, tau, to)));
        }
        return out;
    }

    private static void offer(double[] x, int[] rank, int from, int to, int m, List<int[]> open, List<Double> openQ) {
        if (to - from < 2 * m) {
            return;
        }
        double[] q = energy(x, rank, x.length, from, to, m);
        int bestTau = -1;
        double bestQ = Double.NEGATIVE_INFINITY;
        for (int tau = m; tau <= to - from - m; tau++) {
            if (q[tau] > bestQ) {
                bestQ = q[tau];
                bestTau = tau;
            }
        }
        if (bestTau > 0) {
            open.add(new int[] {from, to, from + bestTau});
            openQ.add(bestQ);
        }
    }

    private static boolean passes(double[] x, int from, int tau, int to, double maxPValue, double minShift) {
        double shift = Math.abs(median(x, tau, to) - median(x, from, tau));
        return shift >= minShift && pValue(x, from, tau, to) <= maxPValue;
    }

    /**
     * Two-sided two-sample t-test with pooled variance between {@code [from, tau)} and {@code [tau, to)}.
     * Pooled rather than Welch: a short segment's own variance is a poor estimate, and with it a
     * handful of runs that happen to be alike look significant. (On log durations the noise is
     * multiplicative, about the same on both sides, which is what pooling assumes.)
     */
    static double pValue(double[] x, int from, int tau, int to) {
        double[] a = Arrays.copyOfRange(x, from, tau);
        double[] b = Arrays.copyOfRange(x, tau, to);
        if (a.length < 2 || b.length < 2) {
            return 1;
        }
        double va = variance(a);
        double vb = variance(b);
        if (va == 0 && vb == 0) {
            return mean(a) == mean(b) ? 1 : 0;
        }
        return T_TEST.homoscedasticTTest(a, b);
    }

    /**
     * As {@link #pValue(double[], int, int, int)} from the sides' sizes, means and variances (for
     * a caller that keeps running sums); NaN when both variances are zero, which only the values
     * themselves can settle.
     */
    static double pValue(double m1, double v1, int n1, double m2, double v2, int n2) {
        if (n1 < 2 || n2 < 2) {
            return 1;
        }
        if (v1 <= 0 && v2 <= 0) {
            return Double.NaN;
        }
        return T_TEST.pValue(m1, Math.max(0, v1), n1, m2, Math.max(0, v2), n2);
    }

    /**
     * Q(tau) for each split {@code tau} of {@code x[from, to)} into {@code [from, from + tau)} and
     * the rest (index tau of the result; splits closer than {@code minSize} to an end are -inf):
     * {@code Q = tau (n - tau) / n * (2/(tau (n-tau)) B - W_L / C(tau,2) - W_R / C(n-tau,2))}, with
     * B the sum of |x - y| across the split and W the sums within each side.
     */
    static double[] energy(double[] x, int from, int to, int minSize) {
        int[] rank = new int[to];
        System.arraycopy(ranks(x, from, to), 0, rank, from, to - from);
        return energy(x, rank, to - from, from, to, minSize);
    }

    /** As {@link #energy(double[], int, int, int)}, the values ordered by {@code rank[from..to)}, ranks below {@code ranks}. */
    private static double[] energy(double[] x, int[] rank, int ranks, int from, int to, int minSize) {
        int n = to - from;
        double[] q = new double[n + 1];
        Arrays.fill(q, Double.NEGATIVE_INFINITY);
        if (n < 2) {
            return q;
        }
        double[] left = withinSums(x, from, rank, ranks, n, false);
        double[] right = withinSums(x, from, rank, ranks, n, true);
        double total = left[n];
        for (int tau = Math.max(1, minSize); tau <= n - Math.max(1, minSize); tau++) {
            double wl = left[tau];
            double wr = right[n - tau];
            double between = total - wl - wr;
            double k = tau;
            double r = n - tau;
            double e = 2 * between / (k * r)
                    - (k > 1 ? wl / (k * (k - 1) / 2) : 0)
                    - (r > 1 ? wr / (r * (r - 1) / 2) : 0);
            q[tau] = k * r / n * e;
        }
        return q;
    }

    /**
     * sums[k] = sum of |x_i - x_j| over pairs among the first k values (or the last k, reversed),
     * each new value's distances to those before it from counts and sums of smaller values.
     */
    private static double[] withinSums(double[] x, int from, int[] rank, int ranks, int n, boolean reversed) {
        double[] sums = new double[n + 1];
        long[] count = new long[ranks + 1];
        double[] sum = new double[ranks + 1];
        double totalSum = 0;
        for (int k = 0; k < n; k++) {
            int i = reversed ? n - 1 - k : k;
            double v = x[from + i];
            int rk = rank[from + i];
            long below = 0;
            double belowSum = 0;
            for (int j = rk; j > 0; j -= j & -j) {
                below += count[j];
                belowSum += sum[j];
            }
            long above = k - below;
            double aboveSum = totalSum - belowSum;
            sums[k + 1] = sums[k] + (v * below - belowSum) + (aboveSum - v * above);
            for (int j = rk + 1; j <= ranks; j += j & -j) {
                count[j]++;
                sum[j] += v;
            }
            totalSum += v;
        }
        return sums;
    }

    /** 0-based ranks; ties share the lowest rank, so "smaller" counts strictly smaller and equal values add 0. */
    private static int[] ranks(double[] x, int from, int to) {
        double[] sorted = Arrays.copyOfRange(x, from, to);
        Arrays.sort(sorted);
        int[] rank = new int[sorted.length];
        for (int i = 0; i < rank.length; i++) {
            double v = x[from + i];
            int lo = 0;
            int hi = sorted.length; // first index whose value is not below v
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] < v) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            rank[i] = lo;
        }
        return rank;
    }

    static double median(double[] x, int from, int to) {
        return quantile(x, from, to, 0.5);
    }

    /**
     * Linear interpolation between order statistics (Hyndman and Fan type 7, as numpy and R
     * default). The two order statistics are selected (expected linear time), not sorted for.
     */
    static double quantile(double[] x, int from, int to, double p) {
        double[] s = Arrays.copyOfRange(x, from, to);
        if (s.length == 0) {
            return Double.NaN;
        }
        double h = (s.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(s.length - 1, lo + 1);
        double low = select(s, lo);
        double high = low;
        if (hi > lo) { // select left the values not below s[lo] after it: the next order statistic is their least
            high = s[lo + 1];
            for (int i = lo + 2; i < s.length; i++) {
                high = Math.min(high, s[i]);
            }
        }
        return low + (h - lo) * (high - low);
    }

    /**
     * The k-th smallest of {@code s} (0-based), leaving every smaller value before index k and
     * every larger one after it: quickselect with a median-of-three pivot and a three-way
     * partition, so runs of equal durations cost no more than distinct ones.
     */
    static double select(double[] s, int k) {
        int lo = 0;
        int hi = s.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            double pivot = medianOf3(s[lo], s[mid], s[hi]);
            int lt = lo;
            int gt = hi;
            int i = lo;
            while (i <= gt) {
                double v = s[i];
                if (v < pivot) {
                    s[i++] = s[lt];
                    s[lt++] = v;
                } else if (v > pivot) {
                    s[i] = s[gt];
                    s[gt--] = v;
                } else {
                    i++;
                }
            }
            if (k < lt) {
                hi = lt - 1;
            } else if (k > gt) {
                lo = gt + 1;
            } else {
                return pivot;
            }
        }
        return s[k];
    }

    private static double medianOf3(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }

    private static double variance(double[] a) {
        double m = mean(a);
        double s = 0;
        for (double v : a) {
            s += (v - m) * (v - m);
        }
        return s / (a.length - 1);
    }
}
