package dev.anvil.record.expect;

import dev.anvil.config.AnvilConfig;
import dev.anvil.history.ExpectationResult;
import dev.anvil.history.ResultStatus;
import dev.anvil.record.AgentOutcome;
import dev.anvil.story.Expectation;
import dev.anvil.story.Story;
import dev.anvil.story.StoryFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExpectationEvaluatorTest {
    @TempDir
    Path tmp;
    Path worktree;
    Path secret;
    final ExpectationEvaluator evaluator = new ExpectationEvaluator();

    @BeforeEach
    void setUp() throws Exception {
        worktree = Files.createDirectories(tmp.resolve("wt"));
        Files.createDirectories(worktree.resolve("src"));
        Files.writeString(worktree.resolve("src/Greeter.java"), "class Greeter {\n    public String greet() {\n        return \"hi\";\n    }\n}\n");
        secret = Files.writeString(tmp.resolve("secret.txt"), "password=hunter2\n");
    }

    private ExpectationResult check(String type, Object... kv) throws InterruptedException {
        return check(false, List.of(), Map.of(), type, kv);
    }

    private ExpectationResult check(boolean aura, List<AgentOutcome.AgentStep> steps, Map<String, AnvilConfig.LanguageConfig> langs,
                                    String type, Object... kv) throws InterruptedException {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            params.put((String) kv[i], kv[i + 1]);
        }
        Story story = new Story("s", "t", "d", "java", null, List.of(), null, StoryFormat.YAML, null, null, List.of(),
                null, null, null);
        AgentOutcome outcome = new AgentOutcome(AgentOutcome.Kind.COMPLETED, worktree, null, 0, steps);
        ExpectationContext ctx = new ExpectationContext(worktree, story, outcome, aura, new LanguageCommands(langs),
                Duration.ofSeconds(10), tmp.resolve("story.log"), Map.of("ANVIL_STORY_ID", "s"));
        return evaluator.evaluate(0, new Expectation(type, "d", params, 3), ctx);
    }

    @Test
    void fileExistsTakesAPathOrAGlob() throws Exception {
        assertThat(check("file_exists", "path", "src/Greeter.java").status()).isEqualTo(ResultStatus.PASSED);
        assertThat(check("file_exists", "path", "src/**/*.java").status()).as("** matches zero folders too").isEqualTo(ResultStatus.PASSED);
        assertThat(check("file_exists", "path", "**/Greeter.java").status()).isEqualTo(ResultStatus.PASSED);
        assertThat(check("file_exists", "path", "lib/**/*.java").status()).isEqualTo(ResultStatus.FAILED);
        assertThat(check("file_exists", "path", "src/*.java").status()).isEqualTo(ResultStatus.PASSED);
        assertThat(check("file_exists", "path", "**.java").status()).isEqualTo(ResultStatus.PASSED);
        ExpectationResult missing = check("file_exists", "path", "src/Missing.java");
        assertThat(missing.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(missing.message()).isEqualTo("src/Missing.java does not exist");
    }

    @Test
    void fileContainsIsAMultiLineRegex() throws Exception {
        assertThat(check("file_contains", "path", "src/Greeter.java", "pattern", "^\\s+public String greet\\(\\)").status())
                .isEqualTo(ResultStatus.PASSED);
        assertThat(check("file_contains", "path", "src/Greeter.java", "pattern", "greet\\(\\) \\{\\n\\s+return").status())
                .isEqualTo(ResultStatus.PASSED);
        ExpectationResult no = check("file_contains", "path", "src/Greeter.java", "pattern", "farewell");
        assertThat(no.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(no.message()).isEqualTo("src/Greeter.java does not match /farewell/");
    }

    @Test
    void dotDotAbsolutePathsAndGlobsThatLeaveTheWorktreeFailWithoutReadingOutside() throws Exception {
        for (String path : List.of("../secret.txt", "src/../../secret.txt", secret.toString(), "../*.txt", "/etc/*")) {
            ExpectationResult exists = check("file_exists", "path", path);
            ExpectationResult contains = check("file_contains", "path", path, "pattern", "hunter2");
            assertThat(exists.status()).as(path).isEqualTo(ResultStatus.FAILED);
            assertThat(contains.status()).as(path).isEqualTo(ResultStatus.FAILED);
            assertThat(exists.message()).as(path).containsAnyOf("escapes the worktree", "is absolute");
            assertThat(contains.message()).as(path).doesNotContain("hunter2").containsAnyOf("escapes the worktree", "is absolute");
        }
    }

    @Test
    void aSymbolicLinkOutOfTheWorktreeIsRefusedDirectlyOrOnTheWay() throws Exception {
        Files.createSymbolicLink(worktree.resolve("leak.txt"), secret);
        Files.createSymbolicLink(worktree.resolve("up"), tmp);

        for (String path : List.of("leak.txt", "up/secret.txt", "*.txt")) {
            ExpectationResult r = check("file_contains", "path", path, "pattern", "hunter2");
            assertThat(r.status()).as(path).isEqualTo(ResultStatus.FAILED);
            assertThat(r.message()).as(path).contains("outside the worktree");
        }
        assertThat(check("file_exists", "path", "leak.txt").status()).isEqualTo(ResultStatus.FAILED);
    }

    @Test
    void aLinkThatStaysInsideTheWorktreeIsFine() throws Exception {
        Files.createSymbolicLink(worktree.resolve("alias.java"), worktree.resolve("src/Greeter.java"));
        assertThat(check("file_contains", "path", "alias.java", "pattern", "greet").status()).isEqualTo(ResultStatus.PASSED);
    }

    @Test
    void commandPassesOnExitZeroAndSaysWhyOtherwise() throws Exception {
        assertThat(check("command", "command", "test -f src/Greeter.java").status()).isEqualTo(ResultStatus.PASSED);
        ExpectationResult r = check("command", "command", "echo broken; exit 4");
        assertThat(r.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(r.message()).contains("exited with 4").contains("broken");
    }

    @Test
    void runOutputMatchesThePatternInTheCommandsOutput() throws Exception {
        assertThat(check("run_output", "command", "echo Hello, $ANVIL_STORY_ID", "pattern", "^Hello, s$").status())
                .isEqualTo(ResultStatus.PASSED);
        ExpectationResult r = check("run_output", "command", "echo Goodbye", "pattern", "Hello");
        assertThat(r.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(r.message()).contains("does not match /Hello/").contains("Goodbye");
    }

    @Test
    void aCommandPastItsTimeoutFails() throws Exception {
        Story story = new Story("s", "t", "d", "java", null, List.of(), null, StoryFormat.YAML, null, null, List.of(), null, null, null);
        ExpectationContext ctx = new ExpectationContext(worktree, story, null, false, new LanguageCommands(Map.of()),
                Duration.ofMillis(500), tmp.resolve("story.log"), Map.of());
        ExpectationResult r = evaluator.evaluate(0, new Expectation("command", null, Map.of("command", "sleep 30"), 1), ctx);
        assertThat(r.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(r.message()).contains("timed out");
    }

    @Test
    void compilesAndTestsPassUseTheLanguageCommandsFromConfigOrTheExpectation() throws Exception {
        Map<String, AnvilConfig.LanguageConfig> langs = Map.of("java", new AnvilConfig.LanguageConfig("test -d src", "exit 1"));
        assertThat(check(false, List.of(), langs, "compiles").status()).isEqualTo(ResultStatus.PASSED);
        assertThat(check(false, List.of(), langs, "tests_pass").status()).isEqualTo(ResultStatus.FAILED);
        assertThat(check(false, List.of(), langs, "tests_pass", "command", "true").status()).isEqualTo(ResultStatus.PASSED);
    }

    @Test
    void fileNotContainsPassesWhenNoFileNamedHoldsThePatternAMissingFileIncluded() throws Exception {
        Files.writeString(worktree.resolve("src/Debug.java"), "class Debug {\n    void log() {\n        System.out.println(\"DEBUG x\");\n    }\n}\n");
        ExpectationResult absent = check("file_not_contains", "path", "src/Greeter.java", "pattern", "^\\s+System\\.out");
        assertThat(absent.status()).isEqualTo(ResultStatus.PASSED);
        assertThat(absent.message()).isEqualTo("/^\\s+System\\.out/ is absent from src/Greeter.java");
        ExpectationResult present = check("file_not_contains", "path", "src/**/*.java", "pattern", "^\\s+System\\.out");
        assertThat(present.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(present.message()).isEqualTo("src/Debug.java still matches /^\\s+System\\.out/");
        ExpectationResult missing = check("file_not_contains", "path", "src/Gone.java", "pattern", "x");
        assertThat(missing.status()).as("as the .NET Anvil: no file, no pattern").isEqualTo(ResultStatus.PASSED);
        assertThat(missing.message()).isEqualTo("src/Gone.java does not exist, so /x/ is absent");
        assertThat(check("file_not_contains", "path", "../secret.txt", "pattern", "nothing").status())
                .as("confined like file_contains").isEqualTo(ResultStatus.FAILED);
    }

    @Test
    void fileContainsAndRunOutputSearchTheWholeTextHoweverLong() throws Exception {
        // 40 MiB of filler, then the line: far past one search window
        Path big = worktree.resolve("big.log");
        try (var out = Files.newBufferedWriter(big)) {
            String line = "x".repeat(1023) + "\n";
            for (int i = 0; i < 40 * 1024; i++) {
                out.write(line);
            }
            out.write("THE END\n");
        }
        assertThat(check("file_contains", "path", "big.log", "pattern", "^THE END$").status()).isEqualTo(ResultStatus.PASSED);
        assertThat(check("file_not_contains", "path", "big.log", "pattern", "^THE END$").status()).isEqualTo(ResultStatus.FAILED);
        ExpectationResult output = check("run_output", "command", "cat big.log", "pattern", "^THE END$");
        assertThat(output.status()).as(output.message()).isEqualTo(ResultStatus.PASSED);
        ExpectationResult never = check("file_contains", "path", "big.log", "pattern", "^y");
        assertThat(never.message()).startsWith("big.log does not match /^y/ (searched in windows of 16 Mi characters");
    }

    @Test
    void aCSharpStoryBuildsTheFirstSolutionElseTheShallowestProjectAndAMissingToolIsAnError() throws Exception {
        LanguageCommands d = new LanguageCommands(Map.of());
        assertThat(d.build("csharp", worktree)).isEqualTo("dotnet build");
        assertThat(d.missingProject("csharp", worktree)).isEqualTo("no .sln or .csproj file in the worktree");
        Files.createDirectories(worktree.resolve("tests/App.Tests"));
        Files.writeString(worktree.resolve("tests/App.Tests/App.Tests.csproj"), "<Project/>");
        Files.createDirectories(worktree.resolve("src/App/obj"));
        Files.writeString(worktree.resolve("src/App/obj/Ignored.csproj"), "<Project/>");
        Files.writeString(worktree.resolve("src/App/App.csproj"), "<Project/>");
        assertThat(d.build("csharp", worktree)).isEqualTo("dotnet restore src/App/App.csproj && dotnet build src/App/App.csproj");
        Files.writeString(worktree.resolve("My App.sln"), "");
        assertThat(d.test("c#", worktree)).isEqualTo("dotnet restore 'My App.sln' && dotnet test 'My App.sln'");

        Map<String, AnvilConfig.LanguageConfig> missingTool = Map.of("java", new AnvilConfig.LanguageConfig("no-such-build-tool-here", null));
        ExpectationResult r = check(false, List.of(), missingTool, "compiles");
        assertThat(r.status()).isEqualTo(ResultStatus.ERROR);
        assertThat(r.message()).startsWith("infrastructure: `no-such-build-tool-here` exited with 127, a program it runs is not installed");
    }

    @Test
    void defaultsExistForTheSixLanguagesAndGradleIsPickedByItsBuildFile() throws Exception {
        LanguageCommands d = new LanguageCommands(Map.of());
        assertThat(d.test("python", worktree)).isEqualTo("python3 -m pytest -q");
        assertThat(d.build("typescript", worktree)).isEqualTo("npx tsc --noEmit");
        assertThat(d.test("go", worktree)).isEqualTo("go test ./...");
        assertThat(d.test("rust", worktree)).isEqualTo("cargo test -q");
        assertThat(d.build("java", worktree)).isEqualTo("mvn -q -B compile");
        Files.writeString(worktree.resolve("build.gradle"), "");
        assertThat(d.test("java", worktree)).isEqualTo("gradle -q test");
        assertThat(d.build("cobol", worktree)).isNull();
    }

    @Test
    void indexUsageIsSkippedOutsideAuraWithTheReason() throws Exception {
        ExpectationResult r = check("index_usage", "minAuraToolRatio", 0.5);
        assertThat(r.status()).isEqualTo(ResultStatus.SKIPPED);
        assertThat(r.message()).contains("Aura executor only");
    }
}
