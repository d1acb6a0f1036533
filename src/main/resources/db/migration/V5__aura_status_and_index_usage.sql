-- What an Aura story reports beside its result: Aura's own final status (a story passes on its
-- expectations whatever that status is, so it is kept to tell them apart) and how the agent
-- found its way to the code (index usage, the .NET Anvil's IndexEffectivenessMetrics), so it
-- can be trended. One row per result of an Aura mode; none for command modes. Plain CREATE
-- TABLE, so the same file runs on SQLite and PostgreSQL; deleting a result deletes its row.
CREATE TABLE AuraResults (
    StoryResultId TEXT PRIMARY KEY REFERENCES StoryResults(Id) ON DELETE CASCADE,
    AuraStoryId TEXT,                 -- Aura's id of the story it created for this result
    AuraStatus TEXT,                  -- Aura's last status: Completed, Failed, GateFailed, Cancelled, ...
    ToolCalls INTEGER,                -- every tool call of the story's steps
    SemanticToolCalls INTEGER,        -- calls of Aura's semantic tools (aura_search, roslyn.*, graph.*, ...)
    FileLevelToolCalls INTEGER,       -- calls of file-level tools (read_file, grep_search, list_dir, ...)
    AuraToolRatio DOUBLE PRECISION,   -- semantic / (semantic + file-level); NULL without discovery calls
    StepsToFirstRelevantCode INTEGER, -- tool calls up to and including the first edit (all calls if none)
    BacktrackingEvents INTEGER,       -- files read and never edited
    DetectedPatterns TEXT             -- JSON array: fishing, guessing, direct
);
