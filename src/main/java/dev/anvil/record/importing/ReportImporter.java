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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Records results produced elsewhere as one completed run: the .NET Anvil's JSON report or JUnit
 * XML, told apart by their first character ({@code {} or {@code <}). The whole file is read and
 * checked first, then the run and all its results are written in one transaction, with the
 * report's own times; a malformed file records nothing. A folder of JUnit XML files (Surefire's
 * {@code target/surefire-reports/}) is one run of all their test cases. The run id is the one an
 * Anvil-written report names, else derived from the bytes and the mode, so importing the same
 * report twice is refused rather than doubled. Anvil's own JSON report keeps its run id: refused
 * in the history it came from, the same run in any other.
 */
public final class ReportImporter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportImporter() {
    }

    public static Run importReport(Path file, String mode, HistoryRepository repo) {
        return importReport(file, mode, true, repo);
    }

    /**
     * @param modeGiven whether the user named the mode: Anvil's own reports are imported as the run
     *                  they are (their id and mode), and a different mode given for them is refused
     */
    public static Run importReport(Path file, String mode, boolean modeGiven, HistoryRepository repo) {
        JsonNode own = Files.isRegularFile(file) ? anvilReport(file) : null;
        if (own != null) {
            return importAnvilReport(file, own, modeGiven ? mode : null, repo);
        }
        if (!modeGiven) {
            return importOwnReport(file, mode, repo).orElseThrow(() ->
                    new AnvilException(file + " is already in the history (same run); nothing recorded"));
        }
        if (mode == null || mode.isBlank()) {
            throw new AnvilException("importing " + file + " needs a mode (--mode NAME) to record it under");
        }
        Recorded r = record(file, mode, null, repo);
        if (!r.added()) {
            throw new AnvilException(file + " was already imported for mode " + mode + " as run " + r.run().shortId()
                    + "; nothing recorded");
        }
        return r.run();
    }

    /**
     * Records a report under the mode it names itself (Anvil's JUnit XML does), else under
     * {@code defaultMode} (null: a report that names none is refused). Empty when the history
     * already has the run (same id): {@code anvil import} skips it as it skips exports' runs.
     */
    public static Optional<Run> importOwnReport(Path file, String defaultMode, HistoryRepository repo) {
        Recorded r = record(file, null, defaultMode, repo);
        return r.added() ? Optional.of(r.run()) : Optional.empty();
    }

    /** Records a report under {@code mode}; empty when the history already has the run. */
    public static Optional<Run> importIfAbsent(Path file, String mode, HistoryRepository repo) {
        Recorded r = record(file, mode, null, repo);
        return r.added() ? Optional.of(r.run()) : Optional.empty();
    }

    private record Parsed(String runId, String mode, ParsedReport report) {
    }

    private record Recorded(Run run, boolean added) {
    }

    private static Recorded record(Path file, String mode, String defaultMode, HistoryRepository repo) {
        Parsed parsed = parse(file, mode, defaultMode);
        if (parsed.report().results().isEmpty()) {
            throw new AnvilException(file + ": the report has no results; nothing recorded");
        }
        Run run = run(parsed.runId(), parsed.mode(), file, parsed.report());
        if (!repo.insertRunIfAbsent(new RunDetail(run, parsed.report().results()))) {
            return new Recorded(run, false);
        }
        return new Recorded(repo.findRun(run.id()).orElseThrow(), true);
    }

    private static Parsed parse(Path file, String mode, String defaultMode) {
        if (Files.isDirectory(file)) {
            return parseFolder(file, mode != null ? mode : defaultMode);
        }
        byte[] bytes = read(file);
        String hashMode = mode != null ? mode : defaultMode != null ? defaultMode : "";
        String runId = UUID.nameUUIDFromBytes(concat(hashMode.getBytes(StandardCharsets.UTF_8), bytes)).toString();
        String text = new String(bytes, StandardCharsets.UTF_8).replaceFirst("^\uFEFF", "");
        String start = text.stripLeading();
        ParsedReport report;
        if (start.startsWith("{")) {
            report = DotnetReportReader.read(file, text, runId);
        } else if (start.startsWith("<")) {
            report = JUnitReportReader.read(file, bytes, runId, mode);
        } else {
            throw new AnvilException(file + ": not a report: expected the .NET Anvil's JSON report ({...}) or JUnit XML (<testsuites>)");
        }
        String chosen = mode != null ? mode
                : report.provenance() != null && report.provenance().mode() != null ? report.provenance().mode() : defaultMode;
        if (chosen == null) {
            throw new AnvilException(file + ": the report does not say its mode; give one (--mode NAME) to record it under");
        }
        String id = report.results().isEmpty() ? runId : report.results().get(0).runId();
        return new Parsed(id, chosen, report);
    }

    /** A folder of JUnit XML files (Surefire's target/surefire-reports/): one run of all their test cases. */
    private static Parsed parseFolder(Path folder, String mode) {
        if (mode == null) {
            throw new AnvilException(folder + ": a folder of reports needs a mode (--mode NAME) to record it under");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml")
                    && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new AnvilException("cannot read the folder " + folder + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new AnvilException(folder + ": no JUnit XML files (*.xml) in this folder; nothing recorded");
        }
        byte[] key = mode.getBytes(StandardCharsets.UTF_8);
        List<byte[]> contents = new ArrayList<>();
        for (Path f : files) {
            byte[] bytes = read(f);
            contents.add(bytes);
            key = concat(key, concat(f.getFileName().toString().getBytes(StandardCharsets.UTF_8), bytes));
        }
        String runId = UUID.nameUUIDFromBytes(key).toString();
        List<StoryResult> results = new ArrayList<>();
        Instant started = null;
        Instant completed = null;
        for (int i = 0; i < files.size(); i++) {
            String text = new String(contents.get(i), StandardCharsets.UTF_8).replaceFirst("^\uFEFF", "").stripLeading();
            if (!text.startsWith("<")) {
                throw new AnvilException(files.get(i) + ": not JUnit XML; a folder of reports holds JUnit XML files only");
            }
            ParsedReport r = JUnitReportReader.read(files.get(i), contents.get(i), runId, mode);
            results.addAll(r.results());
            started = started == null || r.startedAt().isBefore(started) ? r.startedAt() : started;
            completed = completed == null || r.completedAt().isAfter(completed) ? r.completedAt() : completed;
        }
        results.sort(Comparator.comparing(StoryResult::executedAt));
        return new Parsed(runId, mode, new ParsedReport(started, completed, results));
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AnvilException("cannot read report " + file + ": " + e.getMessage(), e);
        }
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
        Provenance from = report.provenance();
        RunStatus status = from != null && "interrupted".equals(from.status()) ? RunStatus.INTERRUPTED : RunStatus.COMPLETED;
        String label = from != null && from.label() != null ? from.label() : "imported from " + file.getFileName();
        return new Run(runId, report.startedAt(), report.completedAt(), mode, report.results().size(), passed,
                failed + errors, skipped, errors, status, label, from == null ? null : from.sutRevision(), null, null, null);
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
