package dev.anvil.history;

import dev.anvil.AnvilException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point in time a user names for pruning: an age ({@code 90d}, {@code 12h}, {@code 2w}) counted
 * back from now, a date ({@code 2026-08-01}, midnight UTC) or an instant ({@code 2026-08-01T12:00:00Z}).
 */
public final class Cutoff {
    private static final Pattern AGE = Pattern.compile("(\\d{1,6})\\s*([hdw])");

    private Cutoff() {
    }

    public static Instant parse(String text, String option, Clock clock) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher m = AGE.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration age;
            switch (m.group(2)) {
                case "h": age = Duration.ofHours(n); break;
                case "w": age = Duration.ofDays(7 * n); break;
                default: age = Duration.ofDays(n); break;
            }
            return clock.instant().minus(age);
        }
        try {
            return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            // not a date; maybe an instant
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new AnvilException("malformed " + option + " '" + text + "': give an age such as 90d, 12h or 2w, "
                    + "or a date such as 2026-08-01");
        }
    }
}
