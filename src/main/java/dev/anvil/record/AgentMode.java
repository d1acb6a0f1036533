package dev.anvil.record;

import java.nio.file.Path;

/**
 * A mode resolved to the executor that runs it.
 *
 * @param name      the mode, as recorded in TestRuns.Mode
 * @param executor  how the agent runs
 * @param aura      whether it is the Aura executor (index_usage applies)
 * @param source    where its definition came from, for the header and messages
 * @param timeoutSeconds the mode's own story timeout from anvil.yaml, or null
 */
public record AgentMode(String name, AgentExecutor executor, boolean aura, String source, Integer timeoutSeconds) {
}
