package dev.anvil.report;

import dev.anvil.analysis.AnalysisFilter;
import dev.anvil.analysis.ChangePointSettings;
import dev.anvil.analysis.Durations;
import dev.anvil.analysis.Every;
import dev.anvil.analysis.FailureSignatures;
import dev.anvil.analysis.Fix;
import dev.anvil.analysis.Fixes;
import dev.anvil.analysis.FlakyStories;
import dev.anvil.analysis.FlakyStory;
import dev.anvil.analysis.OutcomeHistory;
import dev.anvil.analysis.Regression;
import dev.anvil.analysis.Regressions;
import dev.anvil.analysis.Trend;
import dev.anvil.frame.RecordTable;
import dev.anvil.history.HistoryRepository;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Run;
import dev.anvil.history.RunChanges;
import dev.anvil.history.StoryResult;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Everything the report shows, gathered once: the run and its results, what changed against the
 * previous run of its mode and against the mode's recent pass rate, and the history's analyses
 * over the window ({@code --since}, counted back from the run). {@code run} is null for an empty
 * history.
 */
record ReportData(Instant generatedAt, String historyName, Run run, List<StoryResult> results, RunChanges changes,
                  Baseline recent, PassRateCheck recentRate, Instant since, String sinceText, int runsInWindow,
                  List<Regression> regressions, List<Fix> fixes, List<FlakyStory> flaky, String trendChart,
                  String languageChart, List<Trend.Row> modeRates, List<Durations.Row> slowest,
                  List<Durations.Row> slower, String slowestChart, List<FailureSignatures.Row> failures) {

    /** Stories shown in the slowest-stories list and chart. */
    static final int SLOWEST = 15;
    /** Failure signatures shown. */
    static final int SIGNATURES = 10;

    static ReportData empty(Instant now, String historyName) {
        return new ReportData(now, historyName, null, List.of(), null, null, null, null, null, 0, List.of(), List.of(),
                List.of(), null, null, List.of(), List.of(), List.of(), null, List.of());
    }

    static ReportData collect(Jdbi jdbi, String historyName, String runName, String since, Instant now) {
        HistoryRepository repo = new HistoryRepository(jdbi);
        if (runName == null && repo.listRuns(1, null).isEmpty()) {
            return empty(now, historyName);
        }
        Run run = repo.resolveRun(runName == null ? "latest" : runName);
        List<StoryResult> results = repo.results(run.id());
        Baseline recent = Baseline.of("--since", since, run, repo);
        Instant from = recent.since() != null ? recent.since() : recent.named().startedAt();
        AnalysisFilter window = AnalysisFilter.all().withSince(from);
        OutcomeHistory history = OutcomeHistory.load(jdbi, window);
        List<Regression> regressions = new Regressions(jdbi, ChangePointSettings.DEFAULT, false).rows(history);
        List<Fix> fixes = new Fixes(jdbi).rows(history);
        List<FlakyStory> flaky = new FlakyStories(jdbi).rows(history);
        Duration span = Duration.between(from, run.startedAt().isAfter(now) ? run.startedAt() : now);
        Every every = span.toDays() > 60 ? Every.WEEK : span.toDays() >= 3 ? Every.DAY : Every.RUN;
        Trend trend = new Trend(jdbi);
        List<Trend.Row> byMode = trend.rows(window, every);
        List<Trend.Row> byLanguage = trend.rows(window.withMode(run.mode()).withByLanguage(true), every);
        String trendChart = ReportCharts.trend(RecordTable.of("trend", Trend.Row.class, byMode));
        String languageChart = ReportCharts.trend(RecordTable.of("trend", Trend.Row.class, byLanguage));
        List<Durations.Row> durations = new Durations(jdbi).rows(window.withMode(run.mode()));
        List<Durations.Row> slowest = durations.stream()
                .filter(d -> d.medianMs() != null)
                .sorted(Comparator.comparing(Durations.Row::medianMs).reversed().thenComparing(Durations.Row::storyId))
                .limit(SLOWEST).toList();
        List<Durations.Row> slower = durations.stream().filter(Durations.Row::slower).toList();
        String slowestChart = slowest.isEmpty() ? null
                : ReportCharts.durations(RecordTable.of("slowest", Durations.Row.class, slowest));
        List<FailureSignatures.Row> failures = new FailureSignatures(jdbi).rows(window.withMode(run.mode()));
        return new ReportData(now, historyName, run, sortFailingFirst(results), RunChanges.of(repo, run), recent,
                PassRateCheck.of(run, recent.runs(), Gate.DEFAULT_MAX_DROP), from, since, history.runCount(),
                regressions, fixes, flaky, trendChart, languageChart, latestPerMode(byMode), slowest, slower,
                slowestChart, failures.subList(0, Math.min(SIGNATURES, failures.size())));
    }

    /** Failing (failed, error) first, then skipped, then passed; by story id within each. */
    static List<StoryResult> sortFailingFirst(List<StoryResult> results) {
        return results.stream().sorted(Comparator.comparingInt((StoryResult r) -> rank(r.status()))
                .thenComparing(StoryResult::storyId)).toList();
    }

    private static int rank(ResultStatus s) {
        return switch (s) {
            case FAILED -> 0;
            case ERROR -> 1;
            case SKIPPED -> 2;
            case PASSED -> 3;
        };
    }

    /** The latest period's row of each mode (the trend rows come per mode, oldest first). */
    private static List<Trend.Row> latestPerMode(List<Trend.Row> rows) {
        java.util.Map<String, Trend.Row> last = new java.util.LinkedHashMap<>();
        for (Trend.Row r : rows) {
            last.put(r.mode(), r);
        }
        return List.copyOf(last.values());
    }
}
