-- PostgreSQL only. Text compares and sorts by the database's locale there (en_US puts 'b-2'
-- before 'b1' ignoring punctuation), byte by byte in SQLite. Ids, stories, modes and ISO-8601
-- timestamps are compared and ordered everywhere, so the columns of V1 that hold them use the
-- "C" collation: the same order, and the same answers, on both engines.
ALTER TABLE TestRuns ALTER COLUMN Id TYPE TEXT COLLATE "C";
ALTER TABLE TestRuns ALTER COLUMN StartedAt TYPE TEXT COLLATE "C";
ALTER TABLE TestRuns ALTER COLUMN CompletedAt TYPE TEXT COLLATE "C";
ALTER TABLE TestRuns ALTER COLUMN Mode TYPE TEXT COLLATE "C";
ALTER TABLE StoryResults ALTER COLUMN Id TYPE TEXT COLLATE "C";
ALTER TABLE StoryResults ALTER COLUMN TestRunId TYPE TEXT COLLATE "C";
ALTER TABLE StoryResults ALTER COLUMN StoryId TYPE TEXT COLLATE "C";
ALTER TABLE StoryResults ALTER COLUMN StoryPath TYPE TEXT COLLATE "C";
ALTER TABLE StoryResults ALTER COLUMN Language TYPE TEXT COLLATE "C";
ALTER TABLE StoryResults ALTER COLUMN Status TYPE TEXT COLLATE "C";
ALTER TABLE StoryResults ALTER COLUMN ErrorMessage TYPE TEXT COLLATE "C";
ALTER TABLE StoryResults ALTER COLUMN ExecutedAt TYPE TEXT COLLATE "C";
