package dev.anvil.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ValidateCommandTest {
    @TempDir
    Path suite;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int anvil(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private void write(String relative, String text) throws IOException {
        Path f = suite.resolve(relative);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    @Test
    void aValidSuiteExitsZeroWithASummary() throws IOException {
        write("a.yaml", "name: a\nlanguage: go\ntags: [api]\nstory: {title: T, description: D}\n");
        write("b.md", "---\nid: b\ntitle: B\nlanguage: python\n---\nDo b.\n");

        assertThat(anvil("validate", suite.toString())).isZero();
        assertThat(out.toString()).isEqualTo("2 stories, 0 problems\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void everyProblemIsPrintedAsFileLineMessageAndTheExitCodeIsTwo() throws IOException {
        write("a.yaml", "name: a\nlanguage: go\nstory: {title: T, description: D}\n");
        write("bad.yaml", "name: bad\nlanguage: go\nstory: {title: T, description: D}\n"
                + "expectations:\n  - type: file_contains\n    path: x\n    pattern: '(('\n  - type: nope\n");

        assertThat(anvil("validate", suite.toString())).isEqualTo(2);
        Path bad = suite.resolve("bad.yaml");
        assertThat(out.toString().lines()).containsExactly(
                bad + ":7: bad regex in file_contains pattern: Unclosed group near index 2 of ((",
                bad + ":8: unknown expectation type 'nope' (known: compiles, tests_pass, file_exists, file_contains, file_not_contains, command, run_output, index_usage)",
                "1 story, 2 problems");
    }

    @Test
    void theFilterOptionsListTheStoriesTheyWouldSelect() throws IOException {
        write("a.yaml", "name: api-a\nlanguage: go\ntags: [api]\nstory: {title: T, description: D}\n");
        write("b.yaml", "name: api-b\nlanguage: go\ntags: [api, slow]\nstory: {title: T, description: D}\n");
        write("c.yaml", "name: cli-c\nlanguage: python\ntags: [cli]\nstory: {title: T, description: D}\n");

        assertThat(anvil("validate", suite.toString(), "--tag", "api,cli", "--exclude-tag", "slow", "--language", "go",
                "--name", "api-*", "--list")).isZero();
        assertThat(out.toString().lines()).hasSize(2);
        assertThat(out.toString().lines().findFirst().orElseThrow()).startsWith("api-a ").contains("go", "yaml")
                .endsWith(suite.resolve("a.yaml").toString());
        assertThat(out.toString()).endsWith("3 stories (1 selected), 0 problems\n");
    }

    @Test
    void withoutAPathItIsAUsageError() {
        assertThat(anvil("validate")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'PATH'");
    }

    @Test
    void aMissingPathIsAProblem() {
        Path nowhere = suite.resolve("nowhere");
        assertThat(anvil("validate", nowhere.toString())).isEqualTo(2);
        assertThat(out.toString()).isEqualTo(nowhere + ": no such file or folder\n0 stories, 1 problem\n");
    }

    @Test
    void withAnAgentCommandAPromptTooLongForTheCommandLineIsAProblemWithItsReason() throws IOException {
        write("big.yaml", "name: big\nlanguage: go\nstory:\n  title: T\n  description: \"" + "word ".repeat(30_000) + "\"\n");

        assertThat(anvil("validate", suite.toString(), "--agent-command", "agent --prompt-file {promptFile}")).isZero();
        out.getBuffer().setLength(0);
        assertThat(anvil("validate", suite.toString(), "--agent-command", "agent {prompt}")).isEqualTo(2);
        assertThat(out.toString()).contains(suite.resolve("big.yaml") + ": story big: its prompt makes the agent command ",
                " bytes long, over the OS limit of 131072 bytes for one argument: use {promptFile} (or $ANVIL_PROMPT_FILE) "
                        + "instead of {prompt}", "1 story, 1 problem");
    }
}
