package dev.anvil.record;

import dev.anvil.record.expect.LanguageCommands;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a run is recorded.
 *
 * @param worktreeRoot    where story worktrees are made ({@code <root>/<run>/<story>})
 * @param logRoot         where agent logs are kept ({@code <root>/<run>/<story>.log})
 * @param keepWorktrees   keep the worktrees of passed stories too
 * @param failFast        start no further story after the first that does not pass
 * @param parallel        how many stories run at once (results are still committed one by one)
 * @param timeoutOverride replaces every story's own timeout when not null
 * @param aura            whether the executor is Aura's (index_usage applies)
 */
public record RecordSettings(String mode, String label, String sutRevision, Path worktreeRoot, Path logRoot,
                             boolean keepWorktrees, boolean failFast, int parallel, Duration timeoutOverride,
                             LanguageCommands languages, boolean aura) {

    public RecordSettings {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1");
        }
    }
}
