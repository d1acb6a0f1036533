package dev.anvil.record.report;

import dev.anvil.history.ResultStatus;
import dev.anvil.history.Run;
import dev.anvil.history.RunChanges;
import dev.anvil.history.StoryResult;
import dev.anvil.record.RecordListener;
import dev.anvil.record.RecordOutcome;
import dev.anvil.story.Story;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The terminal's view of a run (ADR-011): a header, one line per finished story
 * ({@code [3/10] story-id  ✓  12.3s}) with the reason and the kept worktree under a failure, a
 * live line for the stories in flight when writing to a terminal, and a summary with what
 * changed against the previous run of the mode.
 */
public final class ConsoleReporter implements RecordListener, AutoCloseable {
    private final PrintWriter out;
    private final String database;
    private final boolean live;
    private final boolean unicode;
    private final Map<String, Long> inFlight = new ConcurrentHashMap<>();
    private ScheduledExecutorService ticker;
    private int liveWidth;
    private int idWidth = 10;

    /** @param live whether to keep a live line for the stories in flight (only on a terminal) */
    public ConsoleReporter(PrintWriter out, Path database, boolean live) {
        this(out, database, live, true);
    }

    /** @param unicode whether the output can show ✓ ✗ · (else + x |) */
    public ConsoleReporter(PrintWriter out, Path database, boolean live, boolean unicode) {
        this(out, database.toString(), live, unicode);
    }

    /**
     * @param database the history as a user names it: a file, or a server's URL with its password
     *                 masked ({@code HistoryDatabase.display()}), never a local stand-in path
     */
    public ConsoleReporter(PrintWriter out, String database, boolean live, boolean unicode) {
        this.out = out;
        this.database = database;
        this.live = live;
        this.unicode = unicode;
    }

    /** Whether standard output's encoding can show the symbols (a C locale cannot). */
    public static boolean unicodeStdout() {
        String name = System.getProperty("sun.stdout.encoding", System.getProperty("file.encoding", "UTF-8"));
        try {
            return java.nio.charset.Charset.forName(name).newEncoder().canEncode("✓✗·");
        } catch (RuntimeException e) {
            return false;
        }
    }

    public String symbol(ResultStatus status) {
        switch (status) {
            case PASSED: return unicode ? "✓" : "+";
            case FAILED: return unicode ? "✗" : "x";
            case ERROR: return "!";
            default: return "-";
        }
    }

    private String dot() {
        return unicode ? "·" : "|";
    }

    @Override
    public synchronized void runStarted(Run run, List<Story> stories) {
        for (Story s : stories) {
            idWidth = Math.max(idWidth, Math.min(40, s.id().length()));
        }
        String d = dot();
        out.printf("anvil record  mode %s  %s  %d stor%s  %s  database %s  %s  run %s%n", run.mode(), d, stories.size(),
                stories.size() == 1 ? "y" : "ies", d, database, d, run.shortId());
        out.flush();
        if (live) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "anvil-live-line");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::tick, 500, 500, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void storyStarted(Story story) {
        inFlight.put(story.id(), System.nanoTime());
    }

    @Override
    public synchronized void storyFinished(Story story, StoryResult r, int done, int total) {
        inFlight.remove(story.id());
        clearLive();
        String counter = "[" + done + "/" + total + "]";
        out.printf("%s %-" + idWidth + "s  %s  %s%n", counter, r.storyId(), symbol(r.status()), seconds(r.durationMs()));
        if (r.status() != ResultStatus.PASSED) {
            String indent = " ".repeat(counter.length() + 1);
            if (r.errorMessage() != null) {
                out.println(indent + oneLine(r.errorMessage(), 240));
            }
            // Only a worktree that is there: Aura may have removed its own.
            if (r.worktreePath() != null && r.status() != ResultStatus.SKIPPED
                    && java.nio.file.Files.isDirectory(java.nio.file.Path.of(r.worktreePath()))) {
                out.println(indent + "worktree kept: " + r.worktreePath());
            }
            if (r.logPath() != null && r.status() != ResultStatus.SKIPPED) {
                out.println(indent + "agent log:     " + r.logPath());
            }
        }
        out.flush();
    }

    @Override
    public synchronized void runFinished(RecordOutcome outcome) {
        stopTicker();
        clearLive();
        Run run = outcome.run();
        int errors = run.errors();
        int failed = run.failed() - errors;
        int ran = run.passed() + run.failed();
        String rate = ran == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100.0 * run.passed() / ran);
        String duration = run.duration() == null ? "?" : seconds(run.duration().toMillis());
        out.println();
        out.printf("%s%d passed, %d failed, %d error%s, %d skipped  %s  %s pass  %s  %s%n",
                outcome.interrupted() ? "INTERRUPTED  " : "", run.passed(), failed, errors, errors == 1 ? "" : "s",
                run.skipped(), dot(), rate, dot(), duration);
        if (outcome.waitingInSpool() != null) {
            out.printf("run %s kept in the spool %s until the history answers: the next anvil command imports it%n",
                    run.shortId(), outcome.waitingInSpool());
            out.flush();
            return;
        }
        RunChanges changes = outcome.changes();
        if (changes.previous().isEmpty()) {
            out.printf("first run of mode %s in this history%n", run.mode());
        } else {
            Run prev = changes.previous().get();
            if (changes.newlyFailing().isEmpty() && changes.newlyPassing().isEmpty()) {
                out.printf("no story changed outcome since run %s%n", prev.shortId());
            } else {
                out.printf("since run %s:%n", prev.shortId());
                if (!changes.newlyFailing().isEmpty()) {
                    out.println("  newly failing: " + String.join(", ", changes.newlyFailing()));
                }
                if (!changes.newlyPassing().isEmpty()) {
                    out.println("  newly passing: " + String.join(", ", changes.newlyPassing()));
                }
            }
        }
        out.printf("run %s recorded%s%n", run.shortId(), outcome.interrupted() ? " as interrupted" : "");
        out.flush();
    }

    private synchronized void tick() {
        if (inFlight.isEmpty()) {
            clearLive();
            return;
        }
        long now = System.nanoTime();
        StringBuilder line = new StringBuilder("  running ");
        int n = 0;
        for (Map.Entry<String, Long> e : inFlight.entrySet()) {
            if (n++ > 0) {
                line.append(", ");
            }
            line.append(e.getKey()).append(' ').append(seconds((now - e.getValue()) / 1_000_000));
            if (n == 3 && inFlight.size() > 3) {
                line.append(", +").append(inFlight.size() - 3).append(" more");
                break;
            }
        }
        String text = line.toString();
        out.print("\r" + text + " ".repeat(Math.max(0, liveWidth - text.length())));
        liveWidth = text.length();
        out.flush();
    }

    private void clearLive() {
        if (liveWidth > 0) {
            out.print("\r" + " ".repeat(liveWidth) + "\r");
            liveWidth = 0;
        }
    }

    private void stopTicker() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }

    @Override
    public void close() {
        stopTicker();
    }

    static String seconds(Long ms) {
        return ms == null ? "?" : String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }

    static String oneLine(String s, int max) {
        String t = s.replaceAll("\\s*\\R\\s*", " | ");
        return t.length() <= max ? t : t.substring(0, max - 3) + "...";
    }
}
