package dev.anvil.record;

import dev.anvil.record.process.CommandResult;
import dev.anvil.record.process.CommandTemplate;
import dev.anvil.record.process.ShellCommand;
import dev.anvil.story.Story;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs the agent under test as a shell command ({@code /bin/sh -c}) in the story's worktree. The
 * command's placeholders ({@code {prompt}}, {@code {storyId}}, {@code {worktree}},
 * {@code {storyFile}}, {@code {configDir}}, {@code {mode}}, {@code {language}}) are replaced by
 * shell-quoted values; the same facts are in the environment as {@code ANVIL_*} variables.
 */
public final class CommandExecutor implements AgentExecutor {
    private final CommandTemplate command;
    private final Map<String, String> env;
    private final Path configDir;

    /**
     * @param command   the command line with placeholders
     * @param env       extra environment of the mode (from anvil.yaml)
     * @param configDir the folder of the anvil.yaml that defined the mode ({@code {configDir}}), or null
     */
    public CommandExecutor(String command, Map<String, String> env, Path configDir) {
        this.command = new CommandTemplate(command);
        this.env = env == null ? Map.of() : Map.copyOf(env);
        this.configDir = configDir;
    }

    public String commandTemplate() {
        return command.template();
    }

    @Override
    public AgentOutcome run(AgentTask task) throws InterruptedException {
        Story story = task.story();
        Map<String, String> environment = environment(task);
        String line = command.expand(placeholders(task));
        CommandResult result;
        try {
            result = ShellCommand.run(line, task.worktree(), environment, task.timeout(), task.logFile());
        } catch (IOException e) {
            return new AgentOutcome(AgentOutcome.Kind.CRASHED, task.worktree(),
                    "agent could not start: " + e.getMessage(), null, null);
        }
        if (result.timedOut()) {
            return new AgentOutcome(AgentOutcome.Kind.TIMED_OUT, task.worktree(),
                    "agent timed out after " + task.timeout().toSeconds() + "s; its process tree was stopped", null, null);
        }
        if (result.exitCode() != 0) {
            String tail = result.tail(200);
            return new AgentOutcome(AgentOutcome.Kind.FAILED, task.worktree(),
                    "agent exited with code " + result.exitCode() + (tail.isEmpty() ? "" : ": " + tail),
                    result.exitCode(), null);
        }
        return new AgentOutcome(AgentOutcome.Kind.COMPLETED, task.worktree(), null, 0, null);
    }

    Map<String, String> placeholders(AgentTask task) {
        Story s = task.story();
        Map<String, String> v = new HashMap<>();
        v.put("prompt", s.prompt());
        v.put("storyId", s.id());
        v.put("title", s.title() == null ? "" : s.title());
        v.put("worktree", String.valueOf(task.worktree()));
        v.put("storyFile", s.file() == null ? "" : s.file().toAbsolutePath().toString());
        v.put("mode", task.mode());
        v.put("language", s.language() == null ? "" : s.language());
        if (configDir != null) {
            v.put("configDir", configDir.toAbsolutePath().toString());
        }
        return v;
    }

    Map<String, String> environment(AgentTask task) {
        Story s = task.story();
        Map<String, String> e = new LinkedHashMap<>(env);
        e.put("ANVIL_STORY_ID", s.id());
        e.put("ANVIL_STORY_TITLE", s.title() == null ? "" : s.title());
        e.put("ANVIL_PROMPT", s.prompt());
        e.put("ANVIL_WORKTREE", String.valueOf(task.worktree()));
        e.put("ANVIL_LANGUAGE", s.language() == null ? "" : s.language());
        e.put("ANVIL_STORY_FILE", s.file() == null ? "" : s.file().toAbsolutePath().toString());
        e.put("ANVIL_MODE", task.mode());
        if (configDir != null) {
            e.put("ANVIL_CONFIG_DIR", configDir.toAbsolutePath().toString());
        }
        return e;
    }
}
