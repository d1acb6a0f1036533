package dev.anvil.analysis;

import dev.anvil.frame.RecordTable;
import org.jdbi.v3.core.Jdbi;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Series that pass now after a sustained history of failing: the mirror of {@link Regressions},
 * a rise of the pass rate found by {@link ChangePoints} whose passing segment runs to the end.
 * Most recent change first.
 */
public final class Fixes {
    private final Jdbi jdbi;
    private final ChangePointSettings settings;

    public Fixes(Jdbi jdbi) {
        this(jdbi, ChangePointSettings.DEFAULT);
    }

    public Fixes(Jdbi jdbi, ChangePointSettings settings) {
        this.jdbi = jdbi;
        this.settings = settings;
    }

    public List<Fix> rows(AnalysisFilter filter) {
        return rows(OutcomeHistory.load(jdbi, filter));
    }

    public List<Fix> rows(OutcomeHistory history) {
        List<Fix> rows = new ArrayList<>();
        List<List<ChangePoints.Change>> all = history.changes(settings);
        for (int k = 0; k < all.size(); k++) {
            OutcomeSeries s = history.series().get(k);
            List<ChangePoints.Change> changes = all.get(k);
            if (changes.isEmpty()) {
                continue;
            }
            ChangePoints.Change c = changes.get(changes.size() - 1);
            if (c.drop() || c.rateAfter() - c.rateBefore() < settings.minEffect()) {
                continue;
            }
            int first = c.index();
            while (first < c.to() - 1 && !s.passed(first)) {
                first++; // dated by the first pass of the passing segment
            }
            int lastFailure = first - 1;
            while (lastFailure >= 0 && s.passed(lastFailure)) {
                lastFailure--;
            }
            int run = s.run(first);
            rows.add(new Fix(s.storyId(), s.mode(), history.language(s), lastFailure < 0 ? null : history.runId(s.run(lastFailure)),
                    history.runId(run), history.runStartedAt(run), history.runRevision(run), c.rateBefore(),
                    c.rateAfter(), c.runsBefore(), c.runsAfter(), c.pValue()));
        }
        rows.sort(Comparator.comparing(Fix::changedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Fix::storyId));
        return rows;
    }

    public Table table(AnalysisFilter filter) {
        return RecordTable.of("fixed", Fix.class, rows(filter));
    }
}
