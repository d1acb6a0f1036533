-- Mode comparison: the same stories' pass rates in copilot-cli, aura-agents and story-ui over the last 30 days.
-- Parameters: none. Stories where the modes disagree most come first; errors and skips are left out.
-- Answers "which stories does one mode solve and another not?"
WITH recent AS (
    SELECT s.StoryId, t.Mode, s.Status
    FROM StoryResults s
    JOIN TestRuns t ON t.Id = s.TestRunId
    WHERE t.StartedAt >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-30 days')
      AND s.Status IN ('passed', 'failed')
),
rates AS (
    SELECT StoryId,
           AVG(CASE WHEN Mode = 'copilot-cli' THEN Status = 'passed' END) AS copilotCli,
           AVG(CASE WHEN Mode = 'aura-agents' THEN Status = 'passed' END) AS auraAgents,
           AVG(CASE WHEN Mode = 'story-ui'    THEN Status = 'passed' END) AS storyUi,
           COUNT(*) AS results
    FROM recent
    GROUP BY StoryId
)
SELECT StoryId AS storyId,
       ROUND(copilotCli, 3) AS copilotCli,
       ROUND(auraAgents, 3) AS auraAgents,
       ROUND(storyUi, 3)    AS storyUi,
       ROUND(MAX(COALESCE(copilotCli, 0), COALESCE(auraAgents, 0), COALESCE(storyUi, 0))
           - MIN(COALESCE(copilotCli, 1), COALESCE(auraAgents, 1), COALESCE(storyUi, 1)), 3) AS spread,
       results
FROM rates
ORDER BY spread DESC, storyId;
