package dev.anvil.history;

import java.time.Instant;
import java.util.List;

/**
 * One story's outcome in one run: the ADR-005 {@code StoryResults} row plus what Anvil adds
 * (story file hash, agent log, kept worktree, per-expectation results, and for an Aura mode
 * what Aura reported: its status and the index usage of its tool calls).
 */
public record StoryResult(
        String id,
        String runId,
        String storyId,
        String storyPath,
        String language,
        ResultStatus status,
        Long durationMs,
        String errorMessage,
        List<String> generatedFiles,
        Instant executedAt,
        String storyHash,
        String logPath,
        String worktreePath,
        List<ExpectationResult> expectations,
        AuraResult aura) {

    public StoryResult {
        generatedFiles = generatedFiles == null ? List.of() : List.copyOf(generatedFiles);
        expectations = expectations == null ? List.of() : List.copyOf(expectations);
    }

    /** A result without anything from Aura (command modes, imports of other tools' reports). */
    public StoryResult(String id, String runId, String storyId, String storyPath, String language, ResultStatus status,
                       Long durationMs, String errorMessage, List<String> generatedFiles, Instant executedAt,
                       String storyHash, String logPath, String worktreePath, List<ExpectationResult> expectations) {
        this(id, runId, storyId, storyPath, language, status, durationMs, errorMessage, generatedFiles, executedAt,
                storyHash, logPath, worktreePath, expectations, null);
    }

    /** The common case: an outcome without provenance or expectations. */
    public static StoryResult of(String runId, String storyId, String language, ResultStatus status,
                                 long durationMs, String errorMessage, Instant executedAt) {
        return new StoryResult(Ids.newTimeOrderedId(), runId, storyId, storyId, language, status, durationMs,
                errorMessage, List.of(), executedAt, null, null, null, List.of());
    }

    public StoryResult withExpectations(List<ExpectationResult> list) {
        return new StoryResult(id, runId, storyId, storyPath, language, status, durationMs, errorMessage,
                generatedFiles, executedAt, storyHash, logPath, worktreePath, list, aura);
    }

    public StoryResult withAura(AuraResult value) {
        return new StoryResult(id, runId, storyId, storyPath, language, status, durationMs, errorMessage,
                generatedFiles, executedAt, storyHash, logPath, worktreePath, expectations, value);
    }
}
