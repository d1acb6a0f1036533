package dev.anvil.analysis;

import dev.anvil.frame.Frames;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.HistoryRepository;
import org.jdbi.v3.core.Jdbi;
import tech.tablesaw.api.Table;

/**
 * Every question Anvil answers over a history, as Tablesaw tables: the one entry point that the
 * command line, the console, saved queries and notebooks share. Each method has a no-argument
 * form over the whole history ({@link AnalysisFilter#all()}).
 */
public final class Analyses {
    private final Jdbi jdbi;

    public Analyses(HistoryDatabase database) {
        this(database.jdbi());
    }

    public Analyses(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public HistoryRepository repository() {
        return new HistoryRepository(jdbi);
    }

    // ---- regressions, fixes, flaky stories ---------------------------------------------------

    /**
     * Series that fail now after a sustained history of passing (see {@link Regressions}); with
     * {@code includeFixed}, also those fixed since, and a {@code status} column.
     */
    public Table regressions(AnalysisFilter filter, boolean includeFixed) {
        return new Regressions(jdbi, ChangePointSettings.DEFAULT, includeFixed).table(filter);
    }

    public Table regressions(AnalysisFilter filter) {
        return regressions(filter, false);
    }

    public Table regressions() {
        return regressions(AnalysisFilter.all(), false);
    }

    /** Series that pass now after a sustained history of failing (see {@link Fixes}). */
    public Table fixed(AnalysisFilter filter) {
        return new Fixes(jdbi).table(filter);
    }

    public Table fixed() {
        return fixed(AnalysisFilter.all());
    }

    /** Series that alternate without a sustained change, most flaky first (see {@link FlakyStories}). */
    public Table flaky(AnalysisFilter filter) {
        return new FlakyStories(jdbi).table(filter);
    }

    public Table flaky() {
        return flaky(AnalysisFilter.all());
    }

    // ---- trends, durations, comparisons, failures, stories --------------------------------

    /** Pass rate per period and mode (and language), with Wilson intervals (see {@link Trend}). */
    public Table trend(AnalysisFilter filter, Every every) {
        return new Trend(jdbi).table(filter, every);
    }

    public Table trend(AnalysisFilter filter) {
        return trend(filter, Every.WEEK);
    }

    public Table trend(Every every) {
        return trend(AnalysisFilter.all(), every);
    }

    public Table trend() {
        return trend(AnalysisFilter.all(), Every.WEEK);
    }

    /** Median and p90 duration per story and mode, and which became slower (see {@link Durations}). */
    public Table durations(AnalysisFilter filter) {
        return new Durations(jdbi).table(filter);
    }

    public Table durations() {
        return durations(AnalysisFilter.all());
    }

    /** Every passed duration of one story per mode, marked before or after its latest change (see {@link DurationSamples}). */
    public Table durations(String storyId, AnalysisFilter filter) {
        return new DurationSamples(jdbi).table(storyId, filter);
    }

    public Table durations(String storyId) {
        return durations(storyId, AnalysisFilter.all());
    }

    /** Pass rate per mode and language over the window, with Wilson intervals (see {@link ModeComparison}). */
    public Table modes(AnalysisFilter filter) {
        return new ModeComparison(jdbi).table(filter);
    }

    public Table modes() {
        return modes(AnalysisFilter.all());
    }

    /** Only the series that became significantly slower, largest slowdown first. */
    public Table slower(AnalysisFilter filter) {
        return new Durations(jdbi).slowerTable(filter);
    }

    public Table slower() {
        return slower(AnalysisFilter.all());
    }

    /**
     * What changed between two runs (see {@link RunComparison}); a null name takes the default:
     * the latest run, and the run before it of the same mode.
     */
    public Table compare(String runA, String runB, AnalysisFilter filter) {
        return new RunComparison(jdbi).table(runA, runB, filter);
    }

    public Table compare(String runA, String runB) {
        return compare(runA, runB, AnalysisFilter.all());
    }

    /** The latest run against the run before it of the same mode. */
    public Table compare() {
        return compare(null, null, AnalysisFilter.all());
    }

    /** Failure messages grouped by normalized signature (see {@link FailureSignatures}). */
    public Table failures(AnalysisFilter filter) {
        return new FailureSignatures(jdbi).table(filter);
    }

    public Table failures() {
        return failures(AnalysisFilter.all());
    }

    /** One story's record per mode with a timeline of its latest outcomes (see {@link StoryTimeline}). */
    public Table story(String storyId, AnalysisFilter filter) {
        return new StoryTimeline(jdbi).table(storyId, filter);
    }

    public Table story(String storyId) {
        return story(storyId, AnalysisFilter.all());
    }

    // ---- frames ----------------------------------------------------------------------------

    /** One row per run, oldest first (see {@link Frames#runs}). */
    public Table runs(AnalysisFilter filter) {
        return Frames.runs(jdbi, filter);
    }

    public Table runs() {
        return runs(AnalysisFilter.all());
    }

    /** One row per story result with its run's mode and start (see {@link Frames#results}). */
    public Table results(AnalysisFilter filter) {
        return Frames.results(jdbi, filter);
    }

    public Table results() {
        return results(AnalysisFilter.all());
    }

    /** Any query as a table, {@code ?} parameters bound in order. */
    public Table sql(String sql, Object... params) {
        return Frames.sql(jdbi, sql, params);
    }
}
