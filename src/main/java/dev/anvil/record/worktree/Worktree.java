package dev.anvil.record.worktree;

import java.nio.file.Path;

/**
 * A story's private copy of its fixture repository.
 *
 * @param path    where the agent works
 * @param kind    how it was made: a git clone of a repository root, a folder copy, or an empty folder
 * @param fixture the fixture it was made from (null for an empty folder)
 * @param before  what the copy held before the agent ran (folder copies only), to find what it changed
 */
public record Worktree(Path path, Kind kind, Path fixture, FileSnapshot before) {
    public enum Kind { GIT_CLONE, FOLDER_COPY, EMPTY }
}
