package dev.anvil.story;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every problem is reported, each with its file and the line it is on. */
class StoryValidationTest {
    @TempDir
    Path suite;

    private Path write(String relative, String text) throws IOException {
        Path f = suite.resolve(relative);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    private List<String> problems(Path... paths) {
        StorySet set = new StoryLoader().load(paths);
        return set.problems().stream().map(StoryProblem::toString).toList();
    }

    @Test
    void badYamlIsReportedAtTheLineTheParserStopped() throws IOException {
        Path f = write("bad.yaml", """
                name: bad
                language: go
                story:
                  title: [unclosed
                  description: x
                """);
        assertThat(problems(f)).singleElement().asString().startsWith(f + ":5: bad YAML: ").doesNotContain("line");
    }

    @Test
    void everyMissingRequiredFieldIsReportedInOnePass() throws IOException {
        Path f = write("empty-ish.yaml", """
                description: nothing else
                tags: [x]
                """);
        assertThat(problems(f)).containsExactly(
                f + ":1: missing 'name' (the story id)",
                f + ":1: missing 'language' (e.g. csharp, python, java)",
                f + ":1: missing 'story' (its title, and its description: the prompt for the agent)");
    }

    @Test
    void aStoryWithoutTitleOrPromptIsReportedAtItsStoryBlock() throws IOException {
        Path f = write("s.yaml", """
                name: s
                language: go
                story:
                  title: "  "
                """);
        assertThat(problems(f)).containsExactly(
                f + ":4: missing 'story.title' (the story's title)",
                f + ":3: missing 'story.description' (the prompt for the agent)");
    }

    @Test
    void unknownTypesBadRegexesAndMissingParametersAreReportedWhereWritten() throws IOException {
        Path f = write("e.yaml", """
                name: e
                language: go
                story: {title: T, description: D}
                expectations:
                  - type: compiles
                  - type: file_exist
                    path: a.txt
                  - type: file_contains
                    path: a.txt
                    pattern: "func (main"
                  - type: file_exists
                    description: no path
                  - type: command
                  - type: run_output
                    command: ./run
                    pattern: "[a-"
                  - type: index_usage
                    min_aura_tool_ratio: 1.5
                    max_steps_to_target: zero
                  - description: no type at all
                """);
        assertThat(problems(f)).containsExactly(
                f + ":6: unknown expectation type 'file_exist' (known: compiles, tests_pass, file_exists, file_contains, file_not_contains, command, run_output, index_usage)",
                f + ":10: bad regex in file_contains pattern: Unclosed group near index 10 of func (main",
                f + ":11: file_exists expectation needs 'path'",
                f + ":13: command expectation needs 'command'",
                f + ":16: bad regex in run_output pattern: Illegal character range near index 3 of [a-",
                f + ":18: index_usage: min_aura_tool_ratio must be a number from 0 to 1, not '1.5'",
                f + ":19: index_usage: max_steps_to_target must be a positive whole number, not 'zero'",
                f + ":20: expectation without a type (one of compiles, tests_pass, file_exists, file_contains, file_not_contains, command, run_output, index_usage)");
    }

    @Test
    void aMissingRepositoryBadTimeoutAndUnknownExecutorAreReported() throws IOException {
        Path f = write("r.yaml", """
                name: r
                language: go
                story: {title: T, description: D}
                repository: fixtures/nowhere
                timeoutSeconds: -5
                executor: claude
                """);
        Path abs = write("abs.yaml", """
                name: abs
                language: go
                story: {title: T, description: D}
                repository: /definitely/not/here
                timeoutSeconds: soon
                """);
        assertThat(problems(f, abs)).containsExactly(
                f + ":4: repository 'fixtures/nowhere' not found in " + suite.toAbsolutePath() + " or any folder above it",
                f + ":5: bad timeoutSeconds -5: a whole number of seconds above 0",
                f + ":6: unknown executor 'claude' (internal or copilot)",
                abs + ":4: repository /definitely/not/here does not exist (or is not a folder)",
                abs + ":5: bad timeoutSeconds 'soon': a whole number of seconds above 0");
    }

    @Test
    void aNameUsedTwiceInOneFolderIsAProblemInTheLaterFileNamingTheFirst() throws IOException {
        write("a.yaml", "name: same\nlanguage: go\nstory: {title: T, description: D}\n");
        write("b.md", "---\ntitle: B\nlanguage: go\nid: same\n---\nText.\n");
        StorySet set = new StoryLoader().load(suite);
        assertThat(set.problems()).extracting(StoryProblem::toString).containsExactly(
                suite.resolve("b.md") + ":4: duplicate story id 'same' (first in " + suite.resolve("a.yaml")
                        + ":1); stories that share a name must be in different folders");
        assertThat(set.stories()).isEmpty();
    }

    @Test
    void markdownFrontMatterProblemsCarryFileLines() throws IOException {
        Path f = write("m.md", """
                ---
                id: m
                validation:
                  build: yes please
                  run_output: "Hello"
                expected_files: [ok.txt]
                ---
                """);
        assertThat(problems(f)).containsExactly(
                f + ":2: missing 'language' (e.g. csharp, python, java)",
                f + ":2: missing 'title' (in the front matter, or a '# heading' in the text)",
                f + ":7: the story text after the front matter is empty",
                f + ":4: validation.build must be true or false, not 'yes please'",
                f + ":5: validation.run_output needs validation.run_command (the command whose output to match)");
    }

    @Test
    void badYamlInFrontMatterCountsLinesFromTheTopOfTheFile() throws IOException {
        Path f = write("y.md", "---\nid: y\ntitle: [oops\nlanguage: go\n---\nText\n");
        assertThat(problems(f)).containsExactly(
                f + ":4: bad YAML in front matter: while parsing a flow sequence: expected ',' or ']', but got :");
    }

    @Test
    void anUnclosedFrontMatterIsAProblem() throws IOException {
        Path f = write("u.md", "---\nid: u\ntitle: U\nlanguage: go\nText but no closing line\n");
        assertThat(problems(f)).containsExactly(f + ":1: front matter opened with --- on line 1 is never closed with ---");
    }

    @Test
    void aMarkdownFileWithoutFrontMatterIsAProblemOnlyWhenNamedExplicitly() throws IOException {
        Path readme = write("README.md", "# Our stories\n");
        assertThat(problems(suite)).isEmpty();
        assertThat(problems(readme)).containsExactly(readme + ":1: no front matter: a Markdown story starts with a --- line, "
                + "then id, title, language, ..., then ---");
    }

    @Test
    void missingPathsAndNonStoryFilesAreProblems() throws IOException {
        Path txt = write("notes.txt", "hello");
        Path missing = suite.resolve("nope");
        assertThat(problems(txt, missing)).containsExactly(
                missing + ": no such file or folder",
                txt + ": not a story file (stories end in .yaml, .yml or .md)");
    }

    @Test
    void aFileThatIsNotAMappingOrIsEmptyIsAProblem() throws IOException {
        Path list = write("list.yaml", "- a\n- b\n");
        Path empty = write("empty.yaml", "");
        assertThat(problems(list, empty)).containsExactly(
                list + ":1: a story file must be a YAML mapping (name, language, story, expectations, ...)",
                empty + ":1: empty story file");
    }

    @Test
    void validStoriesInOtherFilesStillLoadWhenOneFileHasProblems() throws IOException {
        write("good.yaml", "name: good\nlanguage: go\nstory: {title: T, description: D}\n");
        write("bad.yaml", "name: bad\nstory: {title: T, description: D}\n");
        StorySet set = new StoryLoader().load(suite);
        assertThat(set.valid()).isFalse();
        assertThat(set.stories()).extracting(Story::id).containsExactly("good");
        assertThat(set.problems()).hasSize(1);
    }

    @Test
    void aKeyGivenTwiceIsAProblemAtItsSecondLine() throws IOException {
        Path f = write("twice.yaml", "name: a\nlanguage: go\nstory: {title: T, description: D}\nname: b\n");
        assertThat(problems(f)).containsExactly(f + ":4: 'name' is given twice (the first one at line 1 counts)");
    }

    @Test
    void anExpectationTypeThatIsNotAWordIsOneProblem() throws IOException {
        Path f = write("t.yaml", "name: t\nlanguage: go\nstory: {title: T, description: D}\nexpectations:\n  - type: [a, b]\n");
        assertThat(problems(f)).containsExactly(f + ":5: 'type' must be text, not a list");
    }

    @Test
    void aSecondYamlDocumentIsAProblemWhileALeadingSeparatorIsFine() throws IOException {
        Path two = write("two.yaml", "name: a\nlanguage: go\nstory: {title: T, description: D}\n---\nname: b\n");
        Path lead = write("lead.yaml", "---\nname: c\nlanguage: go\nstory: {title: T, description: D}\n");
        assertThat(problems(two, lead)).containsExactly(
                two + ":5: a second YAML document starts here: one story per file (split it into two files)");
    }
}
