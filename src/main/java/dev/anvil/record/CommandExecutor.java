package dev.anvil.record;

import dev.anvil.record.process.CommandResult;
import dev.anvil.record.process.CommandTemplate;
import dev.anvil.record.process.ShellCommand;
import dev.anvil.story.Story;

import dev.anvil.AnvilException;
import dev.anvil.record.process.ShellQuote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the agent under test as a shell command ({@code /bin/sh -c}) in the story's worktree. The
 * command's placeholders ({@code {prompt}}, {@code {promptFile}}, {@code {storyId}},
 * {@code {title}}, {@code {worktree}}, {@code {storyFile}}, {@code {configDir}}, {@code {mode}},
 * {@code {language}}) are replaced by shell-quoted values; the same facts are in the environment
 * as {@code ANVIL_*} variables. The prompt is always written to a file beside the story's log
 * ({@code {promptFile}}, {@code ANVIL_PROMPT_FILE}), so a prompt of any size reaches the agent.
 */
public final class CommandExecutor implements AgentExecutor {
    /** The placeholders an agent command may use. */
    public static final Set<String> PLACEHOLDERS = Set.of("prompt", "promptFile", "storyId", "title", "worktree",
            "storyFile", "mode", "language", "configDir");
    /**
     * The longest single argument or environment entry the OS takes (Linux: MAX_ARG_STRLEN, 32
     * pages); the whole {@code sh -c} command line is one argument.
     */
    public static final int MAX_ARGUMENT_BYTES = 128 * 1024;

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
        List<String> quoted = this.command.quotedPlaceholders(PLACEHOLDERS);
        if (!quoted.isEmpty()) {
            throw new AnvilException("agent command `" + command + "` puts " + String.join(", ", quoted)
                    + " inside quotes: placeholders are replaced by values that are already shell-quoted, so write "
                    + quoted.get(0).substring(1, quoted.get(0).length() - 1)
                    + " without quotes (inside quotes the story's text would run as shell commands)");
        }
        this.env = env == null ? Map.of() : Map.copyOf(env);
        this.configDir = configDir;
    }

    public String commandTemplate() {
        return command.template();
    }

    /**
     * Why this command cannot give a story its prompt, or null: {@code {prompt}} puts the prompt
     * into the command line, and one argument cannot exceed {@link #MAX_ARGUMENT_BYTES}.
     */
    public String promptProblem(Story story) {
        if (!command.uses("prompt")) {
            return null;
        }
        long bytes = command.template().getBytes(StandardCharsets.UTF_8).length
                + ShellQuote.quote(story.prompt()).getBytes(StandardCharsets.UTF_8).length;
        if (bytes < MAX_ARGUMENT_BYTES) {
            return null;
        }
        return "its prompt makes the agent command " + bytes + " bytes long, over the OS limit of " + MAX_ARGUMENT_BYTES
                + " bytes for one argument: use {promptFile} (or $ANVIL_PROMPT_FILE) instead of {prompt}";
    }

    @Override
    public AgentOutcome run(AgentTask task) throws InterruptedException {
        Story story = task.story();
        CommandResult result;
        try {
            Path promptFile = promptFile(task);
            Files.writeString(promptFile, story.prompt(), StandardCharsets.UTF_8);
            Map<String, String> environment = environment(task, promptFile);
            String line = command.expand(placeholders(task, promptFile));
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

    /** Beside the story's log, not in the worktree, where it would count as the agent's work. */
    static Path promptFile(AgentTask task) {
        return task.logFile().resolveSibling(task.logFile().getFileName().toString().replaceFirst("\\.log$", "") + ".prompt.txt");
    }

    Map<String, String> placeholders(AgentTask task, Path promptFile) {
        Story s = task.story();
        Map<String, String> v = new HashMap<>();
        v.put("prompt", s.prompt());
        v.put("promptFile", promptFile.toAbsolutePath().toString());
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

    Map<String, String> environment(AgentTask task, Path promptFile) throws IOException {
        Story s = task.story();
        Map<String, String> e = new LinkedHashMap<>(env);
        e.put("ANVIL_STORY_ID", s.id());
        e.put("ANVIL_STORY_TITLE", s.title() == null ? "" : s.title());
        int promptBytes = s.prompt().getBytes(StandardCharsets.UTF_8).length;
        if (promptBytes + "ANVIL_PROMPT=".length() < MAX_ARGUMENT_BYTES) {
            e.put("ANVIL_PROMPT", s.prompt());
        } else {
            Files.writeString(task.logFile(), "anvil: the prompt is " + promptBytes + " bytes, too long for an environment "
                    + "variable; ANVIL_PROMPT is not set, ANVIL_PROMPT_FILE names the file that holds it\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        e.put("ANVIL_PROMPT_FILE", promptFile.toAbsolutePath().toString());
        if (task.worktree() != null && task.worktree().getParent() != null) {
            // git stops looking for a repository at the worktree, even if the agent removes its .git
            e.put("GIT_CEILING_DIRECTORIES", task.worktree().toAbsolutePath().getParent().toString());
        }
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
