-- Indexes the analyses need, chosen from EXPLAIN QUERY PLAN of their queries on a year of
-- history (876,000 results; see the README, "Numbers: analysis"). Plain CREATE INDEX, so the same
-- file runs on SQLite and PostgreSQL. The ADR-005 indexes stay as they are.

-- Outcome series (regressions, fixes, flaky): each run's counted outcomes read from the index
-- alone, without touching the table rows.
CREATE INDEX IX_StoryResults_Run_Outcome ON StoryResults(TestRunId, Status, StoryId, Language);

-- One story's history in time order: --story, the story timeline, and ADR-005's regression query
-- ("latest result of this story, and the one before"), which becomes a seek and a one-row scan.
CREATE INDEX IX_StoryResults_StoryId_ExecutedAt ON StoryResults(StoryId, ExecutedAt);

-- The last N days: a range on ExecutedAt that covers story, outcome and run, so 7-day questions
-- (ADR-012's flaky query among them) read the recent end of one index instead of the whole table.
CREATE INDEX IX_StoryResults_ExecutedAt_Outcome ON StoryResults(ExecutedAt, StoryId, Status, TestRunId);
