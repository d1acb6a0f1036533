package dev.anvil.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anvil.config.Platform;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Where the results go that a history could not take (disk full, read-only, locked for minutes,
 * a server that went away), and how they come back. A recorder writes one {@link SpoolFile} per
 * run ({@link #openRun}); the next command that opens the history {@link #drainInto drains}
 * every spool file that no live recorder holds. Draining is idempotent: rows already in the
 * history (by id) are skipped, a run finished in the spool is finished in the history.
 *
 * <p>Files are named {@code <history>.spool-<run id>.jsonl} and live beside a SQLite history,
 * else (that folder unwritable or full, or the history a server) in the user's cache folder under
 * {@code spool/<hash of the history's name>}. Engine-neutral: draining needs only a Jdbi.
 */
public final class Spool {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final String SUFFIX = ".jsonl";

    private final String historyName;
    private final String prefix;
    private final List<Path> folders;

    private Spool(String historyName, String prefix, List<Path> folders) {
        this.historyName = historyName;
        this.prefix = prefix;
        this.folders = List.copyOf(folders);
    }

    /**
     * The spool of an open history: beside an SQLite file, or, for a server whose connection may be
     * what failed, in this machine's cache folder keyed by the URL without its password.
     */
    public static Spool of(HistoryDatabase db, Map<String, String> env) {
        DatabaseLocation where = db.location();
        return where != null && where.isPostgres() ? forHistory(where.shareable(), env) : beside(db.path(), env);
    }

    /** The spool of a history by its location, without opening it (a server may be away). */
    public static Spool of(DatabaseLocation where, Map<String, String> env) {
        return where.isPostgres() ? forHistory(where.shareable(), env) : beside(where.path(), env);
    }

    /**
     * What every front end does on opening a history it may write: imports the results an earlier
     * recording left in the spool. Returns the one line to tell the user, or null when none waited.
     */
    public static String importPending(HistoryDatabase db, Map<String, String> env) {
        if (db.readOnly()) {
            return null; // the spool waits for a command that can write
        }
        Spool spool = of(db, env);
        return spool.pending().isEmpty() ? null : spool.drainInto(db).summary();
    }

    /** The spool of a SQLite history file: beside it, else in the cache folder. */
    public static Spool beside(Path database, Map<String, String> env) {
        Path file = database.toAbsolutePath().normalize();
        return new Spool(file.toString(), file.getFileName() + ".spool-",
                List.of(file.getParent(), fallback(file.toString(), env)));
    }

    /**
     * The spool of a history known by name only (a server URL, password removed): in the
     * cache folder. {@code name} must identify the history, since its rows are imported there.
     */
    public static Spool forHistory(String name, Map<String, String> env) {
        return new Spool(name, "history.spool-", List.of(fallback(name, env)));
    }

    private static Path fallback(String name, Map<String, String> env) {
        return Platform.cacheDir(env).resolve("spool").resolve(hash(name));
    }

    private static String hash(String name) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The spool file for one run; nothing is written until its first append. */
    public SpoolFile openRun(String runId) {
        return new SpoolFile(this, runId);
    }

    /** The folders tried in order. */
    public List<Path> folders() {
        return folders;
    }

    String historyName() {
        return historyName;
    }

    String fileName(String runId) {
        return prefix + runId + SUFFIX;
    }

    /** Spool files waiting to be imported (held or not), oldest name first. */
    public List<Path> pending() {
        List<Path> out = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, prefix + "*" + SUFFIX)) {
                files.forEach(out::add);
            } catch (IOException e) {
                // an unreadable folder holds nothing we could import
            }
        }
        out.sort(null);
        return out;
    }

    /** What a drain did: rows added, files imported, files left (held by a live recorder, or not importable now). */
    public record DrainReport(int files, int runs, int results, List<Path> held, List<String> problems) {
        /** One line for stderr, or null when there was nothing to say. */
        public String summary() {
            if (files == 0 && problems.isEmpty()) {
                return null;
            }
            StringBuilder s = new StringBuilder();
            if (files > 0) {
                s.append("imported ").append(results).append(" result(s)").append(runs > 0 ? " and " + runs + " run(s)" : "")
                        .append(" from ").append(files).append(" spool file(s) left by an earlier recording");
            }
            if (!problems.isEmpty()) {
                s.append(s.length() > 0 ? "; " : "").append(problems.size()).append(" spool file(s) wait: ")
                        .append(problems.get(0));
            }
            return s.toString();
        }
    }

    /** Imports every spool file no live recorder holds into the history behind {@code jdbi}, deleting each once committed. */
    public DrainReport drainInto(Jdbi jdbi) {
        int files = 0;
        int runs = 0;
        int results = 0;
        List<Path> held = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : pending()) {
            try (FileChannel channel = openForLock(file)) {
                FileLock lock;
                try {
                    lock = channel.tryLock(0, Long.MAX_VALUE, !Files.isWritable(file));
                } catch (OverlappingFileLockException e) {
                    lock = null; // held by a recorder in this very process
                }
                if (lock == null) {
                    held.add(file);
                    continue;
                }
                try {
                    List<StoredRun> lines = read(file);
                    int[] added = jdbi.inTransaction(h -> merge(h, lines));
                    runs += added[0];
                    results += added[1];
                    files++;
                } finally {
                    lock.release();
                }
                Files.deleteIfExists(file);
            } catch (IOException e) {
                problems.add(file + ": " + HistoryExport.reason(e));
            } catch (RuntimeException e) {
                problems.add(file + ": " + SchemaMigrator.firstLine(rootMessage(e)));
            }
        }
        return new DrainReport(files, runs, results, held, problems);
    }

    /** Drains into an opened SQLite history. */
    public DrainReport drainInto(HistoryDatabase db) {
        return drainInto(db.jdbi());
    }

    private static FileChannel openForLock(Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            return FileChannel.open(file, StandardOpenOption.READ); // a read-only spool still imports
        }
    }

    /** The run records of a spool file; a torn last line (the recorder died while writing it) is left out. */
    static List<StoredRun> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<StoredRun> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                if (i == lines.size() - 1) {
                    break;
                }
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": malformed JSON: " + e.getOriginalMessage());
            }
            if (node.has(HistoryExport.HEADER_KEY)) {
                continue;
            }
            try {
                out.add(JSON.treeToValue(node, StoredRun.class));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getOriginalMessage());
            }
        }
        return out;
    }

    /** Merges run records into the history; returns {runs added, results added}. */
    private static int[] merge(Handle h, List<StoredRun> lines) {
        int runs = 0;
        int results = 0;
        for (StoredRun line : lines) {
            if (!StoredRows.exists(h, line.id())) {
                StoredRows.insert(h, line.withResults(List.of()));
                runs++;
            }
            List<StoredResult> missing = new ArrayList<>();
            for (StoredResult r : line.results()) {
                if (h.createQuery("SELECT COUNT(*) FROM StoryResults WHERE Id = :id").bind("id", r.id())
                        .mapTo(Integer.class).one() == 0) {
                    missing.add(r);
                }
            }
            StoredRows.insertResults(h, line.id(), missing);
            results += missing.size();
            if (line.completedAt() != null) {
                finish(h, line);
            }
        }
        return new int[] {runs, results};
    }

    /** Finishes a run the spool saw finish: totals counted from the stored results, as the recorder does. */
    private static void finish(Handle h, StoredRun line) {
        HistoryRepository.Totals t = HistoryRepository.totals(h.getConnection(), List.of(line.id()))
                .getOrDefault(line.id(), HistoryRepository.Totals.NONE);
        h.createUpdate("UPDATE TestRuns SET CompletedAt = :completedAt, TotalStories = :total, Passed = :passed, "
                        + "Failed = :failed, Skipped = :skipped, Errors = :errors, Status = :status "
                        + "WHERE Id = :id AND CompletedAt IS NULL")
                .bind("completedAt", line.completedAt())
                .bind("total", t.total())
                .bind("passed", t.passed())
                .bind("failed", t.failed() + t.errors())
                .bind("skipped", t.skipped())
                .bind("errors", t.errors())
                .bind("status", line.status())
                .bind("id", line.id())
                .execute();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
