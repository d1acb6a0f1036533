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
    void defaultsExistForTheSixLanguagesAndGradleIsPickedByItsBuildFile() throws Exception {
        LanguageCommands d = new LanguageCommands(Map.of());
        assertThat(d.build("csharp", worktree)).isEqualTo("dotnet build");
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
