package dev.anvil.analysis;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EDivisiveTest {

    @Test
    void theFastEnergyStatisticEqualsTheDefinitionIncludingTies() {
        Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            int n = 5 + random.nextInt(40);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = trial % 2 == 0 ? random.nextGaussian() : random.nextInt(4); // odd trials: many ties
            }
            int from = random.nextInt(3);
            double[] q = EDivisive.energy(x, from, n, 1);
            for (int tau = 1; tau < n - from; tau++) {
                assertThat(q[tau]).as("n=%d tau=%d", n, tau).isCloseTo(naiveQ(x, from, from + tau, n), within(1e-9));
            }
        }
    }

    /** Matteson and James: Q = m k / (m + k) * (2/(m k) sum|x-y| - sum|x-x'| / C(m,2) - sum|y-y'| / C(k,2)). */
    private static double naiveQ(double[] x, int from, int tau, int to) {
        double between = 0;
        double left = 0;
        double right = 0;
        for (int i = from; i < tau; i++) {
            for (int j = tau; j < to; j++) {
                between += Math.abs(x[i] - x[j]);
            }
            for (int j = i + 1; j < tau; j++) {
                left += Math.abs(x[i] - x[j]);
            }
        }
        for (int i = tau; i < to; i++) {
            for (int j = i + 1; j < to; j++) {
                right += Math.abs(x[i] - x[j]);
            }
        }
        double m = tau - from;
        double k = to - tau;
        double e = 2 * between / (m * k) - (m > 1 ? left / (m * (m - 1) / 2) : 0) - (k > 1 ? right / (k * (k - 1) / 2) : 0);
        return m * k / (m + k) * e;
    }

    @Test
    void aSustainedShiftIsFoundWhereItHappens() {
        double[] x = noisy(60, 0.2, 11);
        for (int i = 20; i < 60; i++) {
            x[i] += Math.log(2);
        }
        List<EDivisive.ChangePoint> changes = EDivisive.detect(x, 5, 0.001, Math.log1p(0.2), 10);
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.index()).isEqualTo(20);
            assertThat(c.pValue()).isLessThan(1e-6);
            assertThat(Math.exp(c.medianAfter() - c.medianBefore())).isBetween(1.7, 2.3);
        });
    }

    @Test
    void noiseABlipAndASmallShiftAreNotChanges() {
        double[] flat = noisy(200, 0.25, 3);
        assertThat(EDivisive.detect(flat, 5, 0.001, Math.log1p(0.2), 10)).isEmpty();
        double[] blip = noisy(100, 0.1, 5);
        for (int i = 50; i < 53; i++) {
            blip[i] += Math.log(4); // three slow runs, then back
        }
        assertThat(EDivisive.detect(blip, 5, 0.001, Math.log1p(0.2), 10)).isEmpty();
        double[] small = noisy(200, 0.05, 9);
        for (int i = 100; i < 200; i++) {
            small[i] += Math.log(1.1); // significant, but only 10%
        }
        assertThat(EDivisive.detect(small, 5, 0.001, Math.log1p(0.2), 10)).isEmpty();
    }

    @Test
    void severalChangesAreFoundInOrder() {
        double[] x = noisy(120, 0.1, 21);
        for (int i = 40; i < 120; i++) {
            x[i] += Math.log(2);
        }
        for (int i = 80; i < 120; i++) {
            x[i] -= Math.log(2);
        }
        List<EDivisive.ChangePoint> changes = EDivisive.detect(x, 5, 0.001, Math.log1p(0.2), 10);
        assertThat(changes).extracting(EDivisive.ChangePoint::index).containsExactly(40, 80);
        assertThat(changes.get(1).medianAfter()).isLessThan(changes.get(1).medianBefore());
    }

    @Test
    void quantilesInterpolateLikeNumpy() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(EDivisive.median(x, 0, 10)).isEqualTo(5.5);
        assertThat(EDivisive.quantile(x, 0, 10, 0.9)).isCloseTo(9.1, within(1e-12));
        assertThat(EDivisive.median(x, 0, 3)).isEqualTo(2);
    }

    @Test
    void quantilesBySelectionEqualThoseOfTheSortedValuesIncludingTies() {
        Random random = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(300);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = trial % 3 == 0 ? random.nextInt(5) : trial % 3 == 1 ? i : random.nextGaussian(); // ties, sorted, random
            }
            double[] sorted = x.clone();
            java.util.Arrays.sort(sorted);
            for (double p : new double[] {0, 0.1, 0.5, 0.9, 0.99, 1}) {
                double h = (n - 1) * p;
                int lo = (int) Math.floor(h);
                int hi = Math.min(n - 1, lo + 1);
                double expected = sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
                assertThat(EDivisive.quantile(x, 0, n, p)).as("n=%d p=%s", n, p).isEqualTo(expected);
            }
        }
    }

    @Test
    void theTTestFromRunningSumsAgreesWithTheTestOnTheValues() {
        Random random = new Random(5);
        for (int trial = 0; trial < 100; trial++) {
            int n = 4 + random.nextInt(200);
            int tau = 2 + random.nextInt(n - 3);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = 7 + 0.1 * random.nextGaussian() + (i >= tau && trial % 2 == 0 ? 0.05 : 0);
            }
            double[] a = java.util.Arrays.copyOfRange(x, 0, tau);
            double[] b = java.util.Arrays.copyOfRange(x, tau, n);
            double fromSums = EDivisive.pValue(mean(a), variance(a), a.length, mean(b), variance(b), b.length);
            assertThat(fromSums).isCloseTo(EDivisive.pValue(x, 0, tau, n), within(1e-9));
        }
        assertThat(EDivisive.pValue(1, 0, 5, 2, 0, 5)).as("both sides constant: only the values can tell").isNaN();
    }

    private static double mean(double[] a) {
        return java.util.Arrays.stream(a).average().orElseThrow();
    }

    private static double variance(double[] a) {
        double m = mean(a);
        return java.util.Arrays.stream(a).map(v -> (v - m) * (v - m)).sum() / (a.length - 1);
    }

    private static double[] noisy(int n, double sd, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.log(1000) + sd * r.nextGaussian();
        }
        return x;
    }
}
