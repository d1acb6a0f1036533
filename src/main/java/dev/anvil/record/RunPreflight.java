package dev.anvil.record;

import dev.anvil.AnvilException;
import dev.anvil.record.process.CommandResult;
import dev.anvil.record.process.ShellCommand;
import dev.anvil.record.process.ShellQuote;
import dev.anvil.record.worktree.FixtureStatus;
import dev.anvil.story.Story;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks made before a run row is written, so a setup mistake records nothing. */
public final class RunPreflight {
    private RunPreflight() {
    }

    /** Every story's fixture must exist: a missing one is named with its story and file. */
    public static void check(List<Story> stories) {
        if (stories.isEmpty()) {
            throw new AnvilException("no stories to record: the paths and filters selected none");
        }
        List<String> missing = new ArrayList<>();
        for (Story s : stories) {
            boolean named = s.repositoryText() != null && !s.repositoryText().isBlank();
            if (named && (s.repository() == null || !Files.isDirectory(s.repository()))) {
                missing.add((s.file() == null ? s.id() : s.file() + "") + ": fixture repository '" + s.repositoryText()
                        + "' of story " + s.id() + " not found");
            }
        }
        if (!missing.isEmpty()) {
            throw new AnvilException(String.join("; ", missing));
        }
    }

    /**
     * Stories the agent command cannot be given: {@code {prompt}} over the OS argument limit. Each
     * line names the story, its file and the reason.
     */
    public static List<String> promptProblems(AgentExecutor executor, List<Story> stories) {
        List<String> problems = new ArrayList<>();
        if (executor instanceof CommandExecutor command) {
            for (Story s : stories) {
                String why = command.promptProblem(s);
                if (why != null) {
                    problems.add((s.file() == null ? s.id() : s.file().toString()) + ": story " + s.id() + ": " + why);
                }
            }
        }
        return problems;
    }

    /** Warnings about the stories' fixtures: uncommitted changes that their worktrees will not have. */
    public static List<String> fixtureWarnings(List<Story> stories) {
        List<String> warnings = new ArrayList<>();
        java.util.Set<Path> seen = new java.util.HashSet<>();
        for (Story s : stories) {
            if (s.repository() != null && seen.add(s.repository())) {
                try {
                    String w = FixtureStatus.uncommittedChanges(s.repository());
                    if (w != null) {
                        warnings.add(w);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return warnings;
    }

    /** The HEAD commit of a git repository, for {@code --sut-repo}. */
    public static String gitHead(Path repo) {
        if (!Files.isDirectory(repo)) {
            throw new AnvilException("--sut-repo " + repo + ": no such folder");
        }
        try {
            Path log = Files.createTempFile("anvil-sut", ".log");
            try {
                CommandResult r = ShellCommand.run("git -C " + ShellQuote.quote(repo.toAbsolutePath().toString())
                        + " rev-parse HEAD", repo, Map.of(), Duration.ofSeconds(30), log);
                if (!r.succeeded()) {
                    throw new AnvilException("--sut-repo " + repo + ": not a git repository with a commit (" + r.tail(120) + ")");
                }
                return r.output().strip();
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new AnvilException("--sut-repo " + repo + ": cannot run git: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnvilException("interrupted while reading --sut-repo", e);
        }
    }
}
