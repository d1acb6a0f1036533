package dev.anvil.history;

import dev.anvil.AnvilException;
import dev.anvil.Version;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run's spool file, written by its recorder while the history cannot take its rows. Every
 * line is a whole run record of the JSON-lines export (the run's columns and the results added
 * since the last line), written and forced to disk before {@link #append} returns. The file is
 * locked while its recorder holds it, so a command that drains spools leaves it alone.
 *
 * <p>The file is made on the first append, in the first folder of the {@link Spool} that accepts
 * it; when a folder stops accepting lines (a full disk) the next folder takes over.
 */
public final class SpoolFile implements AutoCloseable {
    private final Spool spool;
    private final String runId;
    private final List<Path> written = new ArrayList<>();
    private FileChannel channel;
    private FileLock lock;
    private int folder;

    SpoolFile(Spool spool, String runId) {
        this.spool = spool;
        this.runId = runId;
    }

    /**
     * Appends one run record; throws {@link AnvilException} (with every folder's reason) when no
     * spool folder can keep it.
     */
    public synchronized Path append(StoredRun rows) {
        byte[] line;
        try {
            line = (HistoryExport.JSON.writeValueAsString(rows) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<String> reasons = new ArrayList<>();
        while (true) {
            if (channel == null && !openNext(reasons)) {
                throw new AnvilException("cannot spool run " + Ids.shortId(runId) + ": " + String.join("; ", reasons));
            }
            long before = -1;
            try {
                before = channel.size();
                write(line);
                channel.force(false);
                return written.get(written.size() - 1);
            } catch (IOException e) {
                reasons.add(written.get(written.size() - 1) + ": " + HistoryExport.reason(e));
                undo(before);
                closeChannel();
                folder++;
            }
        }
    }

    /** Every file this spool wrote (more than one when a folder filled up), last one current. */
    public synchronized List<Path> paths() {
        return List.copyOf(written);
    }

    /** The file being written, or null before the first append. */
    public synchronized Path path() {
        return written.isEmpty() ? null : written.get(written.size() - 1);
    }

    private boolean openNext(List<String> reasons) {
        List<Path> folders = spool.folders();
        while (folder < folders.size()) {
            Path file = folders.get(folder).resolve(spool.fileName(runId));
            try {
                Files.createDirectories(file.getParent());
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                lock = channel.tryLock();
                written.add(file);
                if (channel.size() == 0) {
                    write((HistoryExport.JSON.writeValueAsString(header()) + "\n").getBytes(StandardCharsets.UTF_8));
                }
                return true;
            } catch (IOException | RuntimeException e) {
                reasons.add(file + ": " + (e instanceof IOException ? HistoryExport.reason((IOException) e) : e.getMessage()));
                closeChannel();
                folder++;
            }
        }
        return false;
    }

    private Map<String, Object> header() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put(HistoryExport.HEADER_KEY, HistoryExport.LAYOUT_VERSION);
        h.put("anvilVersion", Version.get());
        h.put("spoolOf", spool.historyName());
        return h;
    }

    private void write(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /** Cuts a half-written line off, so the file stays whole lines. */
    private void undo(long size) {
        if (size < 0) {
            return;
        }
        try {
            channel.truncate(size);
        } catch (IOException e) {
            // the drain skips a torn last line
        }
    }

    private void closeChannel() {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // the lines already written were forced to disk
        }
        lock = null;
        channel = null;
    }

    /** Releases the file: from now on a drain may import it. */
    @Override
    public synchronized void close() {
        closeChannel();
    }
}
