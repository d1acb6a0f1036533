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
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * The outcome series of a history under a filter, loaded for the change-point and flakiness
 * analyses: the runs (id, start, mode, revision) in time order, and one {@link OutcomeSeries} per
 * (story, mode) — or (story, language) with {@code byLanguage} — of primitive arrays.
 *
 * <p>Loading reads the runs (filtered by mode and since) in time order, then each run's counted
 * outcomes as one concatenated string from a covering index, so series fill in run order without a
 * sort and without a join. The SQL is the same on SQLite and PostgreSQL: {@code string_agg}
 * (SQLite 3.44 and later) with the separators as string literals (PostgreSQL text cannot hold
 * {@code \0}, so the language follows {@code \u0002}).
 */
public final class OutcomeHistory {
    /** Between story and language in an outcome key: a character no id holds and both engines' text can. */
    private static final char LANGUAGE_MARK = '\u0002';
    private final String[] runIds;
    private final Instant[] runStarts;
    private final String[] runModes;
    private final String[] runRevisions;
    private final List<OutcomeSeries> series;
    private final Jdbi jdbi;
    private final Map<String, String> languages = new HashMap<>();
    private final Map<ChangePointSettings, List<List<ChangePoints.Change>>> changes = new ConcurrentHashMap<>();

    private OutcomeHistory(String[] runIds, Instant[] runStarts, String[] runModes, String[] runRevisions,
                           List<OutcomeSeries> series, Jdbi jdbi) {
        this.jdbi = jdbi;
        this.runIds = runIds;
        this.runStarts = runStarts;
        this.runModes = runModes;
        this.runRevisions = runRevisions;
        this.series = series;
    }

    public static OutcomeHistory load(Jdbi jdbi, AnalysisFilter filter) {
        return jdbi.withHandle(h -> {
            try {
                return load(h.getConnection(), filter, jdbi);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the outcome series: " + e.getMessage(), e);
            }
        });
    }

    private static OutcomeHistory load(Connection c, AnalysisFilter filter, Jdbi jdbi) throws SQLException {
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
        Map<String, String> modeNames = new HashMap<>();
        int[] runMode = new int[nRuns];
        List<String> modeList = new ArrayList<>();
        for (int i = 0; i < nRuns; i++) {
            String m = modes.get(i);
            if (!modeNames.containsKey(m)) {
                modeNames.put(m, m);
                modeList.add(m);
            }
            runMode[i] = modeList.indexOf(m);
        }
        List<OutcomeSeries> series = new ArrayList<>();
        // The runs' outcome keys, a string per run (PerRunText), answered from the covering index
        // IX_StoryResults_Run_Outcome_Duration (V6): a year of results crosses JDBC as 2,190
        // strings instead of 876,000 rows. Per mode a key is "+story" or "-story" (the language of
        // a reported row is looked up afterwards), per language "+story\u0002language".
        String aggregate = "string_agg((CASE r.Status WHEN 'passed' THEN '+' ELSE '-' END) || r.StoryId"
                + (filter.byLanguage() ? " || '" + LANGUAGE_MARK + "' || r.Language" : "") + ", '\u0001')";
        StringBuilder where = new StringBuilder(" AND r.Status IN ('passed', 'failed'" + (filter.errorsAsFailures() ? ", 'error'" : "") + ")");
        List<Object> params = new ArrayList<>();
        if (filter.storyId() != null) {
            where.append(" AND r.StoryId = ?");
            params.add(filter.storyId());
        }
        if (filter.language() != null) {
            where.append(" AND r.Language = ?");
            params.add(filter.language());
        }
        RegionKeys<Target> keys = new RegionKeys<>();
        Map<String, OutcomeSeries[]> stories = new HashMap<>();
        boolean byLanguage = filter.byLanguage();
        PerRunText.read(jdbi, c, aggregate, "r", where.toString(), params, ids,
                (run, text, start, end) -> file(run, text, start, end, runMode[run], modeList, byLanguage, keys, stories, series));
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
                modes.toArray(new String[0]), revisions.toArray(new String[0]), Collections.unmodifiableList(series), jdbi);
    }

    /** Files one outcome key, {@code text[start, end)}, into its series. */
    private static void file(int run, String text, int start, int end, int m, List<String> modeList, boolean byLanguage,
                             RegionKeys<Target> keys, Map<String, OutcomeSeries[]> stories, List<OutcomeSeries> series) {
        Target e = keys.find(text, start, end);
        if (e == null) {
            e = keys.add(text.substring(start, end), newTarget(text.substring(start, end), byLanguage, modeList.size(), stories));
        }
        OutcomeSeries[] slots = e.series();
        int slot = byLanguage ? 0 : m;
        OutcomeSeries s = slots[slot];
        if (s == null) {
            s = slots[slot] = new OutcomeSeries(e.story(), byLanguage ? null : modeList.get(m), e.language());
            series.add(s);
        }
        s.add(run, e.pass());
    }

    /** What an outcome key stands for: pass or not, its story and language, and the story's series (one slot per mode). */
    private record Target(boolean pass, String story, String language, OutcomeSeries[] series) {
    }

    /** The target of a new outcome key: its pass flag, story, language and the story's series slots (shared by both outcomes). */
    private static Target newTarget(String key, boolean byLanguage, int modes, Map<String, OutcomeSeries[]> stories) {
        boolean pass = key.charAt(0) == '+';
        int zero = key.indexOf(LANGUAGE_MARK);
        String story = zero < 0 ? key.substring(1) : key.substring(1, zero);
        String language = zero < 0 ? null : key.substring(zero + 1);
        // Per mode: one series per story and mode, whatever its language. Per language: one series
        // per story and language.
        String shared = byLanguage ? key.substring(1) : story;
        OutcomeSeries[] slots = stories.computeIfAbsent(shared, k -> new OutcomeSeries[byLanguage ? 1 : Math.max(1, modes)]);
        return new Target(pass, story, language, slots);
    }

    public List<OutcomeSeries> series() {
        return series;
    }

    /**
     * The change points of every series, in the order of {@link #series()}: computed once per
     * settings (the report and the gate ask for regressions, fixes and flaky stories of one history)
     * and on every core, as each series is independent of the others.
     */
    public List<List<ChangePoints.Change>> changes(ChangePointSettings settings) {
        return changes.computeIfAbsent(settings, s -> IntStream.range(0, series.size()).parallel()
                .mapToObj(i -> List.copyOf(ChangePoints.of(series.get(i), s)))
                .toList());
    }

    /**
     * The language of a series: its own with {@code byLanguage}, else the language of the story's
     * latest result in the series. The first call reads them for every series at once, from the
     * last runs of the series (usually the latest run of each mode).
     */
    public String language(OutcomeSeries s) {
        if (s.language() != null) {
            return s.language();
        }
        if (languages.isEmpty() && !series.isEmpty()) {
            java.util.Set<String> lastRuns = new java.util.HashSet<>();
            for (OutcomeSeries x : series) {
                lastRuns.add(runIds[x.run(x.size() - 1)]);
            }
            jdbi.useHandle(h -> h.createQuery("SELECT TestRunId, StoryId, Language FROM StoryResults WHERE TestRunId IN (<runs>)")
                    .bindList("runs", new ArrayList<>(lastRuns))
                    .map((rs, ctx) -> languages.put(rs.getString(2) + '\u0000' + rs.getString(1), rs.getString(3)))
                    .list());
        }
        return languages.get(s.storyId() + '\u0000' + runIds[s.run(s.size() - 1)]);
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
