package dev.anvil.history;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Timestamps as fixed-width ISO-8601 UTC text with milliseconds ({@code 2026-11-27T06:00:00.000Z}),
 * so that text order is time order in SQL on SQLite and PostgreSQL alike.
 */
public final class Timestamps {
    private static final DateTimeFormatter FIXED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String format(Instant instant) {
        return instant == null ? null : FIXED.format(instant);
    }

    /** Current time truncated to what the database keeps, so a round trip is exact. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Reads our fixed-width form and, leniently, what other ADR-005 writers stored (EF Core writes
     * {@code 2026-01-30 06:00:00.1234567} or ISO text with an offset).
     */
    public static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant fixed = parseFixed(text);
        if (fixed != null) {
            return fixed;
        }
        String t = text.trim();
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            // fall through to the looser forms
        }
        String iso = t.replace(' ', 'T');
        try {
            return java.time.OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            // no offset: the .NET Anvil stores UTC without a zone
        }
        try {
            return java.time.LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a timestamp: " + text, e);
        }
    }

    /**
     * Our own fixed-width form ({@code 2026-11-27T06:00:00.000Z}) read digit by digit, or null for
     * anything else: the analyses read thousands of run start times, and the general parser took
     * a tenth of a second of a short command.
     */
    private static Instant parseFixed(String t) {
        if (t.length() != 24 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':' || t.charAt(19) != '.' || t.charAt(23) != 'Z') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        int millis = digits(t, 20, 23);
        if ((year | month | day | hour | minute | second | millis) < 0) {
            return null;
        }
        try {
            return java.time.LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000).toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return null; // out of range: the general parser says why
        }
    }

    /** The decimal number in {@code t[from, to)}, or -1 when a character there is not a digit. */
    private static int digits(String t, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
