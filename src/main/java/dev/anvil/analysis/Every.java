package dev.anvil.analysis;

import dev.anvil.AnvilException;

import java.util.Locale;

/** The period a {@link Trend} counts over: a UTC day, an ISO week (Monday to Sunday, UTC) or one run. */
public enum Every {
    DAY, WEEK, RUN;

    public static Every parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new AnvilException("unknown period '" + text + "': use day, week or run");
        }
    }
}
