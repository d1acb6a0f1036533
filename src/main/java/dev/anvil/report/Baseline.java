package dev.anvil.report;

import dev.anvil.AnvilException;
import dev.anvil.analysis.AnalysisFilter;
import dev.anvil.history.HistoryRepository;
import dev.anvil.history.Run;
import dev.anvil.history.RunStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a run is measured against: the completed runs of its mode in a span before it
 * ({@code 14d}, {@code 12h}, {@code 2w}), since a date ({@code 2026-11-01}), or one named run
 * ({@code latest~3}, an id prefix).
 *
 * @param since     the baseline's start (a span back from the run, or the date); null for a named run
 * @param named     the named run, or null
 * @param runs      the baseline's runs, newest first (completed runs of the mode only)
 * @param described how a person reads it: "the 28 completed runs of copilot-cli in the 14 days before it"
 */
public record Baseline(Instant since, Run named, List<Run> runs, String described) {
    private static final Pattern SPAN = Pattern.compile("(\\d{1,6})\\s*([mhdw])");

    /**
     * The baseline {@code spec} means for {@code run}; an unknown run or bad span is a usage error
     * naming {@code option} (the command's option that gave the spec).
     */
    public static Baseline of(String option, String spec, Run run, HistoryRepository repo) {
        String text = spec == null || spec.isBlank() ? "14d" : spec.strip();
        Instant since;
        try {
            since = startOf(text, run);
        } catch (AnvilException e) {
            throw new AnvilException(option + " " + text + ": not a date such as 2026-11-01 or an instant such as "
                    + "2026-11-01T06:00:00Z", e);
        }
        if (since != null) {
            List<Run> runs = new ArrayList<>();
            for (Run r : repo.listRuns(0, run.mode())) {
                if (!r.id().equals(run.id()) && r.status() == RunStatus.COMPLETED
                        && !r.startedAt().isBefore(since) && r.startedAt().isBefore(run.startedAt())) {
                    runs.add(r);
                }
            }
            return new Baseline(since, null, List.copyOf(runs), "the " + runs.size() + " completed run(s) of "
                    + run.mode() + " " + (SPAN.matcher(text.toLowerCase(Locale.ROOT)).matches()
                    ? "in the " + text + " before it" : "since " + text));
        }
        Run named;
        try {
            named = repo.resolveRun(text);
        } catch (AnvilException e) {
            throw new AnvilException(option + " " + text + ": not a span (30m, 12h, 14d, 2w), a date or a run: "
                    + e.getMessage(), e);
        }
        if (named.id().equals(run.id())) {
            throw new AnvilException(option + " " + text + " is the run being checked (" + run.shortId()
                    + "); name an earlier run or a span such as 14d");
        }
        if (!named.mode().equals(run.mode())) {
            throw new AnvilException(option + " " + text + " is run " + named.shortId() + " of mode " + named.mode()
                    + ", but the run checked (" + run.shortId() + ") is of mode " + run.mode()
                    + "; compare runs of one mode (--mode)");
        }
        return new Baseline(null, named, List.of(named), "run " + named.shortId() + " (" + named.mode() + ")");
    }

    /** The start of a span or date baseline, or null when {@code text} names a run. */
    private static Instant startOf(String text, Run run) {
        Matcher m = SPAN.matcher(text.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration span = switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
            return run.startedAt().minus(span);
        }
        if (text.matches("\\d{4}-\\d{2}-\\d{2}.*")) {
            return AnalysisFilter.parseSince(text, Clock.systemUTC());
        }
        return null;
    }
}
