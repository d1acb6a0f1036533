package dev.anvil.analysis;

import dev.anvil.AnvilException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What part of the history an analysis looks at, and how it counts.
 *
 * @param mode              only runs of this mode, or null for all
 * @param language          only results in this language, or null for all
 * @param storyId           only this story, or null for all
 * @param since             only runs that started at or after this instant, or null for all
 * @param byLanguage        split series by language as well (per story, mode and language)
 * @param errorsAsFailures  count {@code error} results (infrastructure) as failures; by default
 *                          they are kept apart and left out of pass rates. {@code skipped} never counts.
 */
public record AnalysisFilter(String mode, String language, String storyId, Instant since,
                             boolean byLanguage, boolean errorsAsFailures) {

    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,6})\\s*([mhdw])");
    static final String ACCEPTED = "use a span such as 30m, 12h, 7d or 2w, a date such as 2026-11-01, "
            + "or an instant such as 2026-11-01T06:00:00Z";

    public AnalysisFilter {
        mode = blankToNull(mode);
        language = blankToNull(language);
        storyId = blankToNull(storyId);
    }

    /** The whole history, errors kept apart from failures, series per story and mode. */
    public static AnalysisFilter all() {
        return new AnalysisFilter(null, null, null, null, false, false);
    }

    public AnalysisFilter withMode(String value) {
        return new AnalysisFilter(value, language, storyId, since, byLanguage, errorsAsFailures);
    }

    public AnalysisFilter withLanguage(String value) {
        return new AnalysisFilter(mode, value, storyId, since, byLanguage, errorsAsFailures);
    }

    public AnalysisFilter withStory(String value) {
        return new AnalysisFilter(mode, language, value, since, byLanguage, errorsAsFailures);
    }

    public AnalysisFilter withSince(Instant value) {
        return new AnalysisFilter(mode, language, storyId, value, byLanguage, errorsAsFailures);
    }

    /** {@code since} as the user types it: {@code 7d}, {@code 12h}, {@code 2026-11-01}, ... (see {@link #parseSince}). */
    public AnalysisFilter withSince(String value) {
        return withSince(parseSince(value, Clock.systemUTC()));
    }

    public AnalysisFilter withByLanguage(boolean value) {
        return new AnalysisFilter(mode, language, storyId, since, value, errorsAsFailures);
    }

    public AnalysisFilter withErrorsAsFailures(boolean value) {
        return new AnalysisFilter(mode, language, storyId, since, byLanguage, value);
    }

    /** {@link #parseSince(String, Clock)} against the system clock. */
    public static Instant parseSince(String text) {
        return parseSince(text, Clock.systemUTC());
    }

    /**
     * Reads a {@code --since} value: a span back from now ({@code 30m}, {@code 12h}, {@code 7d},
     * {@code 2w}), a UTC date ({@code 2026-11-01}, meaning its midnight) or an ISO-8601 instant
     * ({@code 2026-11-01T06:00:00Z}, an offset, or no zone meaning UTC). Null or blank is no limit.
     *
     * @throws AnvilException naming the value and the accepted forms
     */
    public static Instant parseSince(String text, Clock clock) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        Matcher m = RELATIVE.matcher(t.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration span;
            switch (m.group(2)) {
                case "m": span = Duration.ofMinutes(n); break;
                case "h": span = Duration.ofHours(n); break;
                case "d": span = Duration.ofDays(n); break;
                default: span = Duration.ofDays(7 * n); break;
            }
            return clock.instant().minus(span);
        }
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            try {
                return Instant.parse(t);
            } catch (DateTimeParseException e) {
                // an offset or no zone at all
            }
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e) {
                return java.time.LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException e) {
            throw new AnvilException("bad --since '" + text + "': " + ACCEPTED);
        }
    }

    /** Whether a result with this stored status enters pass rates (skipped never; error only when counted in). */
    public boolean counts(dev.anvil.history.ResultStatus status) {
        switch (status) {
            case PASSED: case FAILED: return true;
            case ERROR: return errorsAsFailures;
            default: return false;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
