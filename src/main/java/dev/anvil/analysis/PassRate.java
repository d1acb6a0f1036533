package dev.anvil.analysis;

/**
 * A pass rate with its Wilson score interval (95%): unlike the plain normal interval it stays
 * inside [0, 1] and is honest for small samples and rates near 0 or 1, which is most of ours.
 *
 * @param passed  passing results
 * @param counted results that count (passed + failed, + errors when counted as failures)
 * @param rate    passed / counted, null when nothing counted
 * @param low     lower bound of the 95% interval, null when nothing counted
 * @param high    upper bound of the 95% interval, null when nothing counted
 */
public record PassRate(int passed, int counted, Double rate, Double low, Double high) {
    /** z for a two-sided 95% interval. */
    public static final double Z95 = 1.959963984540054;

    public static PassRate of(int passed, int counted) {
        if (counted <= 0) {
            return new PassRate(passed, 0, null, null, null);
        }
        double n = counted;
        double p = passed / n;
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        return new PassRate(passed, counted, p, Math.max(0, centre - half), Math.min(1, centre + half));
    }
}
