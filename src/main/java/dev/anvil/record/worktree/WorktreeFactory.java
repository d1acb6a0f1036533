package dev.anvil.record.worktree;

import dev.anvil.AnvilException;
import dev.anvil.record.process.CommandResult;
import dev.anvil.record.process.ShellCommand;
import dev.anvil.record.process.ShellQuote;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes and removes the isolated worktrees of a run, under {@code root/<run>/<story>}.
 *
 * <p>A fixture that is a git repository root is cloned ({@code git clone --no-hardlinks}, origin
 * removed), not added with {@code git worktree add}: a linked worktree shares the fixture's object
 * store, refs and config, so an agent that commits, tags or pushes would write into the fixture.
 * A clone shares nothing; its {@code git status} tells what the agent changed. Any other fixture
 * is copied file by file (symbolic links copied as links, never followed), which for the small
 * fixtures of stories is cheaper than starting a process.
 */
public final class WorktreeFactory {
    private static final Duration GIT_TIMEOUT = Duration.ofMinutes(5);

    private final Path root;
    private final Set<Path> taken = ConcurrentHashMap.newKeySet();

    public WorktreeFactory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** Creates the worktree of one story; {@code fixture} may be null (the agent starts in an empty folder). */
    public Worktree create(String runShortId, String storyId, Path fixture, Path log) throws IOException, InterruptedException {
        Path dest = reserve(root.resolve(runShortId), safeName(storyId));
        if (fixture == null) {
            Files.createDirectories(dest);
            return new Worktree(dest, Worktree.Kind.EMPTY, null, FileSnapshot.of(dest));
        }
        if (!Files.isDirectory(fixture)) {
            throw new AnvilException("fixture repository " + fixture + " is not a folder");
        }
        fixture = fixture.toRealPath(); // a fixture reached through a link is copied, not the link
        if (Files.exists(fixture.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dest.getParent());
            String clone = "git clone --quiet --no-hardlinks -- " + ShellQuote.quote(fixture.toString()) + " "
                    + ShellQuote.quote(dest.toString()) + " && git -C " + ShellQuote.quote(dest.toString())
                    + " remote remove origin";
            CommandResult r = ShellCommand.run(clone, dest.getParent(), Map.of(), GIT_TIMEOUT, log);
            if (!r.succeeded()) {
                throw new IOException("git clone of " + fixture + " failed"
                        + (r.timedOut() ? " (timed out)" : " with code " + r.exitCode()) + ": " + r.tail(300));
            }
            return new Worktree(dest, Worktree.Kind.GIT_CLONE, fixture, null);
        }
        copyFolder(fixture, dest);
        return new Worktree(dest, Worktree.Kind.FOLDER_COPY, fixture, FileSnapshot.of(dest));
    }

    /** The files the agent added or changed in the worktree, relative, with '/' separators, sorted. */
    public List<String> generatedFiles(Worktree worktree, Path log) throws IOException, InterruptedException {
        if (worktree.kind() != Worktree.Kind.GIT_CLONE) {
            return worktree.before().addedOrChanged(FileSnapshot.of(worktree.path()));
        }
        Path statusLog = log.resolveSibling(log.getFileName() + ".git-status");
        CommandResult r = ShellCommand.run("git status --porcelain=v1 -z --untracked-files=all", worktree.path(), Map.of(),
                GIT_TIMEOUT, statusLog);
        Files.deleteIfExists(statusLog);
        if (!r.succeeded()) {
            throw new IOException("git status in " + worktree.path() + " failed: " + r.tail(200));
        }
        // -z: entries "XY path" separated by NUL, paths unquoted; a rename or copy is followed by its source.
        List<String> files = new ArrayList<>();
        String[] entries = r.output().split("\0");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i];
            if (entry.length() < 4) {
                continue;
            }
            char x = entry.charAt(0);
            char y = entry.charAt(1);
            if (x == 'R' || x == 'C') {
                i++; // skip the source path
            }
            if (x != 'D' && y != 'D') {
                files.add(entry.substring(3));
            }
        }
        files.sort(null);
        return files;
    }

    /** Deletes a worktree (a passed story's, unless kept). */
    public void remove(Worktree worktree) throws IOException {
        deleteTree(worktree.path());
        taken.remove(worktree.path());
    }

    /** At the end of a run: its folder goes too when no worktree was kept in it. */
    public void removeRunFolderIfEmpty(String runShortId) {
        try {
            Files.deleteIfExists(root.resolve(runShortId));
        } catch (IOException e) {
            // not empty (failed stories' worktrees are kept) or already gone
        }
    }

    private Path reserve(Path runDir, String name) {
        for (int i = 1; ; i++) {
            Path candidate = runDir.resolve(i == 1 ? name : name + "-" + i);
            if (taken.add(candidate) && !Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return candidate;
            }
        }
    }

    static String safeName(String storyId) {
        String s = storyId == null ? "story" : storyId.replaceAll("[^A-Za-z0-9._-]+", "_");
        if (s.isEmpty() || s.equals(".") || s.equals("..")) {
            s = "story";
        }
        return s.length() > 80 ? s.substring(0, 80) : s;
    }

    static void copyFolder(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(dir).toString());
                try {
                    Files.createDirectories(target);
                } catch (FileAlreadyExistsException e) {
                    throw new IOException("cannot create " + target + ": something that is not a folder is there", e);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(file).toString());
                if (attrs.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(file));
                } else if (attrs.isRegularFile()) {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes a folder tree without following symbolic links out of it. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                // a folder the agent made unreadable: make it ours again and retry once
                file.toFile().setReadable(true);
                file.toFile().setWritable(true);
                file.toFile().setExecutable(true);
                deleteTree(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
