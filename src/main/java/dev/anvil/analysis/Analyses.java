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
