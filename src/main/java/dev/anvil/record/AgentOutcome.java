package dev.anvil.record;

import java.nio.file.Path;
import java.util.List;

/**
 * What the agent did.
 *
 * @param worktree where to validate its work (Aura reports its own worktree path)
 * @param message  why it did not complete, for the result's ErrorMessage
 * @param steps    the agent's steps where the executor knows them (Aura), for index_usage
 */
public record AgentOutcome(Kind kind, Path worktree, String message, Integer exitCode, List<AgentStep> steps) {

    public enum Kind {
        /** The agent finished; its work is validated by the expectations. */
        COMPLETED,
        /** The agent reported failure itself (non-zero exit, Aura status Failed or GateFailed). */
        FAILED,
        /** Stopped at the story's timeout. */
        TIMED_OUT,
        /** The executor or infrastructure broke (could not start, lost connection, Aura Cancelled). */
        CRASHED
    }

    public AgentOutcome {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** One step of the agent, and the tool it used (for the share of Aura tool calls). */
    public record AgentStep(String name, String tool, boolean auraTool) {
    }
}
