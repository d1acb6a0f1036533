-- ADR-012's flaky query, verbatim (the reference: "passed and failed in the last 7 days").
SELECT StoryId, 
       COUNT(CASE WHEN Status = 'passed' THEN 1 END) as passes,
       COUNT(CASE WHEN Status = 'failed' THEN 1 END) as failures
FROM StoryResults
WHERE ExecutedAt > datetime('now', '-7 days')
GROUP BY StoryId
HAVING passes > 0 AND failures > 0;
