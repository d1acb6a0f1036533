package dev.anvil.record.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CommandTemplateTest {
    @TempDir
    Path dir;

    static final String HOSTILE = "it's \"quoted\" $(touch pwned1) `touch pwned2` ${HOME} $HOME; touch pwned3 && echo x\n"
            + "second line | rm -rf / * ?\\ {storyId} '";

    @Test
    void aHostilePromptReachesTheCommandByteForByteAndRunsNothing() throws Exception {
        String line = new CommandTemplate("printf %s {prompt} > prompt.txt").expand(Map.of("prompt", HOSTILE));
        CommandResult r = ShellCommand.run(line, dir, Map.of(), Duration.ofSeconds(10), dir.resolve("log"));

        assertThat(r.exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("prompt.txt"))).isEqualTo(HOSTILE);
        assertThat(dir.resolve("pwned1")).doesNotExist();
        assertThat(dir.resolve("pwned2")).doesNotExist();
        assertThat(dir.resolve("pwned3")).doesNotExist();
    }

    @Test
    void placeholdersAreReplacedOnceSoAValueIsNeverExpandedAgain() {
        String line = new CommandTemplate("agent {prompt} --id {storyId}").expand(Map.of("prompt", "{storyId}", "storyId", "s-1"));
        assertThat(line).isEqualTo("agent '{storyId}' --id 's-1'");
    }

    @Test
    void unknownNamesAndShellVariablesAreLeftAlone() {
        String line = new CommandTemplate("echo ${HOME} {nope} {storyId}").expand(Map.of("storyId", "a", "HOME", "x"));
        assertThat(line).isEqualTo("echo ${HOME} {nope} 'a'");
    }

    @Test
    void singleQuotesAreClosedEscapedAndReopened() {
        assertThat(ShellQuote.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(ShellQuote.quote("")).isEqualTo("''");
    }
}
