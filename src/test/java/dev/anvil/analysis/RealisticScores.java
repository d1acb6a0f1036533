package dev.anvil.analysis;

import dev.anvil.synthetic.GroundTruth;
import dev.anvil.synthetic.GroundTruth.Kind;
import dev.anvil.synthetic.GroundTruth.SeriesTruth;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Scores of every analysis on a history with the realistic patterns ({@code Patterns.REALISTIC}),
 * per analysis and per pattern, pooled over histories with {@link #add}. The truth per analysis:
 * <ul>
 *   <li>regressions (open): {@code REGRESSED} series, full or partial;</li>
 *   <li>fixes: series whose last change is a rise, {@code FIXED} (from broken, flaky or partial)
 *       and {@code EPISODE} (a regression fixed later: its fix);</li>
 *   <li>later fixed, with {@code --all}: {@code EPISODE} series reported with status fixed;</li>
 *   <li>flaky: {@code FLAKY} (0.3-0.95) and {@code STREAKY} series; a partial regression whose new
 *       level is flaky may be reported as flaky too and counts neither way;</li>
 *   <li>slowdowns: slower series with at least {@code minRuns} passed results on either side of the
 *       slowdown (fewer cannot show one); reported slowdowns of others are false positives.</li>
 * </ul>
 */
final class RealisticScores {
    /** Counts per row label: {tp, fp, fn, located, locatable (pinned by the outcomes to within the tolerance)}. */
    private final Map<String, int[]> counts = new LinkedHashMap<>();

    void add(GroundTruth truth, List<Regression> open, List<Regression> all, List<Fix> fixes, List<FlakyStory> flaky,
             List<Durations.Row> slower, Jdbi jdbi) {
        Map<String, Regression> openRows = new HashMap<>();
        open.forEach(r -> openRows.put(GroundTruth.key(r.storyId(), r.mode()), r));
        Map<String, Regression> fixedRows = new HashMap<>();
        all.stream().filter(r -> Regressions.FIXED.equals(r.status()))
                .forEach(r -> fixedRows.putIfAbsent(GroundTruth.key(r.storyId(), r.mode()), r));
        Map<String, Fix> fixRows = new HashMap<>();
        fixes.forEach(r -> fixRows.put(GroundTruth.key(r.storyId(), r.mode()), r));
        Set<String> flakyRows = new HashSet<>();
        flaky.forEach(r -> flakyRows.add(GroundTruth.key(r.storyId(), r.mode())));
        Map<String, Durations.Row> slowerRows = new HashMap<>();
        slower.forEach(r -> slowerRows.put(GroundTruth.key(r.storyId(), r.mode()), r));
        Set<String> detectableSlower = detectableSlowdowns(truth, jdbi);

        Predicate<SeriesTruth> hidden = s -> !detectable(truth, s);
        Evidence evidence = new Evidence(truth, jdbi);
        score(truth, "regressions", SeriesTruth::regressed, s -> s.kind() == Kind.REGRESSED, hidden, openRows.keySet(),
                (s, key) -> near(truth, s.mode(), openRows.get(key).firstFailingRunId(), s.changeIndex()),
                s -> evidence.pins(s, s.changeIndex(), false));
        score(truth, "fixes", s -> s.kind() == Kind.FIXED || s.kind() == Kind.EPISODE,
                s -> s.kind() == Kind.FIXED || s.kind() == Kind.EPISODE, hidden, fixRows.keySet(),
                (s, key) -> near(truth, s.mode(), fixRows.get(key).firstPassingRunId(),
                        s.kind() == Kind.EPISODE ? s.fixIndex() : s.changeIndex()),
                s -> evidence.pins(s, s.kind() == Kind.EPISODE ? s.fixIndex() : s.changeIndex(), true));
        score(truth, "later fixed (--all)", s -> s.kind() == Kind.EPISODE, s -> s.kind() == Kind.EPISODE, hidden,
                fixedRows.keySet(), (s, key) -> near(truth, s.mode(), fixedRows.get(key).firstFailingRunId(), s.changeIndex()),
                s -> evidence.pins(s, s.changeIndex(), false));
        score(truth, "flaky", s -> s.flakyThroughout(), SeriesTruth::flakyThroughout,
                s -> s.kind() == Kind.REGRESSED && s.passAfter() >= 0.15 || !detectable(truth, s), flakyRows, null, null);
        score(truth, "slowdowns", SeriesTruth::slower, s -> detectableSlower.contains(GroundTruth.key(s.storyId(), s.mode())),
                s -> s.slower() && !detectableSlower.contains(GroundTruth.key(s.storyId(), s.mode())), slowerRows.keySet(),
                (s, key) -> near(truth, s.mode(), slowerRows.get(key).changeRunId(), s.slowerFromIndex()), null);
    }

    /**
     * Whether the outcomes pin a change to within {@link KnownTruthScore#LOCATION_TOLERANCE} runs
     * of its truth. Between the last result that looks like the old level (the last pass before a
     * drop, the last failure before a rise) and the first that looks like the new one (the first
     * failure at or after a drop, the first pass at or after a rise) the change could be anywhere:
     * the runs in between look alike under both levels. When that stretch reaches further than the
     * tolerance from the truth, locating the change within it is luck, not evidence: a drop to 0.7
     * shows its first failure three or more runs late 0.7^3 = a third of the time, a fix of a story
     * passing half the time had its last failure three or more runs early a quarter of the time.
     */
    private static final class Evidence {
        private final GroundTruth truth;
        private final Jdbi jdbi;
        private final Map<String, Map<String, Integer>> runIndexes = new HashMap<>();

        Evidence(GroundTruth truth, Jdbi jdbi) {
            this.truth = truth;
            this.jdbi = jdbi;
        }

        /** @param rise whether the change is a rise of the pass rate (a fix) rather than a drop */
        boolean pins(SeriesTruth s, int index, boolean rise) {
            Map<String, Integer> runs = runIndexes.computeIfAbsent(s.mode(), m -> {
                Map<String, Integer> at = new HashMap<>();
                List<String> ids = truth.runIds().get(m);
                for (int i = 0; i < ids.size(); i++) {
                    at.put(ids.get(i), i);
                }
                return at;
            });
            int[] bounds = {-1, Integer.MAX_VALUE}; // last old-looking before, first new-looking at or after
            jdbi.useHandle(h -> h.createQuery("SELECT TestRunId, Status FROM StoryResults WHERE StoryId = :story "
                            + "AND Status IN ('passed', 'failed')")
                    .bind("story", s.storyId())
                    .map((rs, ctx) -> {
                        Integer at = runs.get(rs.getString(1));
                        boolean pass = "passed".equals(rs.getString(2));
                        if (at != null && at < index && pass != rise) {
                            bounds[0] = Math.max(bounds[0], at);
                        } else if (at != null && at >= index && pass == rise) {
                            bounds[1] = Math.min(bounds[1], at);
                        }
                        return at;
                    })
                    .list());
            int tolerance = KnownTruthScore.LOCATION_TOLERANCE;
            return bounds[1] - index <= tolerance && index - (bounds[0] + 1) <= tolerance;
        }
    }

    /**
     * One analysis: {@code real} says which series it should report, {@code neutral} which count
     * neither way; recall per pattern below the pooled line ({@code family} names the patterns).
     */
    private void score(GroundTruth truth, String what, Predicate<SeriesTruth> family, Predicate<SeriesTruth> real,
                       Predicate<SeriesTruth> neutral, Set<String> flagged, Located located, Predicate<SeriesTruth> locatable) {
        int n = truth.spec().runsPerMode();
        for (SeriesTruth s : truth.series()) {
            String key = GroundTruth.key(s.storyId(), s.mode());
            boolean reported = flagged.contains(key);
            boolean isReal = real.test(s);
            boolean reportedOrReal = reported || isReal;
            if (neutral.test(s) || !reportedOrReal) {
                if (neutral.test(s) && family.test(s)) {
                    counts.computeIfAbsent(what + " / " + pattern(s, n) + ": beyond the evidence (not scored)", k -> new int[5])[2]++;
                }
                continue;
            }
            List<String> labels = new ArrayList<>();
            labels.add(what);
            String p = what.equals("slowdowns") ? (s.slowerFromIndex() >= truth.runIds().get(s.mode()).size() - 12
                    ? "late slowdown" : "early slowdown") : pattern(s, n);
            labels.add(what + " / " + (isReal || family.test(s) ? p : "wrongly on " + p));
            for (String label : labels) {
                int[] c = counts.computeIfAbsent(label, k -> new int[5]);
                if (isReal && reported) {
                    c[0]++;
                    if (located != null && located.test(s, key)) {
                        c[3]++;
                    }
                    if (locatable == null || locatable.test(s)) {
                        c[4]++;
                    }
                } else if (reported) {
                    c[1]++;
                } else if (isReal) {
                    c[2]++;
                }
            }
        }
    }

    /**
     * Whether any test could see the series' change at all: the new level's expected count, under
     * the old level, must have a one-sided binomial tail of at most 0.01 over the runs of the mode
     * (the Bonferroni factor of the splits one could try). A flaky story fixed five runs before the
     * end is not (0.5^5 x 700), nor a partial regression with five runs after it; a series without
     * a change always is.
     */
    static boolean detectable(GroundTruth truth, SeriesTruth s) {
        if (s.flakyThroughout()) {
            return flakyDetectable(truth, s);
        }
        if (!s.changed()) {
            return true;
        }
        int runs = truth.runIds().get(s.mode()).size();
        double m = (s.kind() == Kind.EPISODE ? s.fixIndex() - s.changeIndex() : runs - s.changeIndex()) * 0.97;
        if (s.kind() != Kind.EPISODE && s.mode().equals(truth.spec().modes().get(0))) {
            m -= 2; // the first mode ends with two whole outages
        }
        int k = (int) Math.round(m * s.passAfter());
        int trials = (int) Math.max(1, Math.round(m));
        double tail = s.passAfter() < s.passBefore() ? lowerTail(trials, Math.min(k, trials), s.passBefore())
                : 1 - lowerTail(trials, Math.min(k, trials) - 1, s.passBefore());
        return tail * truth.spec().runsPerMode() <= 0.01;
    }

    /**
     * Whether a flaky series fails more often than a stable one could by chance: its expected
     * failures must have an upper binomial tail under the history's stray-failure rate of at most
     * 0.01 over all the series of the history. A story passing 0.95 of 300 runs with 2% stray
     * failures is not (15 failures where 6 are expected happens among 240 stable series).
     */
    static boolean flakyDetectable(GroundTruth truth, SeriesTruth s) {
        int n = (int) Math.round(truth.spec().runsPerMode() * 0.97);
        int failures = (int) Math.round(n * (1 - s.passBefore()));
        double tail = 1 - lowerTail(n, failures - 1, truth.spec().noise());
        return tail * truth.series().size() <= 0.01;
    }

    /** P(X <= k) for X ~ Binomial(n, p). */
    private static double lowerTail(int n, int k, double p) {
        if (k < 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i <= k; i++) {
            sum += Math.exp(logChoose(n, i) + i * Math.log(p) + (n - i) * Math.log1p(-p));
        }
        return Math.min(1, sum);
    }

    private static double logChoose(int n, int k) {
        double r = 0;
        for (int i = 1; i <= k; i++) {
            r += Math.log(n - k + i) - Math.log(i);
        }
        return r;
    }

    private interface Located {
        boolean test(SeriesTruth s, String key);
    }

    /** The pattern of a series, for the per-pattern lines of the report. */
    static String pattern(SeriesTruth s, int runsPerMode) {
        switch (s.kind()) {
            case REGRESSED:
                return (s.passAfter() > 0.25 ? "partial regression" : "full regression")
                        + (s.changeIndex() >= 0 && runsPerMode - s.changeIndex() <= 6 ? ", late" : "");
            case FIXED:
                return s.passBefore() > 0.25 ? "flaky or partial to stable" : "broken to stable";
            case EPISODE:
                return (s.fixIndex() - s.changeIndex() <= 30 ? "short" : "long") + (s.passAfter() > 0.25 ? " partial" : "")
                        + " episode";
            case FLAKY:
                return s.passBefore() >= 0.85 ? "flaky 0.85-0.95" : "flaky 0.3-0.8";
            case STREAKY:
                return "streaky flaky";
            case BROKEN:
                return "broken";
            default:
                return s.firstIndex() > 0 || s.endIndex() < Integer.MAX_VALUE / 2 ? "stable, added or removed" : "stable";
        }
    }

    private static boolean near(GroundTruth truth, String mode, String runId, int index) {
        int at = truth.runIndex(mode, runId);
        return at >= 0 && Math.abs(at - index) <= KnownTruthScore.LOCATION_TOLERANCE;
    }

    /** Slower series with at least minRuns passed results on either side of the slowdown. */
    private static Set<String> detectableSlowdowns(GroundTruth truth, Jdbi jdbi) {
        Map<String, int[]> around = new HashMap<>();
        Map<String, SeriesTruth> slower = new HashMap<>();
        for (SeriesTruth s : truth.series()) {
            if (s.slower()) {
                slower.put(GroundTruth.key(s.storyId(), s.mode()), s);
            }
        }
        jdbi.useHandle(h -> h.createQuery("SELECT s.StoryId, t.Mode, s.TestRunId FROM StoryResults s JOIN TestRuns t "
                        + "ON t.Id = s.TestRunId WHERE s.Status = 'passed'")
                .map((rs, ctx) -> {
                    String key = GroundTruth.key(rs.getString(1), rs.getString(2));
                    SeriesTruth s = slower.get(key);
                    if (s != null) {
                        int at = truth.runIndex(s.mode(), rs.getString(3));
                        around.computeIfAbsent(key, k -> new int[2])[at >= s.slowerFromIndex() ? 1 : 0]++;
                    }
                    return 0;
                }).list());
        Set<String> out = new HashSet<>();
        int min = Durations.Settings.DEFAULT.minRuns();
        around.forEach((k, n) -> {
            if (n[0] >= min && n[1] >= min) {
                out.add(k);
            }
        });
        return out;
    }

    Score get(String what) {
        int[] c = counts.getOrDefault(what, new int[5]);
        return new Score(what, c[0], c[1], c[2], c[3], c[4]);
    }

    /** The report: one line per analysis, then per pattern. */
    String report() {
        StringBuilder sb = new StringBuilder();
        counts.forEach((label, c) -> sb.append(label.contains(" / ") ? "    " : "  ")
                .append(new Score(label, c[0], c[1], c[2], c[3], c[4])).append('\n'));
        return sb.toString();
    }

    /** @param locatable found changes the outcomes pin to within the tolerance (see {@code Evidence}) */
    record Score(String what, int tp, int fp, int fn, int located, int locatable) {
        double precision() {
            return tp + fp == 0 ? 1 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1 : (double) tp / (tp + fn);
        }

        double locatedShare() {
            return tp == 0 ? 1 : (double) located / tp;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-52s precision %.3f  recall %.3f  located %.3f (evidence pins %.3f)  (tp %d, fp %d, fn %d)",
                    what, precision(), recall(), locatedShare(), tp == 0 ? 1 : (double) locatable / tp, tp, fp, fn);
        }
    }
}
