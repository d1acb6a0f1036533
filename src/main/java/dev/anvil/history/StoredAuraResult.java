package dev.anvil.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An {@code AuraResults} row (migration V5) exactly as stored, nulls as nulls and the detected
 * patterns as their JSON text; its result is the enclosing one. Export, import, push and pull
 * carry it with its result.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"auraStoryId", "auraStatus", "toolCalls", "semanticToolCalls", "fileLevelToolCalls",
        "auraToolRatio", "stepsToFirstRelevantCode", "backtrackingEvents", "detectedPatterns"})
public record StoredAuraResult(
        String auraStoryId,
        String auraStatus,
        Integer toolCalls,
        Integer semanticToolCalls,
        Integer fileLevelToolCalls,
        Double auraToolRatio,
        Integer stepsToFirstRelevantCode,
        Integer backtrackingEvents,
        String detectedPatterns) {

    /** The row the recorder writes for {@code aura} ({@link AuraResultRows}), or null without one. */
    public static StoredAuraResult of(AuraResult aura) {
        if (aura == null) {
            return null;
        }
        IndexUsage u = aura.indexUsage();
        if (u == null) {
            return new StoredAuraResult(aura.auraStoryId(), aura.auraStatus(), null, null, null, null, null, null, null);
        }
        return new StoredAuraResult(aura.auraStoryId(), aura.auraStatus(), u.toolCalls(), u.semanticToolCalls(),
                u.fileLevelToolCalls(), u.auraToolRatio(), u.stepsToFirstRelevantCode(), u.backtrackingEvents(),
                AuraResultRows.patternsJson(u.detectedPatterns()));
    }

    /** Whether every column is null: a row CSV cannot tell from no row (Anvil never writes one). */
    boolean isEmpty() {
        return auraStoryId == null && auraStatus == null && toolCalls == null && semanticToolCalls == null
                && fileLevelToolCalls == null && auraToolRatio == null && stepsToFirstRelevantCode == null
                && backtrackingEvents == null && detectedPatterns == null;
    }
}
