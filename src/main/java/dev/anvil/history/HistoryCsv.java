package dev.anvil.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CSV form of a history export: one row per story result with its run's columns repeated,
 * a run without results as one row with empty result columns, expectations as a JSON array in
 * one column. To stay lossless CSV tells null from empty text: an empty unquoted field is null,
 * {@code ""} is the empty string.
 *
 * <p>A result's Aura row (one at most) is flat columns after the heartbeat, {@link #AURA_COLUMNS},
 * so a spreadsheet can filter and chart Aura's status and tool ratio directly; they are empty for
 * a result without one, and optional on reading (exports made before them lack them). A row whose
 * every Aura column is empty has no Aura row: an {@code AuraResults} row with every column NULL,
 * which Anvil never writes, does not survive CSV (JSON keeps it).
 */
final class HistoryCsv {
    static final List<String> COLUMNS = List.of(
            "runId", "runStartedAt", "runCompletedAt", "runMode", "runTotalStories", "runPassed", "runFailed",
            "runSkipped", "runStatus", "runErrors", "runLabel", "runSutRevision", "runHost", "runPid",
            "runAnvilVersion",
            "resultId", "storyId", "storyPath", "language", "status", "durationMs", "errorMessage",
            "generatedFiles", "executedAt", "storyHash", "logPath", "worktreePath", "expectations");

    /** Schema V4's run heartbeat: after the columns above, optional on reading (exports made before it lack it). */
    static final String HEARTBEAT = "runHeartbeat";

    /** The {@code AuraResults} columns, written after the heartbeat, each optional on reading. */
    static final List<String> AURA_COLUMNS = List.of("auraStoryId", "auraStatus", "auraToolCalls",
            "auraSemanticToolCalls", "auraFileLevelToolCalls", "auraToolRatio", "auraStepsToFirstRelevantCode",
            "auraBacktrackingEvents", "auraDetectedPatterns");
    private static final int WIDTH = COLUMNS.size() + 1 + AURA_COLUMNS.size();

    private static final ObjectMapper JSON = new ObjectMapper();

    private HistoryCsv() {
    }

    // ---- writing ---------------------------------------------------------------------------

    static void writeHeader(Writer out) throws IOException {
        out.write(String.join(",", COLUMNS) + "," + HEARTBEAT + "," + String.join(",", AURA_COLUMNS));
        out.write("\r\n");
    }

    static void writeRun(Writer out, StoredRun run) throws IOException {
        Object[] runCells = {run.id(), run.startedAt(), run.completedAt(), run.mode(), run.totalStories(),
                run.passed(), run.failed(), run.skipped(), run.status(), run.errors(), run.label(),
                run.sutRevision(), run.host(), run.pid(), run.anvilVersion()};
        if (run.results().isEmpty()) {
            Object[] row = Arrays.copyOf(runCells, WIDTH);
            row[COLUMNS.size()] = run.heartbeat();
            writeRow(out, row);
            return;
        }
        for (StoredResult r : run.results()) {
            Object[] row = Arrays.copyOf(runCells, WIDTH);
            row[COLUMNS.size()] = run.heartbeat();
            int i = runCells.length;
            row[i++] = r.id();
            row[i++] = r.storyId();
            row[i++] = r.storyPath();
            row[i++] = r.language();
            row[i++] = r.status();
            row[i++] = r.durationMs();
            row[i++] = r.errorMessage();
            row[i++] = r.generatedFiles();
            row[i++] = r.executedAt();
            row[i++] = r.storyHash();
            row[i++] = r.logPath();
            row[i++] = r.worktreePath();
            row[i] = JSON.writeValueAsString(r.expectations());
            StoredAuraResult a = r.aura();
            if (a != null) {
                int k = COLUMNS.size() + 1;
                row[k++] = a.auraStoryId();
                row[k++] = a.auraStatus();
                row[k++] = a.toolCalls();
                row[k++] = a.semanticToolCalls();
                row[k++] = a.fileLevelToolCalls();
                row[k++] = a.auraToolRatio();
                row[k++] = a.stepsToFirstRelevantCode();
                row[k++] = a.backtrackingEvents();
                row[k] = a.detectedPatterns();
            }
            writeRow(out, row);
        }
    }

    private static void writeRow(Writer out, Object[] cells) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            Object v = cells[i];
            if (v == null) {
                continue; // null: nothing between the commas
            }
            String s = v.toString();
            if (s.isEmpty() || s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                line.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                line.append(s);
            }
        }
        line.append("\r\n");
        out.write(line.toString());
    }

    // ---- reading ---------------------------------------------------------------------------

    /** A malformed record: where it starts and what is wrong. */
    static final class CsvProblem extends RuntimeException {
        final int record;
        final long line;

        CsvProblem(int record, long line, String message) {
            super(message);
            this.record = record;
            this.line = line;
        }
    }

    /** Reads runs back, grouping consecutive rows of one run; calls {@code sink} once per run. */
    static void read(Reader in, HistoryImport.RunSink sink) throws IOException {
        RecordReader records = new RecordReader(in);
        List<Cell> header = records.next();
        if (header == null) {
            throw new CsvProblem(1, 1, "empty file, expected a header line");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            index.put(header.get(i).text(), i);
        }
        for (String c : COLUMNS) {
            if (!index.containsKey(c)) {
                throw new CsvProblem(1, 1, "not an Anvil history export: the header has no column '" + c + "'");
            }
        }
        StoredRun current = null;
        List<StoredResult> results = new ArrayList<>();
        int currentRecord = 0;
        long currentLine = 0;
        java.util.Set<String> finished = new java.util.HashSet<>();
        int record = 1;
        while (true) {
            long line = records.line;
            List<Cell> cells;
            try {
                cells = records.next();
            } catch (CsvProblem p) {
                throw new CsvProblem(record + 1, p.line, p.getMessage());
            }
            if (cells == null) {
                break;
            }
            record++;
            if (cells.size() == 1 && cells.get(0).text() == null) {
                continue; // a blank line
            }
            if (cells.size() != header.size()) {
                throw new CsvProblem(record, line, cells.size() + " fields where the header has " + header.size());
            }
            Row row = new Row(cells, index, record, line);
            StoredRun run = row.run();
            if (current == null || !current.id().equals(run.id())) {
                if (current != null) {
                    sink.accept(current.withResults(results), currentRecord, currentLine);
                    finished.add(current.id());
                }
                if (finished.contains(run.id())) {
                    throw new CsvProblem(record, line, "rows of run " + run.id() + " appear again after other runs; keep a run's rows together");
                }
                current = run;
                results = new ArrayList<>();
                currentRecord = record;
                currentLine = line;
            } else if (!current.sameRunColumns(run)) {
                throw new CsvProblem(record, line, "run " + run.id() + " has different run columns than on its first row (record " + currentRecord + ")");
            }
            StoredResult result = row.result();
            if (result != null) {
                results.add(result);
            }
        }
        if (current != null) {
            sink.accept(current.withResults(results), currentRecord, currentLine);
        }
    }

    /** One field and whether it was quoted (an unquoted empty field is null). */
    private record Cell(String raw, boolean quoted) {
        String text() {
            return raw.isEmpty() && !quoted ? null : raw;
        }
    }

    private static final class Row {
        private final List<Cell> cells;
        private final Map<String, Integer> index;
        private final int record;
        private final long line;

        Row(List<Cell> cells, Map<String, Integer> index, int record, long line) {
            this.cells = cells;
            this.index = index;
            this.record = record;
            this.line = line;
        }

        String text(String column) {
            Integer at = index.get(column);
            return at == null ? null : cells.get(at).text(); // an optional column the file lacks: null
        }

        Double decimal(String column) {
            String t = text(column);
            if (t == null) {
                return null;
            }
            try {
                return Double.valueOf(t.trim());
            } catch (NumberFormatException e) {
                throw new CsvProblem(record, line, column + " '" + t + "' is not a number");
            }
        }

        Integer integer(String column) {
            Long v = number(column);
            if (v != null && (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE)) {
                throw new CsvProblem(record, line, column + " '" + v + "' is out of range");
            }
            return v == null ? null : v.intValue();
        }

        Long number(String column) {
            String t = text(column);
            if (t == null) {
                return null;
            }
            try {
                return Long.parseLong(t.trim());
            } catch (NumberFormatException e) {
                throw new CsvProblem(record, line, column + " '" + t + "' is not a whole number");
            }
        }

        StoredRun run() {
            return new StoredRun(text("runId"), text("runStartedAt"), text("runCompletedAt"), text("runMode"),
                    integer("runTotalStories"), integer("runPassed"), integer("runFailed"), integer("runSkipped"),
                    text("runStatus"), integer("runErrors"), text("runLabel"), text("runSutRevision"),
                    text("runHost"), number("runPid"), text("runAnvilVersion"),
                    index.containsKey(HEARTBEAT) ? text(HEARTBEAT) : null, List.of());
        }

        StoredResult result() {
            if (text("resultId") == null) {
                List<String> resultColumns = new ArrayList<>(COLUMNS.subList(COLUMNS.indexOf("resultId"), COLUMNS.size()));
                resultColumns.addAll(AURA_COLUMNS);
                for (String c : resultColumns) {
                    if (text(c) != null) {
                        throw new CsvProblem(record, line, "column " + c + " has a value but resultId is empty");
                    }
                }
                return null;
            }
            List<StoredExpectation> expectations;
            String json = text("expectations");
            try {
                expectations = json == null ? List.of()
                        : JSON.readValue(json, new TypeReference<List<StoredExpectation>>() { });
            } catch (JsonProcessingException e) {
                throw new CsvProblem(record, line, "expectations is not a JSON array of expectation results: "
                        + e.getOriginalMessage());
            }
            return new StoredResult(text("resultId"), text("storyId"), text("storyPath"), text("language"),
                    text("status"), number("durationMs"), text("errorMessage"), text("generatedFiles"),
                    text("executedAt"), text("storyHash"), text("logPath"), text("worktreePath"), expectations, aura());
        }

        /** The result's Aura row, or null when every Aura column is empty or absent. */
        StoredAuraResult aura() {
            StoredAuraResult a = new StoredAuraResult(text("auraStoryId"), text("auraStatus"), integer("auraToolCalls"),
                    integer("auraSemanticToolCalls"), integer("auraFileLevelToolCalls"), decimal("auraToolRatio"),
                    integer("auraStepsToFirstRelevantCode"), integer("auraBacktrackingEvents"),
                    text("auraDetectedPatterns"));
            return a.isEmpty() ? null : a;
        }
    }

    /** RFC 4180 records (quoted fields may hold commas, quotes and line breaks), counting lines. */
    private static final class RecordReader {
        private final Reader in;
        private int peeked = -2;
        long line = 1;

        RecordReader(Reader in) {
            this.in = in;
        }

        private int read() throws IOException {
            if (peeked != -2) {
                int c = peeked;
                peeked = -2;
                return c;
            }
            return in.read();
        }

        private int peek() throws IOException {
            if (peeked == -2) {
                peeked = in.read();
            }
            return peeked;
        }

        List<Cell> next() throws IOException {
            int c = peek();
            if (c == -1) {
                return null;
            }
            long start = line;
            List<Cell> cells = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            while (true) {
                c = read();
                if (c == '"' && field.length() == 0 && !quoted) {
                    quoted = true;
                    while (true) {
                        c = read();
                        if (c == -1) {
                            throw new CsvProblem(-1, start, "a quoted field is never closed");
                        }
                        if (c == '"') {
                            if (peek() == '"') {
                                read();
                                field.append('"');
                                continue;
                            }
                            break;
                        }
                        if (c == '\n') {
                            line++;
                        }
                        field.append((char) c);
                    }
                    int after = peek();
                    if (after != ',' && after != '\n' && after != '\r' && after != -1) {
                        throw new CsvProblem(-1, line, "text after a closing quote");
                    }
                    continue;
                }
                if (c == ',' ) {
                    cells.add(new Cell(field.toString(), quoted));
                    field.setLength(0);
                    quoted = false;
                    continue;
                }
                if (c == '\r' && peek() == '\n') {
                    continue;
                }
                if (c == '\n' || c == -1 || c == '\r') {
                    if (c != -1) {
                        line++;
                    }
                    cells.add(new Cell(field.toString(), quoted));
                    return cells;
                }
                field.append((char) c);
            }
        }
    }
}
