-- Slowest stories and how their durations changed: the last 7 days against the 7 days before.
-- Parameters: none. One row per story and mode, slowest (recent mean) first, top 20; durations in ms.
-- Answers "what takes longest now, and did it get slower?" (anvil analyze durations has the change-point test)
WITH timed AS (
    SELECT s.StoryId, t.Mode, s.DurationMs,
           t.StartedAt >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-7 days') AS recent
    FROM StoryResults s
    JOIN TestRuns t ON t.Id = s.TestRunId
    WHERE t.StartedAt >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-14 days')
      AND s.DurationMs IS NOT NULL AND s.Status <> 'skipped'
)
SELECT StoryId AS storyId,
       Mode AS mode,
       SUM(recent) AS runsRecent,
       CAST(AVG(CASE WHEN recent THEN DurationMs END) AS INTEGER)     AS meanMsRecent,
       MAX(CASE WHEN recent THEN DurationMs END)                      AS maxMsRecent,
       CAST(AVG(CASE WHEN NOT recent THEN DurationMs END) AS INTEGER) AS meanMsBefore,
       ROUND(100.0 * (AVG(CASE WHEN recent THEN DurationMs END) / AVG(CASE WHEN NOT recent THEN DurationMs END) - 1), 1)
                                                                      AS changePercent
FROM timed
GROUP BY StoryId, Mode
HAVING SUM(recent) > 0
ORDER BY meanMsRecent DESC
LIMIT 20;
