package dev.anvil.analysis;

import dev.anvil.AnvilException;
import dev.anvil.frame.RecordTable;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Timestamps;
import org.jdbi.v3.core.Jdbi;
import tech.tablesaw.api.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One story's history across modes, one row per mode (and language with {@code byLanguage}):
 * counts, the pass rate with its 95% Wilson interval, and a compact timeline of its latest
 * outcomes, oldest to newest: {@code ✓} passed, {@code ✗} failed, {@code !} error, {@code -} skipped.
 */
public final class StoryTimeline {
    /** Outcomes drawn in the timeline by default; the counts cover every result. */
    public static final int DEFAULT_LAST = 60;

    private final Jdbi jdbi;

    public StoryTimeline(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * @param timeline   the latest outcomes, oldest first, one symbol each
     * @param lastStatus the newest outcome
     */
    public record Row(String storyId, String mode, String language, int runs, int passed, int failed, int errors,
                      int skipped, Double passRate, Double passRateLow, Double passRateHigh, Instant firstRun,
                      Instant lastRun, String lastStatus, String timeline) {
    }

    public static char symbol(ResultStatus status) {
        switch (status) {
            case PASSED: return '✓';
            case FAILED: return '✗';
            case ERROR: return '!';
            default: return '-';
        }
    }

    /**
     * @param last outcomes to draw per row, 0 for all
     * @throws AnvilException when the history has no result of this story at all
     */
    public List<Row> rows(String storyId, AnalysisFilter filter, int last) {
        requireKnown(storyId);
        AnalysisFilter f = filter.withStory(storyId);
        SqlFilter where = SqlFilter.of(f, "t", "s");
        Map<List<String>, Series> series = new LinkedHashMap<>();
        jdbi.useHandle(h -> where.bind(h.createQuery("SELECT t.Mode, s.Language, s.Status, t.StartedAt "
                        + "FROM TestRuns t JOIN StoryResults s ON s.TestRunId = t.Id WHERE 1 = 1" + where.sql()
                        + " ORDER BY t.Mode, t.StartedAt, s.ExecutedAt"), 0)
                .map((rs, ctx) -> {
                    String mode = rs.getString(1);
                    String language = f.byLanguage() ? rs.getString(2) : null;
                    List<String> key = language == null ? List.of(mode) : List.of(mode, language);
                    series.computeIfAbsent(key, k -> new Series(mode)).add(rs.getString(2),
                            ResultStatus.fromDb(rs.getString(3)), rs.getString(4));
                    return null;
                }).list());
        List<Row> rows = new ArrayList<>();
        for (Series s : series.values()) {
            rows.add(s.row(storyId, f, last));
        }
        return rows;
    }

    public List<Row> rows(String storyId, AnalysisFilter filter) {
        return rows(storyId, filter, DEFAULT_LAST);
    }

    public Table table(String storyId, AnalysisFilter filter, int last) {
        return RecordTable.of("story " + storyId, Row.class, rows(storyId, filter, last));
    }

    public Table table(String storyId, AnalysisFilter filter) {
        return table(storyId, filter, DEFAULT_LAST);
    }

    private void requireKnown(String storyId) {
        if (storyId == null || storyId.isBlank()) {
            throw new AnvilException("no story named: give a story id (anvil analyze failures lists failing ones)");
        }
        boolean known = jdbi.withHandle(h -> h.createQuery("SELECT 1 FROM StoryResults WHERE StoryId = :id LIMIT 1")
                .bind("id", storyId).mapTo(Integer.class).findOne().isPresent());
        if (known) {
            return;
        }
        String like = "%" + storyId.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        List<String> near = jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT StoryId FROM StoryResults "
                        + "WHERE StoryId LIKE :like ESCAPE '\\' ORDER BY StoryId LIMIT 3")
                .bind("like", like).mapTo(String.class).list());
        throw new AnvilException("unknown story '" + storyId + "': no results for it in the history"
                + (near.isEmpty() ? "" : " (did you mean " + String.join(", ", near) + "?)"));
    }

    private static final class Series {
        final String mode;
        final List<ResultStatus> outcomes = new ArrayList<>();
        String language;
        String first;
        String last;

        Series(String mode) {
            this.mode = mode;
        }

        void add(String lang, ResultStatus status, String startedAt) {
            if (language == null) {
                language = lang;
            } else if (!java.util.Arrays.asList(language.split(", ")).contains(lang)) {
                language = language + ", " + lang; // a story rewritten in another language keeps its id
            }
            outcomes.add(status);
            if (first == null) {
                first = startedAt;
            }
            last = startedAt;
        }

        Row row(String storyId, AnalysisFilter filter, int draw) {
            int[] n = new int[ResultStatus.values().length];
            for (ResultStatus s : outcomes) {
                n[s.ordinal()]++;
            }
            int passed = n[ResultStatus.PASSED.ordinal()];
            int failed = n[ResultStatus.FAILED.ordinal()];
            int errors = n[ResultStatus.ERROR.ordinal()];
            PassRate rate = PassRate.of(passed, passed + failed + (filter.errorsAsFailures() ? errors : 0));
            StringBuilder line = new StringBuilder();
            int from = draw <= 0 ? 0 : Math.max(0, outcomes.size() - draw);
            if (from > 0) {
                line.append('…');
            }
            for (int i = from; i < outcomes.size(); i++) {
                line.append(symbol(outcomes.get(i)));
            }
            return new Row(storyId, mode, language, outcomes.size(), passed, failed, errors,
                    n[ResultStatus.SKIPPED.ordinal()], rate.rate(), rate.low(), rate.high(), Timestamps.parse(first),
                    Timestamps.parse(last), outcomes.get(outcomes.size() - 1).dbValue(), line.toString());
        }
    }
}
