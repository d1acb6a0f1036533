package dev.anvil.record.worktree;

import dev.anvil.AnvilException;
import dev.anvil.record.process.CommandResult;
import dev.anvil.record.process.ShellCommand;
import dev.anvil.record.process.ShellQuote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * Makes and removes the isolated worktrees of a run, under {@code root/<run>/<story>}. Every
 * worktree is a git repository of its own, so no git command an agent runs in it reaches another
 * repository (the fixture's, or one the history lives in), and what the agent produced is the
 * difference from the commit it started at, committed or not.
 *
 * <p>A fixture that is a git repository root is cloned ({@code git clone --no-hardlinks}, origin
 * removed), not added with {@code git worktree add}: a linked worktree shares the fixture's object
 * store, refs and config, so an agent that commits, tags or pushes would write into the fixture.
 * The clone takes the fixture's HEAD (uncommitted changes in the fixture are not in it; see
 * {@link FixtureStatus}). Any other fixture, and the empty folder of a greenfield story, is made
 * once per run into a seed repository ({@code git init}, one commit of the fixture as it is) and
 * the seed copied file by file for each story (symbolic links copied as links, never followed):
 * for the small fixtures of stories a copy is cheaper than starting git for every story.
 */
public final class WorktreeFactory {
    private static final Duration GIT_TIMEOUT = Duration.ofMinutes(5);
    static final String SEEDS = ".seeds";
    static final String TRASH = ".trash";
    /** Who commits the fixture, and the default identity of an agent's commits in a copied fixture. */
    static final String IDENTITY = "git config user.name 'Anvil' && git config user.email 'anvil@localhost'";

    private record Seed(Path path, String commit) {
    }

    private final Path root;
    private final Set<Path> taken = ConcurrentHashMap.newKeySet();
    private final Map<String, Seed> seeds = new ConcurrentHashMap<>();
    /** Deletes discarded worktrees off the stories' path; waited for at the end of the run. */
    private final java.util.concurrent.ExecutorService cleaner = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "anvil-worktree-cleaner");
        t.setDaemon(true);
        return t;
    });
    private final java.util.concurrent.atomic.AtomicLong discarded = new java.util.concurrent.atomic.AtomicLong();

    public WorktreeFactory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** Creates the worktree of one story; {@code fixture} may be null (the agent starts in an empty repository). */
    public Worktree create(String runShortId, String storyId, Path fixture, Path log) throws IOException, InterruptedException {
        Path dest = reserve(root.resolve(runShortId), safeName(storyId));
        if (fixture != null && !Files.isDirectory(fixture)) {
            throw new AnvilException("fixture repository " + fixture + " is not a folder");
        }
        Path real = fixture == null ? null : fixture.toRealPath(); // a fixture reached through a link is copied, not the link
        if (real != null && Files.exists(real.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dest.getParent());
            String clone = "git clone --quiet --no-hardlinks -- " + ShellQuote.quote(real.toString()) + " "
                    + ShellQuote.quote(dest.toString()) + " && git -C " + ShellQuote.quote(dest.toString())
                    + " remote remove origin";
            CommandResult r = ShellCommand.run(clone, dest.getParent(), Map.of(), GIT_TIMEOUT, log);
            if (!r.succeeded()) {
                throw new IOException("git clone of " + real + " failed"
                        + (r.timedOut() ? " (timed out)" : " with code " + r.exitCode()) + ": " + r.tail(300));
            }
            return new Worktree(dest, Worktree.Kind.GIT_CLONE, real, null, GitHead.read(dest));
        }
        Seed seed = seed(runShortId, real, log);
        copySeed(seed.path(), dest);
        return new Worktree(dest, real == null ? Worktree.Kind.EMPTY : Worktree.Kind.FOLDER_COPY, real,
                FileSnapshot.of(dest), seed.commit());
    }

    /** The run's seed repository of a fixture (null: the empty one), made on first use. */
    private Seed seed(String runShortId, Path fixture, Path log) throws IOException, InterruptedException {
        String key = fixture == null ? "" : fixture.toString();
        Seed seed = seeds.get(key);
        if (seed != null) {
            return seed;
        }
        synchronized (seeds) {
            seed = seeds.get(key);
            if (seed == null) {
                seed = makeSeed(root.resolve(runShortId).resolve(SEEDS).resolve(String.valueOf(seeds.size() + 1)), fixture, log);
                seeds.put(key, seed);
            }
            return seed;
        }
    }

    private static Seed makeSeed(Path dir, Path fixture, Path log) throws IOException, InterruptedException {
        deleteTree(dir);
        if (fixture == null) {
            Files.createDirectories(dir);
        } else {
            copyFolder(fixture, dir);
        }
        // The seed's .git is copied for every story, and under load each file costs: no templates (no
        // sample hooks), no reflog for the fixture's commit, objects in one pack, refs packed. The
        // fixture's own .gitignore applies.
        String init = "git -c init.defaultBranch=main init -q --template= . && " + IDENTITY
                + " && git config core.logAllRefUpdates false"
                + " && git add -A && git commit -q --no-gpg-sign --no-verify --allow-empty -m "
                + ShellQuote.quote("anvil: fixture " + (fixture == null ? "(empty)" : fixture.toString()))
                + " && git repack -q -a -d -n && git pack-refs --all && git config --unset core.logAllRefUpdates"
                + " && rm -rf .git/COMMIT_EDITMSG .git/refs/heads .git/refs/tags .git/objects/info"
                + " && git rev-parse HEAD";
        CommandResult r = ShellCommand.run(init, dir, Map.of(), GIT_TIMEOUT, log);
        if (!r.succeeded()) {
            throw new IOException("git init of the fixture copy " + dir + " failed"
                    + (r.timedOut() ? " (timed out)" : " with code " + r.exitCode()) + ": " + r.tail(300));
        }
        String[] lines = r.output().strip().split("\\R");
        return new Seed(dir, lines[lines.length - 1].strip());
    }

    /**
     * The files the agent added or changed in the worktree against the commit it started at,
     * committed or not: relative, with '/' separators, sorted. Deleted files are not listed.
     */
    public List<String> generatedFiles(Worktree worktree, Path log) throws IOException, InterruptedException {
        String head = worktree.baseCommit() == null ? null : GitHead.read(worktree.path());
        boolean noCommits = worktree.baseCommit() != null && worktree.baseCommit().equals(head);
        if (noCommits && worktree.before() != null) {
            return worktree.before().addedOrChanged(FileSnapshot.of(worktree.path()));
        }
        if (worktree.baseCommit() == null || noCommits) {
            return gitStatus(worktree.path(), log);
        }
        // The agent committed (or moved HEAD): tracked changes since the base, then untracked files.
        String base = ShellQuote.quote(worktree.baseCommit());
        String diff = "git -c core.quotepath=off diff --name-only -z --no-renames --diff-filter=d " + base
                + " -- && printf '\\0\\0' && git -c core.quotepath=off ls-files -z --others --exclude-standard";
        String out = git(diff, worktree.path(), log);
        java.util.TreeSet<String> files = new java.util.TreeSet<>();
        for (String f : out.split("\0")) {
            if (!f.isEmpty()) {
                files.add(f);
            }
        }
        return new ArrayList<>(files);
    }

    private static List<String> gitStatus(Path dir, Path log) throws IOException, InterruptedException {
        String out = git("git status --porcelain=v1 -z --untracked-files=all", dir, log);
        // -z: entries "XY path" separated by NUL, paths unquoted; a rename or copy is followed by its source.
        List<String> files = new ArrayList<>();
        String[] entries = out.split("\0");
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

    /** Runs a git command line in {@code dir} and returns its whole output; its own log, so the story's stays readable. */
    private static String git(String command, Path dir, Path log) throws IOException, InterruptedException {
        Path gitLog = log.resolveSibling(log.getFileName() + ".git");
        Files.deleteIfExists(gitLog);
        try {
            CommandResult r = ShellCommand.run(command, dir, Map.of(), GIT_TIMEOUT, gitLog);
            if (!r.succeeded()) {
                throw new IOException("`" + command + "` in " + dir + " failed: " + r.tail(200));
            }
            return Files.readString(gitLog, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(gitLog);
        }
    }

    /**
     * Takes a worktree out of the way at once (a rename into the run's trash) and deletes it in the
     * background: a worktree is a repository of a dozen files and folders, and deleting them one by
     * one on the story's path cost more than the rest of Anvil's work per story.
     */
    public void discard(Worktree worktree) throws IOException {
        Path trash = root.resolve(worktree.path().getParent().getFileName().toString()).resolve(TRASH);
        Files.createDirectories(trash);
        Path moved = trash.resolve(String.valueOf(discarded.incrementAndGet()));
        Files.move(worktree.path(), moved, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        taken.remove(worktree.path());
        Runnable delete = () -> {
            try {
                deleteTree(moved);
            } catch (IOException e) {
                // left in the trash; the end of the run tries again
            }
        };
        try {
            cleaner.submit(delete);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            delete.run(); // after the end of a run: no one to hand it to
        }
    }

    /** Deletes a worktree (a passed story's, unless kept). */
    public void remove(Worktree worktree) throws IOException {
        deleteTree(worktree.path());
        taken.remove(worktree.path());
    }

    /** At the end of a run: its seed repositories and trash go, and its folder too when no worktree was kept in it. */
    public void removeRunFolderIfEmpty(String runShortId) {
        cleaner.shutdown();
        try {
            cleaner.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            deleteTree(root.resolve(runShortId).resolve(TRASH));
        } catch (IOException e) {
            // what could not be deleted stays in the trash folder
        }
        try {
            deleteTree(root.resolve(runShortId).resolve(SEEDS));
            seeds.clear();
        } catch (IOException e) {
            // a seed left behind costs disk space only
        }
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

    /**
     * Copies a seed. Its pack files are hard-linked where the file system allows: git never writes
     * a pack in place (it writes new ones), so a link is as private as a copy, at one system call.
     */
    private static void copySeed(Path seed, Path to) throws IOException {
        Files.walkFileTree(seed, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(seed.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(seed.relativize(file).toString());
                if (attrs.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(file));
                } else if (attrs.isRegularFile()) {
                    if (file.getParent().endsWith(PACKS)) {
                        try {
                            Files.createLink(target, file);
                            return FileVisitResult.CONTINUE;
                        } catch (IOException | UnsupportedOperationException e) {
                            // another file system, or no links: copy
                        }
                    }
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static final Path PACKS = Path.of(".git", "objects", "pack");

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
