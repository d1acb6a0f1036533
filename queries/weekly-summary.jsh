// Weekly summary for the stand-up: pass rate per mode this week against last week, what regressed, what got
// fixed, the flakiest stories and the top failure reasons of the week.
// Parameters: days (the length of "this week", default 7), top (rows per list, default 5).
// Answers "how did the agent do this week, and what needs someone's attention?"
int days = param("days", 7);
int top = param("top", 5);
Instant thisWeek = ago(days + "d"), weekBefore = ago(2 * days + "d");

Table rates = sql("SELECT t.Mode AS mode, "
        + "SUM(CASE WHEN t.StartedAt >= ? AND s.Status = 'passed' THEN 1 ELSE 0 END) AS passedThisWeek, "
        + "SUM(CASE WHEN t.StartedAt >= ? AND s.Status IN ('passed', 'failed') THEN 1 ELSE 0 END) AS countedThisWeek, "
        + "SUM(CASE WHEN t.StartedAt < ? AND s.Status = 'passed' THEN 1 ELSE 0 END) AS passedLastWeek, "
        + "SUM(CASE WHEN t.StartedAt < ? AND s.Status IN ('passed', 'failed') THEN 1 ELSE 0 END) AS countedLastWeek, "
        + "COUNT(DISTINCT CASE WHEN t.StartedAt >= ? THEN t.Id END) AS runsThisWeek "
        + "FROM TestRuns t JOIN StoryResults s ON s.TestRunId = t.Id WHERE t.StartedAt >= ? "
        + "GROUP BY t.Mode ORDER BY t.Mode",
        thisWeek, thisWeek, thisWeek, thisWeek, thisWeek, weekBefore);
DoubleColumn thisRate = rates.intColumn("passedThisWeek").divide(rates.intColumn("countedThisWeek")).setName("passRateThisWeek");
DoubleColumn lastRate = rates.intColumn("passedLastWeek").divide(rates.intColumn("countedLastWeek")).setName("passRateLastWeek");
show("Pass rate per mode, last " + days + " days against the " + days + " before",
        Table.create("passRate", rates.stringColumn("mode"), rates.intColumn("runsThisWeek"), thisRate, lastRate,
                thisRate.subtract(lastRate).setName("change")));

Table regressed = regressions(opts().includeFixed());
show("Regressions that changed this week",
        regressed.where(regressed.instantColumn("changedAt").isAfter(thisWeek))
                .selectColumns("storyId", "mode", "firstFailingRunId", "changedAt", "passRateBefore", "passRateAfter", "status")
                .first(top));
Table fixes = fixed();
show("Fixed this week", fixes.where(fixes.instantColumn("changedAt").isAfter(thisWeek)).first(top));
show("Flakiest stories (last 30 days)", flaky(since("30d"))
        .selectColumns("storyId", "mode", "runs", "passRate", "flipRate", "score").first(top));
show("Top failure reasons this week", failures(since(days + "d"))
        .selectColumns("signature", "count", "stories", "storyIds").first(top));
