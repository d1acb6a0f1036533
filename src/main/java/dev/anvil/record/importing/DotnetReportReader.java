package dev.anvil.record.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anvil.AnvilException;
import dev.anvil.history.ExpectationResult;
import dev.anvil.history.Ids;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.StoryResult;
import dev.anvil.history.Timestamps;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The .NET Anvil's JSON report: {@code startedAt}, {@code completedAt}, {@code totalDurationSeconds},
 * {@code passed}/{@code failed}/{@code total} (recounted from the results, not trusted), and
 * {@code results[]} with {@code scenarioName} (the story id), {@code scenarioPath}, {@code success},
 * {@code durationSeconds}, {@code storyId} (Aura's id of the story it created, not kept),
 * {@code worktreePath}, {@code error} and {@code expectations[]} ({@code type}, {@code description},
 * {@code success} or {@code passed}, {@code message}; also nested under {@code expectation}).
 * A {@code language} on the result, or a nested {@code scenario: {name, path, language}}, is used too.
 * A result without a time of its own is placed after the ones before it, from the run's start.
 */
final class DotnetReportReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    private DotnetReportReader(Path file) {
        this.file = file;
    }

    static ParsedReport read(Path file, String text, String runId) {
        return new DotnetReportReader(file).parse(text, runId);
    }

    private ParsedReport parse(String text, String runId) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new AnvilException(file + (line > 0 ? ":" + line : "") + ": not valid JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        }
        if (!root.isObject()) {
            throw fail("", "the report must be a JSON object with startedAt and results[]");
        }
        JsonNode results = root.path("results");
        if (!results.isArray()) {
            throw fail("results", results.isMissingNode() ? "missing (the list of story results)" : "must be a list");
        }
        Duration total = seconds(root, "totalDurationSeconds", "totalDurationSeconds");
        Instant started = time(root, "startedAt", "startedAt");
        Instant completed = time(root, "completedAt", "completedAt");
        if (started == null && completed != null && total != null) {
            started = completed.minus(total);
        }
        if (started == null) {
            throw fail("startedAt", "missing (when the run started)");
        }
        List<StoryResult> out = new ArrayList<>();
        Instant cursor = started;
        for (int i = 0; i < results.size(); i++) {
            String at = "results[" + i + "]";
            JsonNode r = results.get(i);
            if (!r.isObject()) {
                throw fail(at, "must be an object");
            }
            JsonNode scenario = r.path("scenario"); // some writers nest the scenario: {name, path, language}
            String id = firstText(r, "scenarioName", "name");
            if (id == null) {
                id = firstText(scenario, "name");
            }
            if (id == null) {
                id = firstText(r, "storyId");
            }
            if (id == null) {
                throw fail(at + ".scenarioName", "missing (the story id)");
            }
            Duration duration = seconds(r, "durationSeconds", at + ".durationSeconds");
            Boolean success = bool(r, at, "success", "passed");
            if (success == null) {
                throw fail(at + ".success", "missing (true or false)");
            }
            List<ExpectationResult> expectations = expectations(r.path("expectations"), at + ".expectations");
            String error = firstText(r, "error", "errorMessage");
            boolean anyFailed = expectations.stream().anyMatch(e -> e.status() == ResultStatus.FAILED);
            ResultStatus status = ReportImporter.statusOf(success, anyFailed, error);
            String message = error;
            if (message == null && status != ResultStatus.PASSED) {
                message = expectations.stream().filter(e -> e.status() == ResultStatus.FAILED)
                        .map(e -> e.message() != null ? e.message() : e.type() + " failed")
                        .findFirst().orElse(null);
            }
            Instant own = time(r, "completedAt", at + ".completedAt");
            if (own == null) {
                own = time(r, "executedAt", at + ".executedAt");
            }
            if (own == null) {
                own = time(r, "startedAt", at + ".startedAt");
            }
            Instant next = (duration == null ? cursor : cursor.plus(duration)).truncatedTo(ChronoUnit.MILLIS);
            if (!out.isEmpty() && !next.isAfter(cursor)) {
                next = cursor.plusMillis(1); // keep the report's order: the history orders results by time
            }
            cursor = next;
            Instant executedAt = (own != null ? own : cursor).truncatedTo(ChronoUnit.MILLIS);
            String path = firstText(r, "scenarioPath", "storyPath");
            String language = firstText(r, "language");
            out.add(new StoryResult(Ids.newId(), runId, id, path != null ? path : firstText(scenario, "path"),
                    language != null ? language : firstText(scenario, "language"), status, duration == null ? null : duration.toMillis(), message,
                    List.of(), executedAt, null, null, firstText(r, "worktreePath"), expectations));
        }
        if (completed == null) {
            completed = total != null ? started.plus(total) : cursor;
        }
        return new ParsedReport(started.truncatedTo(ChronoUnit.MILLIS), completed.truncatedTo(ChronoUnit.MILLIS), out);
    }

    private List<ExpectationResult> expectations(JsonNode list, String at) {
        List<ExpectationResult> out = new ArrayList<>();
        if (list.isMissingNode() || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw fail(at, "must be a list");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            String where = at + "[" + i + "]";
            if (!e.isObject()) {
                throw fail(where, "must be an object");
            }
            JsonNode declared = e.path("expectation");
            String type = firstText(e, "type", "expectationType");
            if (type == null) {
                type = firstText(declared, "type");
            }
            String description = firstText(e, "description");
            if (description == null) {
                description = firstText(declared, "description");
            }
            Boolean ok = bool(e, where, "success", "passed");
            ResultStatus status = ok == null ? ResultStatus.fromDb(firstText(e, "status")) : ok ? ResultStatus.PASSED : ResultStatus.FAILED;
            out.add(new ExpectationResult(i, type == null ? "unknown" : type, description, status, firstText(e, "message")));
        }
        return out;
    }

    private Instant time(JsonNode n, String field, String where) {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            return null;
        }
        try {
            return Timestamps.parse(v.asText());
        } catch (IllegalArgumentException e) {
            throw fail(where, "not a timestamp: '" + v.asText() + "'");
        }
    }

    private Duration seconds(JsonNode n, String field, String where) {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        double s;
        if (v.isNumber()) {
            s = v.asDouble();
        } else {
            try {
                s = Double.parseDouble(v.asText().strip());
            } catch (NumberFormatException e) {
                throw fail(where, "not a number of seconds: '" + v.asText() + "'");
            }
        }
        if (s < 0 || Double.isNaN(s) || Double.isInfinite(s)) {
            throw fail(where, "not a number of seconds: " + v.asText());
        }
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    private Boolean bool(JsonNode n, String where, String... fields) {
        for (String f : fields) {
            JsonNode v = n.path(f);
            if (v.isBoolean()) {
                return v.asBoolean();
            }
            if (v.isTextual() && (v.asText().equalsIgnoreCase("true") || v.asText().equalsIgnoreCase("false"))) {
                return Boolean.parseBoolean(v.asText());
            }
            if (!v.isMissingNode() && !v.isNull()) {
                throw fail(where + "." + f, "must be true or false, not " + v);
            }
        }
        return null;
    }

    private static String firstText(JsonNode n, String... fields) {
        for (String f : fields) {
            JsonNode v = n.path(f);
            if (v.isValueNode() && !v.isNull() && !v.asText().isBlank()) {
                return v.asText();
            }
        }
        return null;
    }

    private AnvilException fail(String field, String message) {
        return new AnvilException(file + ": " + (field.isEmpty() ? "" : field + ": ") + message);
    }
}
