-- What Anvil records beyond ADR-005. Plain ALTER TABLE ... ADD COLUMN and CREATE TABLE so the
-- same file runs on SQLite and PostgreSQL.

-- Run metadata: lifecycle status ('running', 'completed', 'interrupted'), infrastructure errors
-- (ADR-005 folds them into Failed; Failed keeps counting failed + error), who ran it and against
-- which revision of the system under test.
ALTER TABLE TestRuns ADD COLUMN Status TEXT;
ALTER TABLE TestRuns ADD COLUMN Errors INTEGER;
ALTER TABLE TestRuns ADD COLUMN Label TEXT;
ALTER TABLE TestRuns ADD COLUMN SutRevision TEXT;
ALTER TABLE TestRuns ADD COLUMN Host TEXT;
ALTER TABLE TestRuns ADD COLUMN Pid INTEGER;
ALTER TABLE TestRuns ADD COLUMN AnvilVersion TEXT;

-- Per-result provenance: which version of the story file ran, where its agent log and kept
-- worktree are.
ALTER TABLE StoryResults ADD COLUMN StoryHash TEXT;
ALTER TABLE StoryResults ADD COLUMN LogPath TEXT;
ALTER TABLE StoryResults ADD COLUMN WorktreePath TEXT;

-- One row per expectation of a story result, in the story's order.
CREATE TABLE ExpectationResults (
    StoryResultId TEXT NOT NULL REFERENCES StoryResults(Id),
    Position INTEGER NOT NULL,
    Type TEXT NOT NULL,
    Description TEXT,
    Status TEXT NOT NULL,    -- 'passed', 'failed', 'skipped', 'error'
    Message TEXT,
    PRIMARY KEY (StoryResultId, Position)
);

-- Indexes the questions need: results of a run, and runs by time (and mode).
CREATE INDEX IX_StoryResults_TestRunId ON StoryResults(TestRunId);
CREATE INDEX IX_TestRuns_StartedAt ON TestRuns(StartedAt);
CREATE INDEX IX_TestRuns_Mode_StartedAt ON TestRuns(Mode, StartedAt);
