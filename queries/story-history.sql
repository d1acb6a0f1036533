-- One story's history: every outcome of story :story, newest first, with its run, mode and failure reason.
-- Parameters: story (required) — the story id, e.g. --param story=login-form
-- Answers "when did this story last pass, in which mode, and what did it say when it failed?"
SELECT substr(t.Id, 1, 8)     AS run,
       t.StartedAt            AS startedAt,
       t.Mode                 AS mode,
       t.SutRevision          AS sutRevision,
       s.Status               AS status,
       s.DurationMs           AS durationMs,
       s.ErrorMessage         AS errorMessage
FROM StoryResults s
JOIN TestRuns t ON t.Id = s.TestRunId
WHERE s.StoryId = :story
ORDER BY t.StartedAt DESC, t.Mode;
