package dev.anvil.history;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.anvil.AnvilException;
import dev.anvil.Version;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the whole history (runs, results, expectation results, Aura results, every column as
 * stored) in an {@link ExportFormat}; {@link HistoryImport} reads any of them back into another database.
 */
public final class HistoryExport {
    /**
     * Version of the export layout; an import refuses a higher one and reads every lower one.
     * 2: a result may hold its {@code AuraResults} row ({@code aura}); 1 had none.
     */
    public static final int LAYOUT_VERSION = 2;
    static final String HEADER_KEY = "anvilExport";

    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private final HistoryDatabase db;

    public HistoryExport(HistoryDatabase db) {
        this.db = db;
    }

    /** Writes the export to {@code out} (left open). */
    public TransferReport write(ExportFormat format, Writer out) {
        try {
            switch (format) {
                case JSON: return writeJson(out);
                case JSONL: return writeJsonLines(out);
                default: return writeCsv(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the export to {@code file} through a temporary sibling that replaces it only when
     * complete, so a failed export never leaves half a file where a good one was.
     */
    public TransferReport write(ExportFormat format, Path file) {
        Path target = followLinks(file.toAbsolutePath().normalize());
        if (Files.exists(target) && !Files.isRegularFile(target) && !Files.isDirectory(target)) {
            return writeStream(format, target);
        }
        if (Files.isDirectory(target)) {
            throw new AnvilException(target + ": is a folder; give a file name for the export");
        }
        Path parent = target.getParent();
        if (!Files.isDirectory(parent)) {
            throw new AnvilException("cannot write the export " + target + ": folder " + parent + " does not exist");
        }
        Path tmp;
        try {
            tmp = Files.createTempFile(parent, "." + target.getFileName(), ".tmp");
        } catch (IOException e) {
            throw new AnvilException("cannot write the export " + target + ": " + reason(e), e);
        }
        try {
            TransferReport report;
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                report = write(format, out);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return report;
        } catch (IOException | UncheckedIOException e) {
            throw new AnvilException("cannot write the export " + target + ": "
                    + reason(e instanceof UncheckedIOException ? ((UncheckedIOException) e).getCause() : (IOException) e), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // the temporary file is hidden and harmless; nothing more to do
            }
        }
    }

    /**
     * Where a symbolic link (or a chain of them) points, so that the export replaces the file the
     * link names and the link stays a link; a dangling link's target is created.
     */
    private static Path followLinks(Path path) {
        Path p = path;
        for (int hops = 0; hops < 40 && Files.isSymbolicLink(p); hops++) {
            try {
                p = p.resolveSibling(Files.readSymbolicLink(p)).normalize();
            } catch (IOException e) {
                throw new AnvilException("cannot write the export " + path + ": cannot read the link: " + reason(e), e);
            }
        }
        return p;
    }

    /** A FIFO, a device or another special file is written as a stream: replacing it with a file would break what reads it. */
    private TransferReport writeStream(ExportFormat format, Path target) {
        try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.WRITE)) {
            return write(format, out);
        } catch (IOException | UncheckedIOException e) {
            throw new AnvilException("cannot write the export " + target + ": "
                    + reason(e instanceof UncheckedIOException ? ((UncheckedIOException) e).getCause() : (IOException) e), e);
        }
    }

    private Map<String, Object> header() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put(HEADER_KEY, LAYOUT_VERSION);
        h.put("schemaVersion", db.schemaVersion());
        h.put("anvilVersion", Version.get());
        h.put("exportedAt", Timestamps.format(Timestamps.now()));
        return h;
    }

    private TransferReport writeJson(Writer out) throws IOException {
        JsonGenerator g = JSON.getFactory().createGenerator(out);
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        for (Map.Entry<String, Object> e : header().entrySet()) {
            g.writeObjectField(e.getKey(), e.getValue());
        }
        g.writeArrayFieldStart("runs");
        TransferReport[] report = {TransferReport.NONE};
        StoredRows.forEach(db.jdbi(), run -> {
            try {
                JSON.writeValue(g, run);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            report[0] = report[0].plus(run);
        });
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
        out.write("\n");
        out.flush();
        return report[0];
    }

    private TransferReport writeJsonLines(Writer out) throws IOException {
        out.write(JSON.writeValueAsString(header()));
        out.write("\n");
        TransferReport[] report = {TransferReport.NONE};
        StoredRows.forEach(db.jdbi(), run -> {
            try {
                out.write(JSON.writeValueAsString(run));
                out.write("\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            report[0] = report[0].plus(run);
        });
        out.flush();
        return report[0];
    }

    private TransferReport writeCsv(Writer out) throws IOException {
        HistoryCsv.writeHeader(out);
        TransferReport[] report = {TransferReport.NONE};
        StoredRows.forEach(db.jdbi(), run -> {
            try {
                HistoryCsv.writeRun(out, run);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            report[0] = report[0].plus(run);
        });
        out.flush();
        return report[0];
    }

    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
