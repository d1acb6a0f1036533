package dev.anvil.history;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anvil.AnvilException;
import org.jdbi.v3.core.Handle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads an export ({@link HistoryExport}, any format) into this history, merging: a run whose id
 * the history already has is skipped and counted. The whole import is one transaction, so a
 * malformed record anywhere in the file leaves the history exactly as it was.
 */
public final class HistoryImport {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** Receives each run read from the file, with where it starts (record number, line). */
    interface RunSink {
        void accept(StoredRun run, int record, long line);
    }

    private final HistoryDatabase db;

    public HistoryImport(HistoryDatabase db) {
        this.db = db;
    }

    /** Imports {@code file}; {@code format} null means: from the file name, else from the content. */
    public TransferReport importFile(Path file, ExportFormat format) {
        Path source = file.toAbsolutePath().normalize();
        if (Files.isDirectory(source)) {
            throw new AnvilException(source + ": is a folder, not an export file");
        }
        ExportFormat chosen = format != null ? format : detect(source);
        return db.jdbi().inTransaction(h -> {
            TransferReport[] report = {TransferReport.NONE};
            RunSink sink = (run, record, line) -> report[0] = add(h, source, run, record, line, report[0]);
            try (BufferedReader in = Files.newBufferedReader(source, StandardCharsets.UTF_8)) {
                switch (chosen) {
                    case JSON: readJson(source, in, sink); break;
                    case JSONL: readJsonLines(source, in, sink); break;
                    default: readCsv(source, in, sink); break;
                }
            } catch (NoSuchFileException e) {
                throw new AnvilException(source + ": no such file");
            } catch (java.nio.charset.MalformedInputException e) {
                throw new AnvilException(source + ": not UTF-8 text; nothing was imported");
            } catch (IOException e) {
                throw new AnvilException(source + ": cannot read: " + HistoryExport.reason(e), e);
            }
            return report[0];
        });
    }

    private static TransferReport add(Handle h, Path source, StoredRun run, int record, long line, TransferReport report) {
        String where = source + ":" + line + ": run record " + record;
        String missing = run.missingField();
        if (missing != null) {
            throw malformed(where, "missing " + missing);
        }
        for (StoredResult r : run.results()) {
            String m = r.missingField();
            if (m != null) {
                throw malformed(where, "result " + (r.id() == null ? "?" : r.id()) + " is missing " + m);
            }
        }
        if (StoredRows.exists(h, run.id())) {
            return report.skipped();
        }
        try {
            StoredRows.insert(h, run);
        } catch (RuntimeException e) {
            throw new AnvilException(where + " (run " + run.id() + "): the history refused it: "
                    + SchemaMigrator.firstLine(rootMessage(e)) + "; nothing was imported", e);
        }
        return report.plus(run);
    }

    private static AnvilException malformed(String where, String what) {
        return new AnvilException(where + ": " + what + "; nothing was imported");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    // ---- formats ---------------------------------------------------------------------------

    private static ExportFormat detect(Path file) {
        ExportFormat byName = ExportFormat.fromFileName(file);
        if (byName != null) {
            return byName;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            while (first != null && first.isBlank()) {
                first = in.readLine();
            }
            if (first == null) {
                throw new AnvilException(file + ": empty file, not an Anvil history export");
            }
            String t = first.strip();
            if (t.startsWith("{")) {
                try {
                    JSON.readTree(t);
                    return ExportFormat.JSONL; // a whole object on the first line
                } catch (JsonProcessingException e) {
                    return ExportFormat.JSON;
                }
            }
            return t.startsWith("[") ? ExportFormat.JSON : ExportFormat.CSV;
        } catch (NoSuchFileException e) {
            throw new AnvilException(file + ": no such file");
        } catch (IOException e) {
            throw new AnvilException(file + ": cannot read: " + HistoryExport.reason(e), e);
        }
    }

    private static void readJson(Path source, Reader in, RunSink sink) throws IOException {
        int record = 0;
        try (JsonParser p = JSON.getFactory().createParser(in)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                record = readRunArray(p, sink, record);
            } else if (t == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    if (field.equals(HistoryExport.HEADER_KEY)) {
                        checkLayout(source, p.currentLocation().getLineNr(), p.getValueAsInt());
                    } else if (field.equals("runs") && value == JsonToken.START_ARRAY) {
                        record = readRunArray(p, sink, record);
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                throw new AnvilException(source + ":1: not an Anvil history export (expected a JSON object with runs); nothing was imported");
            }
            if (p.nextToken() != null) {
                throw new AnvilException(source + ":" + p.currentLocation().getLineNr() + ": text after the end of the export; nothing was imported");
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new AnvilException(source + ":" + (at == null ? "?" : at.getLineNr()) + ": "
                    + (record > 0 ? "after run record " + record + ": " : "") + "malformed JSON: "
                    + SchemaMigrator.firstLine(e.getOriginalMessage()) + "; nothing was imported", e);
        }
    }

    private static int readRunArray(JsonParser p, RunSink sink, int record) throws IOException {
        while (p.nextToken() == JsonToken.START_OBJECT) {
            record++;
            long line = p.currentLocation().getLineNr();
            StoredRun run = JSON.readValue(p, StoredRun.class);
            sink.accept(run, record, line);
        }
        if (p.currentToken() != JsonToken.END_ARRAY) {
            throw new JsonParseProblem(p, "expected a run object");
        }
        return record;
    }

    /** A structural problem met while walking the tokens, reported like Jackson's own. */
    private static final class JsonParseProblem extends JsonProcessingException {
        JsonParseProblem(JsonParser p, String message) {
            super(message, p.currentLocation());
        }
    }

    private static void readJsonLines(Path source, BufferedReader in, RunSink sink) throws IOException {
        String line;
        long number = 0;
        int record = 0;
        while ((line = in.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new AnvilException(source + ":" + number + ": malformed JSON: "
                        + SchemaMigrator.firstLine(e.getOriginalMessage()) + "; nothing was imported", e);
            }
            if (node == null || !node.isObject()) {
                throw new AnvilException(source + ":" + number + ": expected one JSON object per line; nothing was imported");
            }
            if (node.has(HistoryExport.HEADER_KEY)) {
                checkLayout(source, number, node.get(HistoryExport.HEADER_KEY).asInt());
                continue;
            }
            record++;
            StoredRun run;
            try {
                run = JSON.treeToValue(node, StoredRun.class);
            } catch (JsonProcessingException e) {
                throw new AnvilException(source + ":" + number + ": run record " + record + ": "
                        + SchemaMigrator.firstLine(e.getOriginalMessage()) + "; nothing was imported", e);
            }
            sink.accept(run, record, number);
        }
    }

    private static void readCsv(Path source, Reader in, RunSink sink) throws IOException {
        try {
            HistoryCsv.read(in, sink);
        } catch (HistoryCsv.CsvProblem p) {
            throw new AnvilException(source + ":" + p.line + ": CSV record " + p.record + ": " + p.getMessage()
                    + "; nothing was imported");
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void checkLayout(Path source, long line, int version) {
        if (version > HistoryExport.LAYOUT_VERSION) {
            throw new AnvilException(source + ":" + line + ": written by a newer Anvil (export layout " + version
                    + ", this build reads up to " + HistoryExport.LAYOUT_VERSION + "); nothing was imported");
        }
    }
}
