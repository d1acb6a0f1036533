package dev.anvil.analysis;

import dev.anvil.history.Timestamps;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads stored timestamps fast: our fixed-width form ({@code 2026-11-27T06:00:00.000Z}) digit by
 * digit, anything else (other ADR-005 writers) through {@link Timestamps#parse}. On a cold JVM
 * {@link Instant#parse} costs more than the query it serves.
 */
public final class StoredTime {
    private StoredTime() {
    }

    public static Instant parse(String t) {
        if (t == null) {
            return null;
        }
        if (t.length() == 24 && t.charAt(4) == '-' && t.charAt(7) == '-' && t.charAt(10) == 'T' && t.charAt(13) == ':'
                && t.charAt(16) == ':' && t.charAt(19) == '.' && t.charAt(23) == 'Z') {
            int y = digits(t, 0, 4);
            int mo = digits(t, 5, 2);
            int d = digits(t, 8, 2);
            int h = digits(t, 11, 2);
            int mi = digits(t, 14, 2);
            int s = digits(t, 17, 2);
            int ms = digits(t, 20, 3);
            if ((y | mo | d | h | mi | s | ms) >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h < 24 && mi < 60 && s < 60) {
                long days = LocalDate.of(y, mo, d).toEpochDay();
                return Instant.ofEpochSecond(days * 86_400 + h * 3_600L + mi * 60L + s, ms * 1_000_000L);
            }
        }
        return Timestamps.parse(t);
    }

    private static int digits(String t, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            int c = t.charAt(i) - '0';
            if (c < 0 || c > 9) {
                return -1;
            }
            v = v * 10 + c;
        }
        return v;
    }
}
