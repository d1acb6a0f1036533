package dev.anvil.analysis;

import dev.anvil.frame.RecordTable;
import org.jdbi.v3.core.Jdbi;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Series that alternate between passing and failing without a sustained change, ranked by their
 * exponentially weighted flip rate (Kowalczyk et al., "Modeling and ranking flaky tests at Apple",
 * ICSE-SEIP 2020).
 *
 * <p>Only the current segment of a series counts: outcomes after its last change point
 * ({@link ChangePoints}), less the first {@code minAfter} runs after it (the change's location is
 * uncertain by a few runs), so a single regression or fix is a change, not flakiness, and a story
 * that was flaky and is fixed is no longer flaky. The segment is flaky when it has at least
 * {@code minRuns} results, the 95% Wilson interval of its pass rate lies inside
 * [{@code minPassRate}, stable level] (it fails significantly more often than a stable story's
 * stray failures and passes significantly more often than a broken story), and it flips at least
 * {@code minFlipRate} of the time.
 *
 * <p>The stable level is not a fixed cut: stray failures are a property of the history (its agent,
 * its infrastructure), so it is estimated from the history itself: the 30th percentile of the
 * failure rates of its series with at least 30 results (most series are stable; the low
 * percentile keeps flaky and broken ones out of the estimate), times {@link #STRAY_FACTOR}, and
 * the level is 1 minus that, at most {@code maxPassRate}. With 1% stray failures a story passing
 * 0.93 of 200 times is flaky; with 3% it needs more runs, and one passing 0.96 cannot be told
 * from a stable one at all.
 */
public final class FlakyStories {
    private final Jdbi jdbi;
    private final ChangePointSettings changes;
    private final FlakySettings settings;

    public FlakyStories(Jdbi jdbi) {
        this(jdbi, ChangePointSettings.DEFAULT, FlakySettings.DEFAULT);
    }

    public FlakyStories(Jdbi jdbi, ChangePointSettings changes, FlakySettings settings) {
        this.jdbi = jdbi;
        this.changes = changes;
        this.settings = settings;
    }

    public List<FlakyStory> rows(AnalysisFilter filter) {
        return rows(OutcomeHistory.load(jdbi, filter));
    }

    public List<FlakyStory> rows(OutcomeHistory history) {
        List<FlakyStory> rows = new ArrayList<>();
        double stable = stableLevel(history);
        List<List<ChangePoints.Change>> all = history.changes(changes);
        for (int k = 0; k < all.size(); k++) {
            OutcomeSeries s = history.series().get(k);
            if (s.size() < settings.minRuns()) {
                continue;
            }
            List<ChangePoints.Change> cs = all.get(k);
            // The first runs after a change are its transition (its location is uncertain by a few
            // runs): the current segment starts minAfter runs later.
            int from = cs.isEmpty() ? 0 : cs.get(cs.size() - 1).index() + changes.minAfter();
            FlakyStory row = judge(history, s, from, stable);
            if (row != null) {
                rows.add(row);
            }
        }
        rows.sort(Comparator.comparingDouble(FlakyStory::score).reversed().thenComparing(FlakyStory::storyId));
        return rows;
    }

    /** How many times the history's typical stray-failure rate a stable story may fail. */
    static final double STRAY_FACTOR = 2;

    /** The pass rate above which a series is not told apart from a stable one in this history. */
    double stableLevel(OutcomeHistory history) {
        List<Double> failureRates = new ArrayList<>();
        for (OutcomeSeries s : history.series()) {
            if (s.size() >= 30) {
                failureRates.add(1 - (double) s.passes(0, s.size()) / s.size());
            }
        }
        if (failureRates.size() < 5) {
            return settings.maxPassRate();
        }
        failureRates.sort(null);
        double stray = failureRates.get((int) (0.3 * (failureRates.size() - 1)));
        return Math.min(settings.maxPassRate(), 1 - STRAY_FACTOR * Math.max(stray, 0.005));
    }

    private FlakyStory judge(OutcomeHistory history, OutcomeSeries s, int from, double stable) {
        int n = s.size() - from;
        if (n < settings.minRuns() || from >= s.size()) {
            return null;
        }
        int passes = s.passes(from, s.size());
        PassRate rate = PassRate.of(passes, n);
        if (rate.low() < settings.minPassRate() || rate.high() > stable) {
            return null;
        }
        int flips = 0;
        double weighted = 0;
        double weights = 0;
        double decay = Math.pow(0.5, 1 / settings.halfLife());
        double w = 1;
        for (int i = s.size() - 1; i > from; i--) { // newest transition first, weight 1, then decaying
            boolean flip = s.passed(i) != s.passed(i - 1);
            if (flip) {
                flips++;
                weighted += w;
            }
            weights += w;
            w *= decay;
        }
        double flipRate = (double) flips / (n - 1);
        if (flipRate < settings.minFlipRate()) {
            return null;
        }
        return new FlakyStory(s.storyId(), s.mode(), history.language(s), n, rate.rate(), rate.low(), rate.high(), flipRate,
                weighted / weights);
    }

    public Table table(AnalysisFilter filter) {
        return RecordTable.of("flaky", FlakyStory.class, rows(filter));
    }
}
