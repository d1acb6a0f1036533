package dev.anvil.analysis;

import dev.anvil.frame.RecordTable;
import org.jdbi.v3.core.Jdbi;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Series that now fail after a sustained history of passing: a drop of the pass rate found by
 * {@link ChangePoints} (a change-point test, not a comparison of two runs) whose failing segment
 * runs to the end of the series. With {@code includeFixed}, also drops that a later rise undid
 * (status {@code fixed}). Most recent change first.
 */
public final class Regressions {
    public static final String OPEN = "open";
    public static final String FIXED = "fixed";

    private final Jdbi jdbi;
    private final ChangePointSettings settings;
    private final boolean includeFixed;

    public Regressions(Jdbi jdbi) {
        this(jdbi, ChangePointSettings.DEFAULT, false);
    }

    public Regressions(Jdbi jdbi, ChangePointSettings settings, boolean includeFixed) {
        this.jdbi = jdbi;
        this.settings = settings;
        this.includeFixed = includeFixed;
    }

    public List<Regression> rows(AnalysisFilter filter) {
        return rows(OutcomeHistory.load(jdbi, filter));
    }

    public List<Regression> rows(OutcomeHistory history) {
        List<Regression> rows = new ArrayList<>();
        List<List<ChangePoints.Change>> all = history.changes(settings);
        for (int k = 0; k < all.size(); k++) {
            OutcomeSeries s = history.series().get(k);
            List<ChangePoints.Change> changes = all.get(k);
            for (int i = 0; i < changes.size(); i++) {
                ChangePoints.Change c = changes.get(i);
                if (!c.drop() || c.rateBefore() - c.rateAfter() < settings.minEffect()) {
                    continue;
                }
                boolean fixedLater = false;
                for (int j = i + 1; j < changes.size(); j++) {
                    fixedLater |= !changes.get(j).drop();
                }
                if (fixedLater && !includeFixed) {
                    continue;
                }
                rows.add(row(history, s, c, fixedLater ? FIXED : OPEN));
            }
        }
        rows.sort(Comparator.comparing(Regression::changedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Regression::storyId));
        return rows;
    }

    private static Regression row(OutcomeHistory h, OutcomeSeries s, ChangePoints.Change c, String status) {
        int first = c.index();
        while (first < c.to() - 1 && s.passed(first)) {
            first++; // the change is dated by the first failure of the failing segment
        }
        int lastPass = first - 1;
        while (lastPass >= 0 && !s.passed(lastPass)) {
            lastPass--;
        }
        int run = s.run(first);
        return new Regression(s.storyId(), s.mode(), h.language(s), lastPass < 0 ? null : h.runId(s.run(lastPass)),
                h.runId(run), h.runStartedAt(run), h.runRevision(run), c.rateBefore(), c.rateAfter(), c.runsBefore(),
                c.runsAfter(), c.pValue(), status);
    }

    /** The rows as a table; the {@code status} column only when fixed regressions are included. */
    public Table table(AnalysisFilter filter) {
        Table t = RecordTable.of("regressions", Regression.class, rows(filter));
        return includeFixed ? t : t.removeColumns("status");
    }
}
