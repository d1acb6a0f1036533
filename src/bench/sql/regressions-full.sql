-- The regression question over the whole history, hand-written for SQLite: per story and mode,
-- the series that passed at least 8 times and 80% of the time up to its last pass, then
-- failed every run since (at least 5), with the run of the first failure.
WITH recent AS MATERIALIZED (
    SELECT r.StoryId, t.Mode, r.Status, r.ExecutedAt, r.TestRunId
    FROM StoryResults r JOIN TestRuns t ON t.Id = r.TestRunId
    WHERE r.Status IN ('passed', 'failed')
), numbered AS (
    SELECT StoryId, Mode, Status, TestRunId,
           row_number() OVER (PARTITION BY StoryId, Mode ORDER BY ExecutedAt) AS i,
           COUNT(*) OVER (PARTITION BY StoryId, Mode) AS n
    FROM recent
), series AS (
    SELECT StoryId, Mode, MAX(n) AS n, SUM(Status = 'passed') AS passes,
           MAX(CASE WHEN Status = 'passed' THEN i END) AS lastPass
    FROM numbered
    GROUP BY StoryId, Mode
)
SELECT s.StoryId, s.Mode, s.lastPass AS runsBefore, s.n - s.lastPass AS runsAfter,
       1.0 * s.passes / s.lastPass AS passRateBefore, f.TestRunId AS firstFailingRunId
FROM series s JOIN numbered f ON f.StoryId = s.StoryId AND f.Mode = s.Mode AND f.i = s.lastPass + 1
WHERE s.lastPass >= 8 AND s.n - s.lastPass >= 5 AND 1.0 * s.passes / s.lastPass >= 0.8;
