package dev.anvil.report;

import dev.anvil.AnvilException;
import dev.anvil.analysis.AnalysisFilter;
import dev.anvil.analysis.ChangePointSettings;
import dev.anvil.analysis.FlakyStories;
import dev.anvil.analysis.FlakyStory;
import dev.anvil.analysis.OutcomeHistory;
import dev.anvil.analysis.Regression;
import dev.anvil.analysis.Regressions;
import dev.anvil.history.HistoryRepository;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Run;
import dev.anvil.history.StoryResult;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CI gate: does the latest run of a mode show a new significant regression, or a significant
 * drop of the mode's pass rate against a baseline? A regression is new when its change point (the
 * first failure of the failing segment, see {@link Regressions}) lies after the baseline's start
 * and the story still fails in the run checked. One failure is never a regression (it cannot be
 * significant after a history of passes), so flaky noise and stray failures pass the gate; they are
 * listed as such.
 */
public final class Gate {
    public static final double DEFAULT_MAX_DROP = 0.05;

    private final Jdbi jdbi;

    public Gate(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * @param run           the run checked
     * @param baseline      what it is measured against
     * @param regressions   new significant regressions that still fail in the run
     * @param passRate      the run's pass rate against the baseline's
     * @param flakyFailures stories failing in the run that are flaky (not counted), with their evidence
     * @param otherFailures stories failing in the run that are neither (stray failures, known regressions, errors)
     */
    public record Verdict(Run run, Baseline baseline, List<Regression> regressions, PassRateCheck passRate,
                          List<FlakyStory> flakyFailures, List<StoryResult> otherFailures) {
        public boolean failed() {
            return !regressions.isEmpty() || passRate.significantDrop();
        }

        public int exitCode() {
            return failed() ? 1 : 0;
        }
    }

    /**
     * Checks the latest run (of {@code mode}, else of any mode) against {@code baselineSpec}.
     *
     * @throws AnvilException (exit 2) when there is no run to check, or the baseline names nothing
     */
    public Verdict check(String mode, String baselineSpec, double maxDrop) {
        if (maxDrop < 0 || maxDrop > 1 || Double.isNaN(maxDrop)) {
            throw new AnvilException("--max-drop must be a fraction between 0 and 1 (0.05 is five points), not " + maxDrop);
        }
        HistoryRepository repo = new HistoryRepository(jdbi);
        List<Run> latest = repo.listRuns(1, mode);
        if (latest.isEmpty()) {
            throw new AnvilException(mode == null ? "no runs recorded yet: nothing to gate (record one with anvil record)"
                    : "no runs of mode '" + mode + "' in the history: nothing to gate");
        }
        Run run = latest.get(0);
        Baseline baseline = Baseline.of("--baseline", baselineSpec, run, repo);
        // the whole series of the mode: a change point needs the passes before it, not just the baseline's
        OutcomeHistory history = OutcomeHistory.load(jdbi, AnalysisFilter.all().withMode(run.mode()));
        List<StoryResult> failing = new ArrayList<>();
        for (StoryResult r : repo.results(run.id())) {
            if (r.status() == ResultStatus.FAILED || r.status() == ResultStatus.ERROR) {
                failing.add(r);
            }
        }
        Map<String, StoryResult> failingById = new HashMap<>();
        failing.forEach(r -> failingById.put(r.storyId(), r));
        java.time.Instant from = baseline.since() != null ? baseline.since() : baseline.named().startedAt();
        List<Regression> fresh = new ArrayList<>();
        for (Regression r : new Regressions(jdbi, ChangePointSettings.DEFAULT, false).rows(history)) {
            StoryResult now = failingById.get(r.storyId());
            if (now != null && now.status() == ResultStatus.FAILED && r.changedAt() != null && r.changedAt().isAfter(from)) {
                fresh.add(r);
            }
        }
        List<FlakyStory> flaky = new ArrayList<>();
        for (FlakyStory f : new FlakyStories(jdbi).rows(history)) {
            if (failingById.containsKey(f.storyId())) {
                flaky.add(f);
            }
        }
        List<StoryResult> other = new ArrayList<>();
        for (StoryResult r : failing) {
            boolean explained = fresh.stream().anyMatch(g -> g.storyId().equals(r.storyId()))
                    || flaky.stream().anyMatch(f -> f.storyId().equals(r.storyId()));
            if (!explained) {
                other.add(r);
            }
        }
        return new Verdict(run, baseline, List.copyOf(fresh), PassRateCheck.of(run, baseline.runs(), maxDrop),
                List.copyOf(flaky), List.copyOf(other));
    }
}
