package dev.anvil.record.worktree;

import dev.anvil.record.process.CommandResult;
import dev.anvil.record.process.ShellCommand;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Uncommitted changes in a fixture that is a git repository: its worktrees are clones, which take
 * HEAD, so those changes never reach the agent. Said as a warning that names them, before a run.
 */
public final class FixtureStatus {
    private static final int NAMED = 5;

    private FixtureStatus() {
    }

    /** A warning about {@code fixture}'s uncommitted changes, or null (clean, not a repository root, or git failed). */
    public static String uncommittedChanges(Path fixture) throws InterruptedException {
        if (fixture == null || !Files.exists(fixture.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        Path log = null;
        try {
            log = Files.createTempFile("anvil-fixture-status", ".log");
            CommandResult r = ShellCommand.run("git -c core.quotepath=off status --porcelain=v1 --untracked-files=all",
                    fixture, Map.of(), Duration.ofSeconds(60), log);
            if (!r.succeeded()) {
                return null;
            }
            List<String> changed = new ArrayList<>();
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.length() > 3) {
                    changed.add(line.substring(3));
                }
            }
            if (changed.isEmpty()) {
                return null;
            }
            String named = String.join(", ", changed.subList(0, Math.min(NAMED, changed.size())))
                    + (changed.size() > NAMED ? " and " + (changed.size() - NAMED) + " more" : "");
            return "fixture " + fixture + " has uncommitted changes (" + named + "); its worktrees take HEAD "
                    + "(" + changed.size() + " file" + (changed.size() == 1 ? "" : "s") + " not in them): commit them to include them";
        } catch (IOException e) {
            return null;
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException e) {
                    // a temp file left behind
                }
            }
        }
    }
}
