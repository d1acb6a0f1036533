package dev.anvil.record;

/**
 * Runs the agent under test on one story. Implementations: a shell command in the story's
 * worktree, or the Aura REST API (which makes its own worktree).
 */
public interface AgentExecutor extends AutoCloseable {

    /** Checks once, before the run, that the agent can be reached; throws AnvilException if not. */
    default void checkReady() {
    }

    /** Whether the runner must prepare an isolated worktree before {@link #run} (Aura makes its own). */
    default boolean needsWorktree() {
        return true;
    }

    /**
     * Runs the agent and waits for it, at most until the task's timeout. Interruption (Ctrl-C)
     * must stop the agent, its whole process tree included, and then throw InterruptedException.
     */
    AgentOutcome run(AgentTask task) throws InterruptedException;

    @Override
    default void close() {
    }
}
