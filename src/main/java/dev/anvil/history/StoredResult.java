package dev.anvil.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * A {@code StoryResults} row exactly as stored, with its expectation rows and, for a result of an
 * Aura mode, its {@code AuraResults} row ({@code aura}, null without one: left out of JSON then);
 * its run is the enclosing one.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"id", "storyId", "storyPath", "language", "status", "durationMs", "errorMessage",
        "generatedFiles", "executedAt", "storyHash", "logPath", "worktreePath", "expectations", "aura"})
public record StoredResult(
        String id,
        String storyId,
        String storyPath,
        String language,
        String status,
        Long durationMs,
        String errorMessage,
        String generatedFiles,
        String executedAt,
        String storyHash,
        String logPath,
        String worktreePath,
        List<StoredExpectation> expectations,
        @JsonInclude(JsonInclude.Include.NON_NULL) StoredAuraResult aura) {

    public StoredResult {
        expectations = expectations == null ? List.of() : List.copyOf(expectations);
    }

    /** A result without an Aura row (command modes, rows written before schema V5 or by another tool). */
    public StoredResult(String id, String storyId, String storyPath, String language, String status, Long durationMs,
                        String errorMessage, String generatedFiles, String executedAt, String storyHash, String logPath,
                        String worktreePath, List<StoredExpectation> expectations) {
        this(id, storyId, storyPath, language, status, durationMs, errorMessage, generatedFiles, executedAt, storyHash,
                logPath, worktreePath, expectations, null);
    }

    public StoredResult withAura(StoredAuraResult row) {
        return new StoredResult(id, storyId, storyPath, language, status, durationMs, errorMessage, generatedFiles,
                executedAt, storyHash, logPath, worktreePath, expectations, row);
    }

    String missingField() {
        if (id == null || id.isBlank()) {
            return "id";
        }
        if (storyId == null) {
            return "storyId";
        }
        if (storyPath == null) {
            return "storyPath";
        }
        if (language == null) {
            return "language";
        }
        if (status == null) {
            return "status";
        }
        if (executedAt == null) {
            return "executedAt";
        }
        for (StoredExpectation e : expectations) {
            if (e.position() == null) {
                return "expectations[].position";
            }
            if (e.type() == null) {
                return "expectations[].type";
            }
            if (e.status() == null) {
                return "expectations[].status";
            }
        }
        return null;
    }
}
