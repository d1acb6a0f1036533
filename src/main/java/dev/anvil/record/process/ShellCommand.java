package dev.anvil.record.process;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code /bin/sh -c COMMAND} in a folder, appending its output to a log file, and stops it
 * with its whole process tree at a timeout or when the waiting thread is interrupted.
 *
 * <p>Where {@code setsid} exists the shell leads its own session and process group, so a
 * grandchild that outlived its parent (and so left {@link ProcessHandle#descendants()}) is still
 * reached through the group. Output goes to a file, never a pipe: a background child holding the
 * pipe open cannot block us, and the log is what the user reads afterwards. Git variables that
 * redirect git to another repository ({@code GIT_DIR}, {@code GIT_WORK_TREE}, ...) are not passed
 * on from Anvil's own environment.
 */
public final class ShellCommand {
    private static final Path SETSID = findSetsid();
    private static final File DEV_NULL = new File("/dev/null");
    static final int OUTPUT_CAP = 1 << 20;
    private static final Duration GRACE = Duration.ofSeconds(2);
    static final List<String> GIT_REPOSITORY_VARIABLES = List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE",
            "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE",
            "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM");

    private ShellCommand() {
    }

    /** Whether stopped commands are killed as a process group (setsid present) as well as by descendants. */
    public static boolean usesProcessGroups() {
        return SETSID != null;
    }

    /**
     * Runs the command and waits, at most {@code timeout}.
     *
     * @throws IOException          the shell could not be started
     * @throws InterruptedException the waiting thread was interrupted; the process tree is stopped first
     */
    public static CommandResult run(String command, Path dir, Map<String, String> env, Duration timeout, Path log)
            throws IOException, InterruptedException {
        long offset = Files.exists(log) ? Files.size(log) : 0;
        long start = System.nanoTime();
        List<String> argv = new ArrayList<>(4);
        if (SETSID != null) {
            argv.add(SETSID.toString());
        }
        argv.add("/bin/sh");
        argv.add("-c");
        argv.add(command);
        ProcessBuilder pb = new ProcessBuilder(argv)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
        // Inherited from a git hook or alias, these would point every git command at another repository.
        pb.environment().keySet().removeAll(GIT_REPOSITORY_VARIABLES);
        pb.environment().putAll(env);
        Process process = pb.start();
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            stopTree(process);
            throw e;
        }
        if (!finished) {
            stopTree(process);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        long end = Files.size(log);
        String output = readFrom(log, offset);
        return new CommandResult(finished ? process.exitValue() : -1, !finished, output, elapsed, log, offset, end);
    }

    /**
     * Stops a process and everything it started: SIGTERM to the group and every descendant, a short
     * grace period, then SIGKILL to whatever is left. Safe to call on a process that already ended.
     */
    public static void stopTree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        process.descendants().forEach(tree::add);
        long group = process.pid();
        if (SETSID != null) {
            signalGroup("TERM", group);
        }
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + GRACE.toNanos();
        boolean interrupted = Thread.interrupted();
        try {
            for (ProcessHandle p : tree) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    p.onExit().get(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                } catch (Exception e) {
                    // still alive at the deadline, or gone already: the forced pass below decides
                }
            }
            // Children started during the grace period are killed too.
            process.descendants().forEach(tree::add);
            if (SETSID != null) {
                signalGroup("KILL", group);
            }
            tree.forEach(ProcessHandle::destroyForcibly);
            try {
                process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void signalGroup(String signal, long pgid) {
        try {
            Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -s " + signal + " -- -" + pgid + " 2>/dev/null")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            kill.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            // no shell to send the signal: the descendants pass still stops what it can see
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String readFrom(Path log, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long length = f.length();
            long from = Math.max(offset, length - OUTPUT_CAP);
            if (length <= from) {
                return "";
            }
            byte[] bytes = new byte[(int) (length - from)];
            f.seek(from);
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static Path findSetsid() {
        if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win")) {
            return null;
        }
        for (String p : new String[] {"/usr/bin/setsid", "/bin/setsid"}) {
            Path path = Path.of(p);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        return null;
    }
}
