package dev.anvil.record.expect;

import dev.anvil.record.AgentOutcome;
import dev.anvil.story.Story;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What an expectation is checked against.
 *
 * @param worktree       the agent's work (every path is confined to it)
 * @param outcome        what the agent reported (its steps, for index_usage)
 * @param aura           whether the agent ran through the Aura executor (index_usage applies only then)
 * @param commandTimeout how long one build, test or check command may run
 * @param log            the story's log, where command output is appended
 * @param env            environment of the commands (the story's ANVIL_* variables)
 */
public record ExpectationContext(Path worktree, Story story, AgentOutcome outcome, boolean aura,
                                 LanguageCommands languages, Duration commandTimeout, Path log,
                                 Map<String, String> env) {
}
