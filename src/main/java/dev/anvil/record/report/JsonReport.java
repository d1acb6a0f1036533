package dev.anvil.record.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.anvil.history.AuraResult;
import dev.anvil.history.ExpectationResult;
import dev.anvil.history.IndexUsage;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Run;
import dev.anvil.history.StoryResult;
import dev.anvil.history.Timestamps;
import dev.anvil.record.RecordOutcome;

import java.util.ArrayList;
import java.util.List;

/**
 * The ADR-013 report of a run. Its fields keep the meanings of the .NET Anvil's ReportGenerator:
 * {@code startedAt, completedAt, totalDurationSeconds, passed, failed} (failed and errored, as
 * ADR-005 counts them){@code , total, results[]} with {@code scenarioName} (the scenario's
 * name), {@code scenarioPath}, {@code success}, {@code durationSeconds}, {@code storyId} (Aura's
 * id of the story it ran, null for command modes), {@code worktreePath}, {@code error} and
 * {@code expectations[]} ({@code type, description, passed, message}).
 *
 * <p>Anvil adds what reproduces the run in another history: the run's {@code runId, mode,
 * status, errors, skipped, label, sutRevision, host, pid, anvilVersion}; each result's
 * {@code resultId, anvilStoryId} (the story's id in the history), {@code language, status,
 * durationMs, executedAt, storyHash, logPath, generatedFiles, auraStatus, indexUsage}; each
 * expectation's {@code position} and {@code status}.
 */
public final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Report(String startedAt, String completedAt, double totalDurationSeconds, int passed, int failed,
                         int total, List<Result> results,
                         String runId, String mode, String status, int errors, int skipped, String label,
                         String sutRevision, String host, Long pid, String anvilVersion) {
    }

    public record Result(String scenarioName, String scenarioPath, boolean success, double durationSeconds,
                         String storyId, String worktreePath, String error, List<ExpectationJson> expectations,
                         String resultId, String anvilStoryId, String language, String status, Long durationMs,
                         String executedAt, String storyHash, String logPath, List<String> generatedFiles,
                         String auraStatus, IndexUsage indexUsage) {
    }

    public record ExpectationJson(String type, String description, boolean passed, String message, int position,
                                  String status) {
    }

    public static Report of(RecordOutcome outcome) {
        Run run = outcome.run();
        List<Result> results = new ArrayList<>();
        for (StoryResult r : outcome.results()) {
            List<ExpectationJson> exps = new ArrayList<>();
            for (ExpectationResult e : r.expectations()) {
                exps.add(new ExpectationJson(e.type(), e.description(), e.status() == ResultStatus.PASSED, e.message(),
                        e.position(), e.status().dbValue()));
            }
            AuraResult aura = r.aura();
            results.add(new Result(r.storyId(), r.storyPath(), r.status() == ResultStatus.PASSED,
                    r.durationMs() == null ? 0 : r.durationMs() / 1000.0, aura == null ? null : aura.auraStoryId(),
                    r.worktreePath(), r.errorMessage(), exps,
                    r.id(), r.storyId(), r.language(), r.status().dbValue(), r.durationMs(),
                    Timestamps.format(r.executedAt()), r.storyHash(), r.logPath(), r.generatedFiles(),
                    aura == null ? null : aura.auraStatus(), aura == null ? null : aura.indexUsage()));
        }
        double total = run.duration() == null ? 0 : run.duration().toMillis() / 1000.0;
        return new Report(Timestamps.format(run.startedAt()), Timestamps.format(run.completedAt()), total,
                run.passed(), run.failed(), run.totalStories(), results,
                run.id(), run.mode(), run.status().dbValue(), run.errors(), run.skipped(), run.label(),
                run.sutRevision(), run.host(), run.pid(), run.anvilVersion());
    }

    public static String toJson(RecordOutcome outcome) {
        try {
            return JSON.writeValueAsString(of(outcome));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
