package dev.anvil.record;

import dev.anvil.history.AuraResult;

import java.nio.file.Path;
import java.util.List;

/**
 * What the agent did.
 *
 * @param worktree where to validate its work (Aura reports its own worktree path)
 * @param message  why it did not complete, for the result's ErrorMessage; with {@code COMPLETED},
 *                 a note on the agent's own verdict that is added to a failure's message
 * @param steps    the agent's steps where the executor knows them (Aura), for index_usage
 * @param aura     what Aura reported (its status, index usage), stored beside the result; null for commands
 * @param release  what becomes of a worktree the executor owns once the story is judged; the
 *                 recorder calls it exactly once, after the expectations
 */
public record AgentOutcome(Kind kind, Path worktree, String message, Integer exitCode, List<AgentStep> steps,
                           AuraResult aura, Release release) {

    public enum Kind {
        /** The agent finished; its work is validated by the expectations. */
        COMPLETED,
        /** The agent reported failure itself (non-zero exit). */
        FAILED,
        /** Stopped at the story's timeout. */
        TIMED_OUT,
        /** The executor or infrastructure broke (could not start, lost connection, Aura Cancelled, no worktree). */
        CRASHED
    }

    public AgentOutcome {
        steps = steps == null ? List.of() : List.copyOf(steps);
        release = release == null ? Release.NONE : release;
    }

    public AgentOutcome(Kind kind, Path worktree, String message, Integer exitCode, List<AgentStep> steps) {
        this(kind, worktree, message, exitCode, steps, null, null);
    }

    /** One step of the agent, and the tool it used (for the share of Aura tool calls). */
    public record AgentStep(String name, String tool, boolean auraTool) {
    }

    /**
     * Releases the agent's own worktree after validation: Aura's delete removes the story and its
     * worktree, so it must come after the expectations, and not at all for a worktree that is kept.
     */
    @FunctionalInterface
    public interface Release {
        Release NONE = keep -> { };

        /** @param keep whether the worktree should stay for inspection (a story that did not pass) */
        void release(boolean keep);
    }
}
