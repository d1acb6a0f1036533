package dev.anvil.history;

/**
 * What Aura reported about the story behind a result (the {@code AuraResults} row).
 *
 * @param auraStoryId Aura's id of the story Anvil created
 * @param auraStatus  Aura's last status (the result itself is judged by the expectations)
 * @param indexUsage  the index usage metrics of the story's tool calls, or null when not measured
 */
public record AuraResult(String auraStoryId, String auraStatus, IndexUsage indexUsage) {
}
