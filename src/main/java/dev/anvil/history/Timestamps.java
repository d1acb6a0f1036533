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
}
