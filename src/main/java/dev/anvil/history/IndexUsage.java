package dev.anvil.history;

import java.util.List;

/**
 * How an agent found its way to the code it changed, measured over its tool calls by the .NET
 * Anvil's rules (its IndexEffectivenessMetrics).
 *
 * @param toolCalls                every tool call
 * @param semanticToolCalls        calls of Aura's semantic tools (index, Roslyn, graph)
 * @param fileLevelToolCalls       calls of file-level tools that bypass the index
 * @param auraToolRatio            semantic / (semantic + file-level), rounded to 3 places; null
 *                                 when there was no discovery call at all
 * @param stepsToFirstRelevantCode tool calls up to and including the first edit (all of them when
 *                                 nothing was edited)
 * @param backtrackingEvents       files read and never edited
 * @param detectedPatterns         {@code fishing} (5+ file-level calls in a row), {@code guessing}
 *                                 (grep and no semantic tool), {@code direct} (a semantic call
 *                                 followed at once by an edit)
 */
public record IndexUsage(int toolCalls, int semanticToolCalls, int fileLevelToolCalls, Double auraToolRatio,
                         int stepsToFirstRelevantCode, int backtrackingEvents, List<String> detectedPatterns) {

    public IndexUsage {
        detectedPatterns = detectedPatterns == null ? List.of() : List.copyOf(detectedPatterns);
    }
}
