-- Liveness across hosts: a recorder writes the time to its run row every few seconds, in the
-- fixed-width ISO-8601 UTC text of every other timestamp (2026-11-27T06:00:00.000Z). A run that
-- says running but whose heartbeat is older than a minute is incomplete, wherever it was recorded.
-- Nullable: runs written before this version, or by other ADR-005 writers, have none.
ALTER TABLE TestRuns ADD COLUMN Heartbeat TEXT;
