package dev.anvil.analysis;

/**
 * One-sided Fisher exact test on a 2x2 table of passes and failures before and after a split:
 * given the margins, the passes after the split follow a hypergeometric law, and the p-value is
 * the probability of so few (a drop) or so many (a rise) of them. Exact for any sample size, so it
 * holds for the five runs after a recent change as well as for a year.
 */
public final class FisherExact {
    private static double[] logFactorial = new double[1];

    private FisherExact() {
    }

    /**
     * P(passes after ≤ {@code passesAfter}): the evidence that the pass rate dropped from the
     * {@code runsBefore} runs before the split to the {@code runsAfter} runs after it.
     */
    public static double drop(int passesBefore, int runsBefore, int passesAfter, int runsAfter) {
        return tail(passesBefore, runsBefore, passesAfter, runsAfter, true);
    }

    /** P(passes after ≥ {@code passesAfter}): the evidence that the pass rate rose. */
    public static double rise(int passesBefore, int runsBefore, int passesAfter, int runsAfter) {
        return tail(passesBefore, runsBefore, passesAfter, runsAfter, false);
    }

    private static double tail(int a, int n1, int b, int n2, boolean lower) {
        int n = n1 + n2;
        int k = a + b;
        ensure(n);
        int lo = Math.max(0, n2 - (n - k));
        int hi = Math.min(k, n2);
        double logDenominator = logChoose(n, n2);
        int from = lower ? lo : b;
        int to = lower ? b : hi;
        // Sum in log space from the largest term so tiny p-values keep their precision.
        double max = Double.NEGATIVE_INFINITY;
        for (int x = from; x <= to; x++) {
            max = Math.max(max, logChoose(k, x) + logChoose(n - k, n2 - x));
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return 1;
        }
        double sum = 0;
        for (int x = from; x <= to; x++) {
            sum += Math.exp(logChoose(k, x) + logChoose(n - k, n2 - x) - max);
        }
        return Math.min(1, Math.exp(max + Math.log(sum) - logDenominator));
    }

    private static double logChoose(int n, int k) {
        if (k < 0 || k > n) {
            return Double.NEGATIVE_INFINITY;
        }
        double[] f = logFactorial;
        return f[n] - f[k] - f[n - k];
    }

    private static void ensure(int n) {
        double[] f = logFactorial;
        if (f.length > n) {
            return;
        }
        synchronized (FisherExact.class) {
            f = logFactorial;
            if (f.length > n) {
                return;
            }
            double[] g = java.util.Arrays.copyOf(f, Math.max(n + 1, f.length * 2));
            for (int i = Math.max(1, f.length); i < g.length; i++) {
                g[i] = g[i - 1] + Math.log(i);
            }
            logFactorial = g;
        }
    }
}
