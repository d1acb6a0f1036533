package dev.anvil.record;

import dev.anvil.story.Story;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One story for the agent.
 *
 * @param worktree the isolated copy of the fixture to work in (null when the executor makes its own)
 * @param logFile  where the agent's output is kept
 */
public record AgentTask(Story story, String mode, Path worktree, Path logFile, Duration timeout) {
}
