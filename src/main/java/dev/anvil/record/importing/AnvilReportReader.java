package dev.anvil.record.importing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anvil.AnvilException;
import dev.anvil.history.AuraResult;
import dev.anvil.history.ExpectationResult;
import dev.anvil.history.IndexUsage;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Run;
import dev.anvil.history.RunDetail;
import dev.anvil.history.RunStatus;
import dev.anvil.history.StoryResult;
import dev.anvil.history.Timestamps;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Anvil's own report (record's {@code --output-file}/{@code --output json}, see JsonReport): the
 * run as it was recorded, with its run id, result ids, times, statuses, expectations and what
 * Aura reported, so importing it into another history reproduces the run exactly.
 */
final class AnvilReportReader {
    private final Path file;

    private AnvilReportReader(Path file) {
        this.file = file;
    }

    /** Whether a parsed JSON report is Anvil's own: it names its run and its results' ids. */
    static boolean isAnvilReport(JsonNode root) {
        JsonNode results = root.path("results");
        return root.path("runId").isTextual() && results.isArray()
                && (results.isEmpty() || results.get(0).path("resultId").isTextual());
    }

    static RunDetail read(Path file, JsonNode root) {
        return new AnvilReportReader(file).parse(root);
    }

    private RunDetail parse(JsonNode root) {
        String runId = required(root, "runId", "runId");
        List<StoryResult> results = new ArrayList<>();
        JsonNode list = root.path("results");
        for (int i = 0; i < list.size(); i++) {
            results.add(result(list.get(i), runId, "results[" + i + "]"));
        }
        RunStatus status = RunStatus.fromDb(required(root, "status", "status"));
        Run run = new Run(runId, time(root, "startedAt", "startedAt", true), time(root, "completedAt", "completedAt", false),
                required(root, "mode", "mode"), integer(root, "total", "total"), integer(root, "passed", "passed"),
                integer(root, "failed", "failed"), integer(root, "skipped", "skipped"), integer(root, "errors", "errors"),
                status, text(root, "label"), text(root, "sutRevision"), text(root, "host"),
                root.path("pid").isIntegralNumber() ? root.path("pid").asLong() : null, text(root, "anvilVersion"));
        return new RunDetail(run, results);
    }

    private StoryResult result(JsonNode r, String runId, String at) {
        if (!r.isObject()) {
            throw fail(at, "must be an object");
        }
        List<ExpectationResult> expectations = new ArrayList<>();
        JsonNode exps = r.path("expectations");
        for (int i = 0; i < exps.size(); i++) {
            JsonNode e = exps.get(i);
            String where = at + ".expectations[" + i + "]";
            expectations.add(new ExpectationResult(e.path("position").isInt() ? e.path("position").asInt() : i,
                    required(e, "type", where + ".type"), text(e, "description"),
                    ResultStatus.fromDb(required(e, "status", where + ".status")), text(e, "message")));
        }
        List<String> generated = new ArrayList<>();
        for (JsonNode g : r.path("generatedFiles")) {
            generated.add(g.asText());
        }
        AuraResult aura = null;
        String auraStoryId = text(r, "storyId");
        String auraStatus = text(r, "auraStatus");
        IndexUsage usage = indexUsage(r.path("indexUsage"), at + ".indexUsage");
        if (auraStoryId != null || auraStatus != null || usage != null) {
            aura = new AuraResult(auraStoryId, auraStatus, usage);
        }
        Long durationMs = r.path("durationMs").isIntegralNumber() ? r.path("durationMs").asLong() : null;
        return new StoryResult(required(r, "resultId", at + ".resultId"), runId, required(r, "anvilStoryId", at + ".anvilStoryId"),
                text(r, "scenarioPath"), text(r, "language"), ResultStatus.fromDb(required(r, "status", at + ".status")),
                durationMs, text(r, "error"), generated, time(r, "executedAt", at + ".executedAt", true),
                text(r, "storyHash"), text(r, "logPath"), text(r, "worktreePath"), expectations, aura);
    }

    private IndexUsage indexUsage(JsonNode u, String at) {
        if (!u.isObject()) {
            return null;
        }
        List<String> patterns = new ArrayList<>();
        for (JsonNode p : u.path("detectedPatterns")) {
            patterns.add(p.asText());
        }
        return new IndexUsage(integer(u, "toolCalls", at + ".toolCalls"), integer(u, "semanticToolCalls", at + ".semanticToolCalls"),
                integer(u, "fileLevelToolCalls", at + ".fileLevelToolCalls"),
                u.path("auraToolRatio").isNumber() ? u.path("auraToolRatio").asDouble() : null,
                integer(u, "stepsToFirstRelevantCode", at + ".stepsToFirstRelevantCode"),
                integer(u, "backtrackingEvents", at + ".backtrackingEvents"), patterns);
    }

    private Instant time(JsonNode n, String field, String where, boolean needed) {
        String v = text(n, field);
        if (v == null) {
            if (needed) {
                throw fail(where, "missing");
            }
            return null;
        }
        try {
            return Timestamps.parse(v);
        } catch (IllegalArgumentException e) {
            throw fail(where, "not a timestamp: '" + v + "'");
        }
    }

    private int integer(JsonNode n, String field, String where) {
        JsonNode v = n.path(field);
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0) {
            throw fail(where, v.isMissingNode() ? "missing" : "must be a whole number from 0, not " + v);
        }
        return v.asInt();
    }

    private String required(JsonNode n, String field, String where) {
        String v = text(n, field);
        if (v == null) {
            throw fail(where, "missing");
        }
        return v;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : null;
    }

    private AnvilException fail(String field, String message) {
        return new AnvilException(file + ": " + field + ": " + message);
    }
}
