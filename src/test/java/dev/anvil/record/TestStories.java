package dev.anvil.record;

import dev.anvil.history.HistoryDatabase;
import dev.anvil.record.expect.LanguageCommands;
import dev.anvil.story.Expectation;
import dev.anvil.story.Story;
import dev.anvil.story.StoryFormat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds stories, fixtures and settings for the record tests. */
final class TestStories {
    private TestStories() {
    }

    static Story story(String id, Path fixture, Expectation... expectations) {
        return new Story(id, "Title of " + id, "Do " + id, "java", null, List.of(), null, StoryFormat.YAML,
                fixture, fixture == null ? null : fixture.toString(), List.of(expectations), Duration.ofSeconds(60),
                null, "hash-" + id);
    }

    static Story withTimeout(Story s, Duration timeout) {
        return new Story(s.id(), s.title(), s.description(), s.language(), s.category(), s.tags(), s.file(), s.format(),
                s.repository(), s.repositoryText(), s.expectations(), timeout, s.executor(), s.fileHash());
    }

    static Story withPrompt(Story s, String title, String description) {
        return new Story(s.id(), title, description, s.language(), s.category(), s.tags(), s.file(), s.format(),
                s.repository(), s.repositoryText(), s.expectations(), s.timeout(), s.executor(), s.fileHash());
    }

    static Expectation expect(String type, Object... keyValues) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new Expectation(type, type + " check", params, 1);
    }

    static RecordSettings settings(Path home) {
        return new RecordSettings("test-mode", null, null, home.resolve("worktrees"), home.resolve("logs"),
                false, false, 1, null, new LanguageCommands(Map.of()), false);
    }

    static HistoryDatabase db(Path home) {
        return HistoryDatabase.open(home.resolve("anvil.db"));
    }

    /** A plain-folder fixture with one source file. */
    static Path folderFixture(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/App.java"), "class App {}\n");
        Files.writeString(dir.resolve("README.md"), "fixture\n");
        return dir;
    }

    /** A git repository fixture with one commit. */
    static Path gitFixture(Path dir) throws IOException, InterruptedException {
        folderFixture(dir);
        sh(dir, "git init -q . && git -c user.email=t@t -c user.name=t add -A && "
                + "git -c user.email=t@t -c user.name=t commit -q -m init");
        return dir;
    }

    static void sh(Path dir, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/bin/sh", "-c", command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("`" + command + "` failed: " + out);
        }
    }

}
