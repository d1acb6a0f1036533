package dev.anvil.analysis;

import org.jdbi.v3.core.Jdbi;

import java.util.List;

/**
 * The .NET Anvil's own questions, as its ADRs wrote them, kept runnable on our database as the
 * baseline our analyses must beat (see the README: they mistake noise for change and miss a
 * regression from its second failing run on). Both look at the last 7 days by {@code ExecutedAt}
 * and group by story only, across modes.
 */
public final class AdrQueries {

    /**
     * ADR-005's regression query ("find stories that recently started failing": the latest result
     * failed and the one before passed, within 7 days). The ADR writes it in LINQ; this is the same
     * query in SQL, as EF Core's SQLite provider runs it.
     */
    public static final String ADR005_REGRESSIONS = ""
            + "SELECT g.StoryId\n"
            + "FROM (SELECT DISTINCT StoryId FROM StoryResults WHERE ExecutedAt > datetime('now', '-7 days')) g\n"
            + "WHERE (SELECT r.Status FROM StoryResults r\n"
            + "       WHERE r.StoryId = g.StoryId AND r.ExecutedAt > datetime('now', '-7 days')\n"
            + "       ORDER BY r.ExecutedAt DESC LIMIT 1) = 'failed'\n"
            + "  AND (SELECT r.Status FROM StoryResults r\n"
            + "       WHERE r.StoryId = g.StoryId AND r.ExecutedAt > datetime('now', '-7 days')\n"
            + "       ORDER BY r.ExecutedAt DESC LIMIT 1 OFFSET 1) = 'passed'";

    /** ADR-012's flaky query, verbatim: stories that both passed and failed in the last 7 days. */
    public static final String ADR012_FLAKY = ""
            + "-- Find flaky stories (passed and failed in last 7 days)\n"
            + "SELECT StoryId, \n"
            + "       COUNT(CASE WHEN Status = 'passed' THEN 1 END) as passes,\n"
            + "       COUNT(CASE WHEN Status = 'failed' THEN 1 END) as failures\n"
            + "FROM StoryResults\n"
            + "WHERE ExecutedAt > datetime('now', '-7 days')\n"
            + "GROUP BY StoryId\n"
            + "HAVING passes > 0 AND failures > 0;";

    private final Jdbi jdbi;

    public AdrQueries(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Story ids ADR-005's query calls regressed. */
    public List<String> regressions() {
        return jdbi.withHandle(h -> h.createQuery(ADR005_REGRESSIONS).mapTo(String.class).list());
    }

    /** Story ids ADR-012's query calls flaky. */
    public List<String> flaky() {
        return jdbi.withHandle(h -> h.createQuery(ADR012_FLAKY).map((rs, ctx) -> rs.getString(1)).list());
    }
}
