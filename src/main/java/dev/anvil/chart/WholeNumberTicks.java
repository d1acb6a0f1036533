package dev.anvil.chart;

import java.util.List;
import java.util.function.Function;

/**
 * Axis labels for rows or groups placed at 0, 1, 2, ...: the name at its whole number, blank
 * elsewhere. XChart drops every label of an axis whose labels repeat, so a blank is spaces of a
 * length unique to its (half-step) position, never the empty string.
 */
final class WholeNumberTicks {
    private WholeNumberTicks() {
    }

    /** {@code names.get(i)} at {@code i}; with {@code topDown} the first name is at the top ({@code size - 1}). */
    static Function<Double, String> names(List<String> names, boolean topDown) {
        return v -> {
            int i = (int) Math.rint(v);
            if (Math.abs(v - i) < 1e-9 && i >= 0 && i < names.size()) {
                return names.get(topDown ? names.size() - 1 - i : i);
            }
            return blank(v);
        };
    }

    private static String blank(double v) {
        // short, so a blank never makes XChart think the labels overlap (it would widen the step for ever)
        return " ".repeat(1 + Math.floorMod((int) Math.rint(v * 2), 24));
    }
}
