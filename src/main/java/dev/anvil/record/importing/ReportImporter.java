package dev.anvil.record.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anvil.AnvilException;
import dev.anvil.history.HistoryRepository;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Run;
import dev.anvil.history.RunDetail;
import dev.anvil.history.RunStatus;
import dev.anvil.history.StoryResult;
import dev.anvil.history.Timestamps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Records results produced elsewhere as one completed run: the .NET Anvil's JSON report or JUnit
 * XML, told apart by their first character ({@code {} or {@code <}). The whole file is read and
 * checked first, then the run and all its results are written in one transaction, with the
 * report's own times; a malformed file records nothing. The run id is derived from the file's
 * bytes and the mode, so importing the same report twice is refused rather than doubled. Anvil's
 * own report keeps its run id: refused in the history it came from, the same run in any other.
 */
public final class ReportImporter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private ReportImporter() {
    }

    public static Run importReport(Path file, String mode, HistoryRepository repo) {
        return importReport(file, mode, true, repo);
    }

    /**
     * @param modeGiven whether the user named the mode: Anvil's own report is imported as the run
     *                  it is (its id and mode), and a different mode given for it is refused
     */
    public static Run importReport(Path file, String mode, boolean modeGiven, HistoryRepository repo) {
        JsonNode own = anvilReport(file);
        if (own != null) {
            return importAnvilReport(file, own, modeGiven ? mode : null, repo);
        }
        if (mode == null || mode.isBlank()) {
            throw new AnvilException("importing " + file + " needs a mode (--mode NAME) to record it under");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AnvilException("cannot read report " + file + ": " + e.getMessage(), e);
        }
        String runId = UUID.nameUUIDFromBytes(concat(mode.getBytes(StandardCharsets.UTF_8), bytes)).toString();
        String text = new String(bytes, StandardCharsets.UTF_8).replaceFirst("^\uFEFF", "");
        String start = text.stripLeading();
        ParsedReport report;
        if (start.startsWith("{")) {
            report = DotnetReportReader.read(file, text, runId);
        } else if (start.startsWith("<")) {
            report = JUnitReportReader.read(file, bytes, runId);
        } else {
            throw new AnvilException(file + ": not a report: expected the .NET Anvil's JSON report ({...}) or JUnit XML (<testsuites>)");
        }
        if (report.results().isEmpty()) {
            throw new AnvilException(file + ": the report has no results; nothing recorded");
        }
        Run run = run(runId, mode, file, report);
        if (!repo.insertRunIfAbsent(new RunDetail(run, report.results()))) {
            throw new AnvilException(file + " was already imported for mode " + mode + " as run " + run.shortId()
                    + "; nothing recorded");
        }
        return repo.findRun(runId).orElseThrow();
    }

    /** The report parsed, when it is Anvil's own (see JsonReport); null for any other report. */
    private static JsonNode anvilReport(Path file) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            int first;
            do {
                first = in.read();
            } while (first == ' ' || first == '\n' || first == '\r' || first == '\t' || first == 0xEF || first == 0xBB || first == 0xBF);
            if (first != '{') {
                return null;
            }
        } catch (IOException e) {
            throw new AnvilException("cannot read report " + file + ": " + e.getMessage(), e);
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            return root != null && AnvilReportReader.isAnvilReport(root) ? root : null;
        } catch (IOException e) {
            return null; // not valid JSON: the .NET reader says where
        }
    }

    /** Anvil's own report: the run as it was recorded, once per history. */
    private static Run importAnvilReport(Path file, JsonNode root, String mode, HistoryRepository repo) {
        RunDetail detail = AnvilReportReader.read(file, root);
        Run run = detail.run();
        if (mode != null && !mode.equals(run.mode())) {
            throw new AnvilException(file + " is Anvil's report of run " + run.shortId() + " of mode " + run.mode()
                    + ", and is imported as that run; drop --mode " + mode);
        }
        if (!repo.insertRunIfAbsent(detail)) {
            throw new AnvilException(file + ": run " + run.shortId() + " (mode " + run.mode() + ", started "
                    + Timestamps.format(run.startedAt()) + ") is already in this history; nothing recorded");
        }
        return repo.findRun(run.id()).orElseThrow();
    }

    private static Run run(String runId, String mode, Path file, ParsedReport report) {
        int passed = 0;
        int failed = 0;
        int errors = 0;
        int skipped = 0;
        for (StoryResult r : report.results()) {
            switch (r.status()) {
                case PASSED -> passed++;
                case FAILED -> failed++;
                case ERROR -> errors++;
                case SKIPPED -> skipped++;
                default -> throw new IllegalStateException(r.status().toString());
            }
        }
        // ADR-005 counts errors among the failed; Errors says how many of them were errors.
        return new Run(runId, report.startedAt(), report.completedAt(), mode, report.results().size(), passed,
                failed + errors, skipped, errors, RunStatus.COMPLETED, "imported from " + file.getFileName(),
                null, null, null, null);
    }

    static ResultStatus statusOf(boolean success, boolean anyExpectationFailed, String error) {
        if (success) {
            return ResultStatus.PASSED;
        }
        if (!anyExpectationFailed && error != null && !error.isBlank()) {
            return ResultStatus.ERROR;
        }
        return ResultStatus.FAILED;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + 1 + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length + 1, b.length);
        return out;
    }
}
