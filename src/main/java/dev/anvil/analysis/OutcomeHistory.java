package dev.anvil.analysis;

import dev.anvil.history.Timestamps;
import org.jdbi.v3.core.Jdbi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome series of a history under a filter, loaded for the change-point and flakiness
 * analyses: the runs (id, start, mode, revision) in time order, and one {@link OutcomeSeries} per
 * (story, mode) — or (story, language) with {@code byLanguage} — of primitive arrays.
 *
 * <p>Loading is two queries and no join: the runs, then one scan of the counted results over the
 * covering index {@code IX_StoryResults_ExecutedAt_Series} (V3), in time order, reading four short
 * columns; each result finds its run (and so its mode) in a hash map of the run ids.
 */
public final class OutcomeHistory {
    private final String[] runIds;
    private final Instant[] runStarts;
    private final String[] runModes;
    private final String[] runRevisions;
    private final List<OutcomeSeries> series;

    private OutcomeHistory(String[] runIds, Instant[] runStarts, String[] runModes, String[] runRevisions,
                           List<OutcomeSeries> series) {
        this.runIds = runIds;
        this.runStarts = runStarts;
        this.runModes = runModes;
        this.runRevisions = runRevisions;
        this.series = series;
    }

    public static OutcomeHistory load(Jdbi jdbi, AnalysisFilter filter) {
        return jdbi.withHandle(h -> {
            try {
                return load(h.getConnection(), filter);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the outcome series: " + e.getMessage(), e);
            }
        });
    }

    private static OutcomeHistory load(Connection c, AnalysisFilter filter) throws SQLException {
        List<String> ids = new ArrayList<>();
        List<Instant> starts = new ArrayList<>();
        List<String> modes = new ArrayList<>();
        List<String> revisions = new ArrayList<>();
        SqlFilter runFilter = SqlFilter.of(filter, "t", null);
        try (PreparedStatement ps = c.prepareStatement("SELECT t.Id, t.StartedAt, t.Mode, t.SutRevision FROM TestRuns t "
                + "WHERE 1 = 1" + runFilter.sql() + " ORDER BY t.StartedAt, t.Id")) {
            runFilter.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                    starts.add(Timestamps.parse(rs.getString(2)));
                    modes.add(rs.getString(3));
                    revisions.add(rs.getString(4));
                }
            }
        }
        int nRuns = ids.size();
        Map<String, Integer> runIndex = new HashMap<>(nRuns * 2);
        for (int i = 0; i < nRuns; i++) {
            runIndex.put(ids.get(i), i);
        }
        Map<String, OutcomeSeries> byKey = new HashMap<>();
        List<OutcomeSeries> series = new ArrayList<>();
        if (nRuns > 0) {
            StringBuilder sql = new StringBuilder("SELECT StoryId, TestRunId, Status = 'passed', Language FROM StoryResults "
                    + "WHERE Status IN ('passed', 'failed'" + (filter.errorsAsFailures() ? ", 'error'" : "") + ")");
            List<Object> params = new ArrayList<>();
            if (filter.since() != null) {
                // A result of a run started since then was executed since then: lets the scan start in the index.
                sql.append(" AND ExecutedAt >= ?");
                params.add(Timestamps.format(filter.since()));
            }
            if (filter.storyId() != null) {
                sql.append(" AND StoryId = ?");
                params.add(filter.storyId());
            }
            if (filter.language() != null) {
                sql.append(" AND Language = ?");
                params.add(filter.language());
            }
            sql.append(" ORDER BY ExecutedAt");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                ps.setFetchSize(4096);
                String lastStory = null;
                String lastRunId = null;
                int run = -1;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String runId = rs.getString(2);
                        if (!runId.equals(lastRunId)) {
                            Integer r = runIndex.get(runId);
                            run = r == null ? -1 : r;
                            lastRunId = runId;
                        }
                        if (run < 0) {
                            continue; // a run outside the filter (another mode, or started before --since)
                        }
                        String story = rs.getString(1);
                        if (story.equals(lastStory)) {
                            story = lastStory; // share the instance: keys hash faster and rows keep less
                        }
                        lastStory = story;
                        String language = rs.getString(4);
                        String second = filter.byLanguage() ? language : modes.get(run);
                        String key = story + '\u0000' + second;
                        OutcomeSeries s = byKey.get(key);
                        if (s == null) {
                            s = filter.byLanguage() ? new OutcomeSeries(story, null, language)
                                    : new OutcomeSeries(story, modes.get(run), language);
                            byKey.put(key, s);
                            series.add(s);
                        }
                        s.add(run, rs.getBoolean(3));
                    }
                }
            }
        }
        for (OutcomeSeries s : series) {
            s.sortByRun();
        }
        series.sort((a, b) -> {
            int byStory = a.storyId().compareTo(b.storyId());
            if (byStory != 0) {
                return byStory;
            }
            String x = a.mode() != null ? a.mode() : a.language();
            String y = b.mode() != null ? b.mode() : b.language();
            return x == null ? (y == null ? 0 : -1) : y == null ? 1 : x.compareTo(y);
        });
        return new OutcomeHistory(ids.toArray(new String[0]), starts.toArray(new Instant[0]),
                modes.toArray(new String[0]), revisions.toArray(new String[0]), Collections.unmodifiableList(series));
    }

    public List<OutcomeSeries> series() {
        return series;
    }

    public int runCount() {
        return runIds.length;
    }

    public String runId(int run) {
        return runIds[run];
    }

    public Instant runStartedAt(int run) {
        return runStarts[run];
    }

    public String runMode(int run) {
        return runModes[run];
    }

    public String runRevision(int run) {
        return runRevisions[run];
    }
}
