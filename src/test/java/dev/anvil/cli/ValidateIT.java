package dev.anvil.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code anvil validate} as users run it: the packaged jar in a child process. */
class ValidateIT {
    @TempDir
    Path suite;

    private record Result(int exit, String out, String err) {
    }

    private Result anvil(String... args) throws IOException, InterruptedException {
        String jar = System.getProperty("anvil.jar");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(suite.toFile())
                .redirectOutput(suite.resolve("out.txt").toFile())
                .redirectError(suite.resolve("err.txt").toFile())
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), Files.readString(suite.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(suite.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void problemsGoToStandardOutputWithExitTwoAndNoStackTrace() throws Exception {
        Files.createDirectories(suite.resolve("stories"));
        Files.writeString(suite.resolve("stories/ok.md"), "---\nid: ok\ntitle: OK\nlanguage: go\n---\nDo it.\n");
        Files.writeString(suite.resolve("stories/bad.yaml"), "name: bad\nlanguage: go\nstory: {title: T}\n");

        Result r = anvil("validate", "stories");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEqualTo("stories/bad.yaml:3: missing 'story.description' (the prompt for the agent)\n"
                + "1 story, 1 problem\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aValidSuiteExitsZero() throws Exception {
        Files.writeString(suite.resolve("ok.yaml"), "name: ok\nlanguage: go\nstory: {title: T, description: D}\n");
        Result r = anvil("validate", "ok.yaml", "--list");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("ok ").endsWith("1 story, 0 problems\n");
    }
}
