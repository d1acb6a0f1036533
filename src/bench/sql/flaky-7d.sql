-- The 7-day flaky question, hand-written for SQLite: per story and mode over the last 7 days,
-- counted runs, pass rate with its 95% Wilson interval and flip rate (pass/fail changes per run,
-- by a window over time); kept with 10 runs, the interval within [0.10, 0.95] and a flip rate of
-- at least 0.1 (the criteria of FlakyStories, without its change-point exclusion).
-- Reads the recent end of IX_StoryResults_ExecutedAt_Outcome and joins each result to its run.
WITH recent AS MATERIALIZED (
    SELECT r.StoryId, t.Mode, r.Status, r.ExecutedAt
    FROM StoryResults r JOIN TestRuns t ON t.Id = r.TestRunId
    WHERE r.ExecutedAt >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-7 days')
      AND r.Status IN ('passed', 'failed')
), flips AS (
    SELECT StoryId, Mode, Status,
           Status <> lag(Status) OVER (PARTITION BY StoryId, Mode ORDER BY ExecutedAt) AS Flip
    FROM recent
), series AS (
    SELECT StoryId, Mode, COUNT(*) AS n, AVG(Status = 'passed') AS p,
           1.0 * SUM(Flip) / (COUNT(*) - 1) AS flipRate
    FROM flips
    GROUP BY StoryId, Mode
), wilson AS (
    SELECT StoryId, Mode, n, p, flipRate,
           (p + 1.9208 / n - 1.96 * sqrt(p * (1 - p) / n + 0.9604 / (n * n))) / (1 + 3.8415 / n) AS low,
           (p + 1.9208 / n + 1.96 * sqrt(p * (1 - p) / n + 0.9604 / (n * n))) / (1 + 3.8415 / n) AS high
    FROM series
    WHERE n >= 10
)
SELECT StoryId, Mode, n AS runs, p AS passRate, low AS passRateLow, high AS passRateHigh, flipRate
FROM wilson
WHERE low >= 0.10 AND high <= 0.95 AND flipRate >= 0.1
ORDER BY flipRate DESC;
