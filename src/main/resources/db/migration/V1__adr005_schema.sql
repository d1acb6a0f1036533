-- ADR-005 "Database Strategy", schema overview, to the letter.
-- Never edit this file: other ADR-005 implementations (the .NET Anvil) create the same tables,
-- and their databases are adopted as version 1.

-- Test runs (a collection of story executions)
CREATE TABLE TestRuns (
    Id TEXT PRIMARY KEY,
    StartedAt TEXT NOT NULL,
    CompletedAt TEXT,
    Mode TEXT NOT NULL,  -- 'copilot-cli', 'aura-agents', 'story-ui'
    TotalStories INTEGER,
    Passed INTEGER,
    Failed INTEGER,
    Skipped INTEGER
);

-- Individual story results
CREATE TABLE StoryResults (
    Id TEXT PRIMARY KEY,
    TestRunId TEXT NOT NULL REFERENCES TestRuns(Id),
    StoryId TEXT NOT NULL,
    StoryPath TEXT NOT NULL,
    Language TEXT NOT NULL,  -- 'csharp', 'python', 'typescript'
    Status TEXT NOT NULL,    -- 'passed', 'failed', 'skipped', 'error'
    DurationMs INTEGER,
    ErrorMessage TEXT,
    GeneratedFiles TEXT,     -- JSON array of file paths
    ExecutedAt TEXT NOT NULL
);

-- For regression tracking
CREATE INDEX IX_StoryResults_StoryId ON StoryResults(StoryId);
CREATE INDEX IX_StoryResults_ExecutedAt ON StoryResults(ExecutedAt);
