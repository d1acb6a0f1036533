package dev.anvil.frame;

import dev.anvil.history.Timestamps;
import tech.tablesaw.columns.dates.PackedLocalDate;
import tech.tablesaw.columns.instant.PackedInstant;
import tech.tablesaw.columns.times.PackedLocalTime;

import java.time.Instant;

/**
 * Stored timestamps straight into Tablesaw's packed instant form. Our fixed-width text
 * ({@code 2026-11-27T06:00:00.000Z}) is read digit by digit without allocating, which is most of
 * the cost of loading a year of results; anything else goes through {@link Timestamps#parse}.
 */
final class PackedTimes {
    /** Tablesaw's marker for a missing instant. */
    static final long MISSING = Long.MIN_VALUE;

    private PackedTimes() {
    }

    static long pack(String text) {
        if (text == null) {
            return MISSING;
        }
        if (isFixedWidth(text)) {
            int date = PackedLocalDate.pack(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2));
            int time = PackedLocalTime.of(digits(text, 11, 2), digits(text, 14, 2), digits(text, 17, 2),
                    digits(text, 20, 3));
            return ((long) date << 32) | (time & 0xffffffffL);
        }
        Instant instant = Timestamps.parse(text);
        return instant == null ? MISSING : PackedInstant.pack(instant);
    }

    /** The same from UTF-8 bytes {@code [from, to)} of a result row. */
    static long pack(byte[] b, int from, int to) {
        if (to - from == 24 && b[from + 4] == '-' && b[from + 7] == '-' && b[from + 10] == 'T' && b[from + 13] == ':'
                && b[from + 16] == ':' && b[from + 19] == '.' && b[from + 23] == 'Z') {
            int y = digits(b, from, 4);
            int mo = digits(b, from + 5, 2);
            int d = digits(b, from + 8, 2);
            int h = digits(b, from + 11, 2);
            int mi = digits(b, from + 14, 2);
            int s = digits(b, from + 17, 2);
            int ms = digits(b, from + 20, 3);
            if ((y | mo | d | h | mi | s | ms) >= 0) {
                int date = PackedLocalDate.pack(y, mo, d);
                int time = PackedLocalTime.of(h, mi, s, ms);
                return ((long) date << 32) | (time & 0xffffffffL);
            }
        }
        return to == from ? MISSING : pack(new String(b, from, to - from, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Digits as a number, or -1 when one is not a digit. */
    private static int digits(byte[] b, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            int c = b[i] - '0';
            if (c < 0 || c > 9) {
                return -1;
            }
            v = v * 10 + c;
        }
        return v;
    }

    static boolean isFixedWidth(String t) {
        return t.length() == 24 && t.charAt(4) == '-' && t.charAt(7) == '-' && t.charAt(10) == 'T'
                && t.charAt(13) == ':' && t.charAt(16) == ':' && t.charAt(19) == '.' && t.charAt(23) == 'Z'
                && allDigits(t, 0, 4) && allDigits(t, 5, 2) && allDigits(t, 8, 2) && allDigits(t, 11, 2)
                && allDigits(t, 14, 2) && allDigits(t, 17, 2) && allDigits(t, 20, 3);
    }

    private static boolean allDigits(String t, int from, int n) {
        for (int i = from; i < from + n; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int digits(String t, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            v = v * 10 + (t.charAt(i) - '0');
        }
        return v;
    }
}
