package dev.anvil.record.expect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Resolves a path an expectation names inside the worktree, and refuses one that leaves it: an
 * absolute path, {@code ..} climbing above the worktree, or a symbolic link (anywhere on the way)
 * that points outside. Nothing outside the worktree is read.
 */
public final class ConfinedPath {
    private ConfinedPath() {
    }

    /** Thrown with a message fit for the expectation's result. */
    public static final class EscapeException extends Exception {
        EscapeException(String message) {
            super(message);
        }
    }

    /**
     * The path inside the worktree. It need not exist; when it (or a parent) does, its real
     * location must still be inside the worktree.
     */
    public static Path resolve(Path worktree, String relative) throws EscapeException {
        if (relative == null || relative.isBlank()) {
            throw new EscapeException("no path given");
        }
        Path rel;
        try {
            rel = Path.of(relative);
        } catch (InvalidPathException e) {
            throw new EscapeException("'" + relative + "' is not a valid path");
        }
        if (rel.isAbsolute() || relative.startsWith("/") || relative.startsWith("\\")) {
            throw new EscapeException("'" + relative + "' is absolute; paths must be relative to the worktree");
        }
        Path root = worktree.toAbsolutePath().normalize();
        Path resolved = root.resolve(rel).normalize();
        if (!resolved.startsWith(root)) {
            throw new EscapeException("'" + relative + "' escapes the worktree");
        }
        checkReal(root, resolved, relative);
        return resolved;
    }

    /** Checks that the real location of {@code path} (or of its deepest existing parent) is inside the worktree. */
    public static void checkReal(Path root, Path path, String shown) throws EscapeException {
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (IOException e) {
            throw new EscapeException("worktree " + root + " is gone");
        }
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            if (Files.isSymbolicLink(existing)) {
                // a dangling link: where would it lead?
                break;
            }
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        try {
            Path real = Files.isSymbolicLink(existing) && !Files.exists(existing)
                    ? existing.getParent().toRealPath().resolve(Files.readSymbolicLink(existing)).normalize()
                    : existing.toRealPath();
            if (!real.startsWith(realRoot)) {
                throw new EscapeException("'" + shown + "' leads outside the worktree (through a symbolic link)");
            }
        } catch (IOException e) {
            throw new EscapeException("cannot resolve '" + shown + "': " + e.getMessage());
        }
    }
}
