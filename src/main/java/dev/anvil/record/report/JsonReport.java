package dev.anvil.record.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.anvil.history.ExpectationResult;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Run;
import dev.anvil.history.StoryResult;
import dev.anvil.history.Timestamps;
import dev.anvil.record.RecordOutcome;
import dev.anvil.story.Story;

import java.util.ArrayList;
import java.util.List;

/**
 * The ADR-013 report of a run, as the .NET Anvil writes it (and its importer reads it):
 * {@code startedAt, completedAt, totalDurationSeconds, passed, failed, total, results[]} with
 * {@code storyId, scenarioName, scenarioPath, success, durationSeconds, error, worktreePath,
 * expectations[]}; Anvil adds the run id, mode, status and the error/skipped counts.
 */
public final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Report(String runId, String mode, String status, String startedAt, String completedAt,
                         double totalDurationSeconds, int passed, int failed, int errors, int skipped, int total,
                         String label, String sutRevision, List<Result> results) {
    }

    public record Result(String storyId, String scenarioName, String scenarioPath, String language, boolean success,
                         String status, double durationSeconds, String error, String worktreePath, String logPath,
                         List<String> generatedFiles, List<ExpectationJson> expectations) {
    }

    public record ExpectationJson(String type, String description, boolean success, String status, String message) {
    }

    public static Report of(RecordOutcome outcome) {
        Run run = outcome.run();
        List<Result> results = new ArrayList<>();
        for (StoryResult r : outcome.results()) {
            Story story = outcome.storiesByResultId().get(r.id());
            List<ExpectationJson> exps = new ArrayList<>();
            for (ExpectationResult e : r.expectations()) {
                exps.add(new ExpectationJson(e.type(), e.description(), e.status() == ResultStatus.PASSED,
                        e.status().dbValue(), e.message()));
            }
            String name = story != null && story.title() != null && !story.title().isBlank() ? story.title() : r.storyId();
            results.add(new Result(r.storyId(), name, r.storyPath(), r.language(), r.status() == ResultStatus.PASSED,
                    r.status().dbValue(), r.durationMs() == null ? 0 : r.durationMs() / 1000.0, r.errorMessage(),
                    r.worktreePath(), r.logPath(), r.generatedFiles(), exps));
        }
        double total = run.duration() == null ? 0 : run.duration().toMillis() / 1000.0;
        return new Report(run.id(), run.mode(), run.status().dbValue(), Timestamps.format(run.startedAt()),
                Timestamps.format(run.completedAt()), total, run.passed(), run.failed(), run.errors(), run.skipped(),
                run.totalStories(), run.label(), run.sutRevision(), results);
    }

    public static String toJson(RecordOutcome outcome) {
        try {
            return JSON.writeValueAsString(of(outcome));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
