package dev.anvil.story;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StoryLoaderTest {
    @TempDir
    Path suite;

    private final StoryLoader loader = new StoryLoader();

    private Path write(String relative, String text) throws IOException {
        Path f = suite.resolve(relative);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    /** A scenario as the .NET Anvil's suites write them (csharp/hello-world.yaml). */
    static final String DOTNET_SCENARIO = """
            # Hello world scenario
            name: hello-world
            description: Verifies Aura can add a simple endpoint
            language: csharp
            repository: fixtures/csharp-hello

            story:
              title: Add a greeting method
              description: |
                Add a method Greet(string name) to the Greeter class
                that returns "Hello, {name}!".

            expectations:
              - type: compiles
                description: Code should compile
              - type: tests_pass
                description: Tests should pass
              - type: file_exists
                description: Greeter exists
                path: src/Greeter.cs
              - type: file_contains
                description: Greet method added
                path: src/Greeter.cs
                pattern: "public\\\\s+string\\\\s+Greet"
              - type: index_usage
                description: Agent should use semantic tools for discovery
                min_aura_tool_ratio: 0.6
                max_steps_to_target: 5

            timeoutSeconds: 600
            executor: copilot
            tags:
              - beginner
              - validation
            """;

    @Test
    void readsADotNetScenarioAsItIsWithSnakeCaseParametersInCamelCase() throws IOException {
        Files.createDirectories(suite.resolve("fixtures/csharp-hello"));
        Path file = write("csharp/hello-world.yaml", DOTNET_SCENARIO);

        StorySet set = loader.load(List.of(suite));

        assertThat(set.problems()).isEmpty();
        assertThat(set.stories()).hasSize(1);
        Story s = set.stories().get(0);
        assertThat(s.id()).isEqualTo("hello-world");
        assertThat(s.title()).isEqualTo("Add a greeting method");
        assertThat(s.description()).startsWith("Add a method Greet(string name)").contains("\"Hello, {name}!\"");
        assertThat(s.language()).isEqualTo("csharp");
        assertThat(s.format()).isEqualTo(StoryFormat.YAML);
        assertThat(s.file()).isEqualTo(file.toAbsolutePath().normalize());
        assertThat(s.repository()).isEqualTo(suite.resolve("fixtures/csharp-hello").toAbsolutePath().normalize());
        assertThat(s.repositoryText()).isEqualTo("fixtures/csharp-hello");
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(600));
        assertThat(s.executor()).isEqualTo("copilot");
        assertThat(s.tags()).containsExactly("beginner", "validation");
        assertThat(s.fileHash()).hasSize(64).matches("[0-9a-f]+");
        assertThat(s.expectations()).extracting(Expectation::type)
                .containsExactly("compiles", "tests_pass", "file_exists", "file_contains", "index_usage");
        Expectation contains = s.expectations().get(3);
        assertThat(contains.param("path")).isEqualTo("src/Greeter.cs");
        assertThat(contains.param("pattern")).isEqualTo("public\\s+string\\s+Greet");
        assertThat(contains.line()).isEqualTo(21);
        Expectation index = s.expectations().get(4);
        assertThat(index.parameters()).containsOnlyKeys("minAuraToolRatio", "maxStepsToTarget");
        assertThat(index.doubleParam("minAuraToolRatio")).isEqualTo(0.6);
        assertThat(index.intParam("maxStepsToTarget")).isEqualTo(5);
        assertThat(index.description()).isEqualTo("Agent should use semantic tools for discovery");
    }

    @Test
    void timeoutDefaultsTo300SecondsAndExecutorToNone() throws IOException {
        write("a.yaml", """
                name: a
                language: python
                story: {title: T, description: D}
                """);
        Story s = loader.load(suite).stories().get(0);
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(s.executor()).isNull();
        assertThat(s.repository()).isNull();
        assertThat(s.prompt()).isEqualTo("T\n\nD");
    }

    @Test
    void readsAMarkdownStoryWithFrontMatterIntoExpectations() throws IOException {
        Files.createDirectories(suite.resolve("fixtures/py"));
        write("stories/python/greet.md", """
                ---
                id: greet-cli
                title: Add a greeting command
                language: python
                category: cli
                tags: [beginner, cli]
                repository: fixtures/py
                expected_files:
                  - "src/**/greet.py"
                  - tests/test_greet.py
                validation:
                  build: true
                  tests: true
                  run_command: python -m app greet Ada
                  run_output: "Hello, Ada"
                timeoutSeconds: 120
                ---
                Add a `greet NAME` command that prints `Hello, NAME`.

                Keep the existing commands working.
                """);

        StorySet set = loader.load(suite.resolve("stories"));

        assertThat(set.problems()).isEmpty();
        Story s = set.stories().get(0);
        assertThat(s.id()).isEqualTo("greet-cli");
        assertThat(s.title()).isEqualTo("Add a greeting command");
        assertThat(s.category()).isEqualTo("cli");
        assertThat(s.format()).isEqualTo(StoryFormat.MARKDOWN);
        assertThat(s.description()).isEqualTo("Add a `greet NAME` command that prints `Hello, NAME`.\n\nKeep the existing commands working.");
        assertThat(s.repository()).isEqualTo(suite.resolve("fixtures/py").toAbsolutePath().normalize());
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(s.expectations()).extracting(Expectation::type)
                .containsExactly("file_exists", "file_exists", "compiles", "tests_pass", "run_output");
        assertThat(s.expectations().get(0).param("path")).isEqualTo("src/**/greet.py");
        assertThat(s.expectations().get(0).line()).isEqualTo(9);
        Expectation run = s.expectations().get(4);
        assertThat(run.param("command")).isEqualTo("python -m app greet Ada");
        assertThat(run.param("pattern")).isEqualTo("Hello, Ada");
        assertThat(run.line()).isEqualTo(15);
    }

    @Test
    void aRelativeRepositoryIsFoundInTheNearestAncestorThatHasIt() throws IOException {
        Files.createDirectories(suite.resolve("fixtures/shared"));
        Files.createDirectories(suite.resolve("deep/fixtures/other"));
        write("deep/er/still/s.yaml", """
                name: s
                language: go
                repository: fixtures/shared
                story: {title: T, description: D}
                """);
        write("deep/er/t.yaml", """
                name: t
                language: go
                repository: ../fixtures/other
                story: {title: T, description: D}
                """);
        StorySet set = loader.load(suite.resolve("deep"));
        assertThat(set.problems()).isEmpty();
        assertThat(set.stories()).extracting(Story::repository).containsExactly(
                suite.resolve("fixtures/shared").toAbsolutePath().normalize(),
                suite.resolve("deep/fixtures/other").toAbsolutePath().normalize());
    }

    @Test
    void foldersAreSearchedRecursivelySkippingReadmesHiddenFoldersAndTheConfigFile() throws IOException {
        write("a/one.yaml", "name: one\nlanguage: go\nstory: {title: T, description: D}\n");
        write("a/b/c/two.yml", "name: two\nlanguage: go\nstory: {title: T, description: D}\n");
        write("a/b/three.md", "---\nid: three\ntitle: Three\nlanguage: go\n---\nDo three.\n");
        write("a/README.md", "# Stories\n\nThese are our stories.\n");
        write("a/.hidden/four.yaml", "name: four\n");
        write("a/anvil.yaml", "db: x.db\n");
        write("a/notes.txt", "not a story");

        StorySet set = loader.load(suite.resolve("a"));

        assertThat(set.problems()).isEmpty();
        // in path order, so a suite always runs in the same order
        assertThat(set.stories()).extracting(Story::id).containsExactly("two", "three", "one");
    }

    @Test
    void aFileGivenTwiceIsLoadedOnce() throws IOException {
        Path f = write("one.yaml", "name: one\nlanguage: go\nstory: {title: T, description: D}\n");
        StorySet set = loader.load(List.of(f, suite, f));
        assertThat(set.problems()).isEmpty();
        assertThat(set.stories()).hasSize(1);
    }

    @Test
    void filtersSelectByAnyTagExcludedTagLanguageAndIdGlob() throws IOException {
        write("a.yaml", "name: api-create\nlanguage: csharp\ntags: [api, beginner]\nstory: {title: T, description: D}\n");
        write("b.yaml", "name: api-delete\nlanguage: python\ntags: [api, slow]\nstory: {title: T, description: D}\n");
        write("c.yaml", "name: cli-greet\nlanguage: Python\ntags: [cli]\nstory: {title: T, description: D}\n");
        write("d.yaml", "name: untagged\nlanguage: go\nstory: {title: T, description: D}\n");
        List<Story> all = loader.load(suite).stories();

        assertThat(ids(new StoryFilter(List.of("API", "cli"), List.of(), null, null).apply(all)))
                .containsExactly("api-create", "api-delete", "cli-greet");
        assertThat(ids(new StoryFilter(List.of(), List.of("slow"), null, null).apply(all)))
                .containsExactly("api-create", "cli-greet", "untagged");
        assertThat(ids(new StoryFilter(null, null, "python", null).apply(all)))
                .containsExactly("api-delete", "cli-greet");
        assertThat(ids(new StoryFilter(null, null, null, "api-*").apply(all)))
                .containsExactly("api-create", "api-delete");
        assertThat(ids(new StoryFilter(null, null, null, "?li-gree?").apply(all))).containsExactly("cli-greet");
        assertThat(ids(new StoryFilter(List.of("api"), List.of("slow"), "csharp", "api.*").apply(all))).isEmpty();
        assertThat(StoryFilter.ALL.apply(all)).hasSize(4);
    }

    private static List<String> ids(List<Story> stories) {
        return stories.stream().map(Story::id).toList();
    }

    @Test
    void eitherFormatTakesTheOthersWordForTheId() throws IOException {
        write("a.yaml", "id: from-id\nlanguage: go\nstory: {title: T, description: D}\n");
        write("b.md", "---\nname: from-name\ntitle: B\nlanguage: go\n---\nText.\n");
        StorySet set = loader.load(suite);
        assertThat(set.problems()).isEmpty();
        assertThat(ids(set.stories())).containsExactly("from-id", "from-name");
    }

    @Test
    void storiesThatShareANameInTwoFoldersBothLoadWithIdsQualifiedByTheirFolder() throws IOException {
        write("calibration/add-method.yaml", "name: add-method\nlanguage: csharp\nstory: {title: A, description: D}\ntags: [calibration]\n");
        write("test/add-method.yaml", "name: add-method\nlanguage: csharp\nstory: {title: B, description: D}\ntags: [test]\n");
        write("test/deeper/other.yaml", "name: other\nlanguage: csharp\nstory: {title: C, description: D}\n");

        StorySet set = loader.load(List.of(suite));

        assertThat(set.problems()).isEmpty();
        assertThat(set.stories()).extracting(Story::id).containsExactly("calibration/add-method", "test/add-method", "other");
        assertThat(set.warnings()).extracting(StoryProblem::toString).containsExactly(
                suite.resolve("calibration/add-method.yaml") + ":1: story name 'add-method' is also used by "
                        + suite.resolve("test/add-method.yaml") + ": this story's id is 'calibration/add-method'",
                suite.resolve("test/add-method.yaml") + ":1: story name 'add-method' is also used by "
                        + suite.resolve("calibration/add-method.yaml") + ": this story's id is 'test/add-method'");
        // the suite decides the id, not the filter: selecting one keeps its qualified id
        assertThat(loader.load(List.of(suite), new StoryFilter(List.of("test"), List.of(), null, null)).stories())
                .extracting(Story::id).containsExactly("test/add-method");
        // the two folders given one by one, or the two files: the folder's own name qualifies
        assertThat(loader.load(List.of(suite.resolve("test"), suite.resolve("calibration"))).stories())
                .extracting(Story::id).containsExactly("test/add-method", "other", "calibration/add-method");
    }

    @Test
    void filtersSelectBeforeProblemsBlockSoAnUnselectedInvalidFileIsAWarning() throws IOException {
        write("good.yaml", "name: good\nlanguage: go\nstory: {title: T, description: D}\ntags: [ready]\n");
        Path wip = write("wip.yaml", "name: wip\nlanguage: go\nstory: {title: T, description: D}\ntags: [wip]\n"
                + "expectations:\n  - type: file_matches\n");
        Path broken = write("broken.yaml", "name: [unclosed\n");

        StorySet all = loader.load(List.of(suite));
        assertThat(all.problems()).hasSize(2);

        StorySet ready = loader.load(List.of(suite), new StoryFilter(List.of(), List.of("wip"), null, null));
        assertThat(ready.stories()).extracting(Story::id).containsExactly("good");
        assertThat(ready.problems()).as("unparseable: its tags cannot be read, so no filter selects it").isEmpty();
        StorySet tagged = loader.load(List.of(suite), new StoryFilter(List.of("ready"), List.of(), null, null));
        assertThat(tagged.problems()).isEmpty();
        assertThat(tagged.warnings()).extracting(StoryProblem::toString).containsExactly(
                all.problems().get(0)
                        + " (ignored: the filters select by name, tags and language, which this file does not tell)",
                wip + ":6: unknown expectation type 'file_matches' (known: compiles, tests_pass, file_exists, file_contains, "
                        + "file_not_contains, command, run_output, index_usage) (not selected by the filters: ignored)");
        assertThat(loader.load(List.of(suite), new StoryFilter(List.of("wip"), List.of(), null, null)).problems())
                .extracting(StoryProblem::file).containsExactly(wip);
    }

    @Test
    void markdownValidationIsReadInItsListFormAndAStoryWithoutARepositoryIsGreenfield() throws IOException {
        write("hello.md", """
                ---
                id: hello
                title: Hello
                language: csharp
                category: greenfield
                validation: [build, test]
                ---
                Create a console app.
                """);
        write("run.md", """
                ---
                id: run
                title: Run
                language: csharp
                validation:
                  - build: true
                  - run_command: dotnet run
                  - run_output: "Hello, World!"
                ---
                Print it.
                """);
        Path bad = write("bad.md", "---\nid: bad\ntitle: B\nlanguage: go\nvalidation: [build, lint]\n---\nText.\n");

        StorySet set = loader.load(List.of(suite));

        assertThat(set.problems()).extracting(StoryProblem::toString).containsExactly(
                bad + ":5: unknown validation check 'lint' (build, test, or run_command/run_output entries)");
        Story hello = set.stories().stream().filter(s -> s.id().equals("hello")).findFirst().orElseThrow();
        assertThat(hello.repository()).isNull();
        assertThat(hello.expectations()).extracting(Expectation::type).containsExactly("compiles", "tests_pass");
        Story run = set.stories().stream().filter(s -> s.id().equals("run")).findFirst().orElseThrow();
        assertThat(run.expectations()).extracting(e -> e.type() + " " + e.parameters())
                .containsExactly("compiles {}", "run_output {command=dotnet run, pattern=Hello, World!}");
    }
}
