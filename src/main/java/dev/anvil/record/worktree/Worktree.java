package dev.anvil.record.worktree;

import java.nio.file.Path;

/**
 * A story's private copy of its fixture repository: always a git repository of its own.
 *
 * @param path       where the agent works
 * @param kind       how it was made: a git clone of a repository root, a folder copy, or an empty folder
 * @param fixture    the fixture it was made from (null for an empty folder)
 * @param before     what the copy held before the agent ran (folder copies and empty folders), to find
 *                   what it changed without starting a process when the agent made no commit
 * @param baseCommit the commit the agent started from (the fixture's HEAD, or the one commit of a
 *                   copied fixture); null when unknown (a worktree the executor made)
 */
public record Worktree(Path path, Kind kind, Path fixture, FileSnapshot before, String baseCommit) {
    public enum Kind { GIT_CLONE, FOLDER_COPY, EMPTY }

    public Worktree(Path path, Kind kind, Path fixture, FileSnapshot before) {
        this(path, kind, fixture, before, null);
    }
}
