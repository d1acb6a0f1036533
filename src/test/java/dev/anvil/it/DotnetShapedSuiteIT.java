package dev.anvil.it;

import dev.anvil.testing.TreeHash;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Run;
import dev.anvil.history.StoryResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A suite written in the shape of the .NET Anvil's scenario files (src/test/resources/dev/anvil/suites/dotnet-shaped:
 * the same keys, snake_case parameters, file_not_contains, index_usage, one name in two folders, an
 * ADR-008 greenfield Markdown story, an invalid work-in-progress file) recorded through
 * {@code anvil record} by the packaged jar, with a scripted agent (a shell script that commits some
 * of its work), real git, and the history inside an enclosing git repository. The one stand-in is
 * the dotnet CLI (no .NET SDK on the test machine): a script at the system edge that logs its calls.
 */
class DotnetShapedSuiteIT {
    static final Path RESOURCES = Path.of(System.getProperty("anvil.projectDir"), "src/test/resources/dev/anvil/suites");

    @TempDir
    Path tmp;
    Path project;
    Path db;
    Path tools;
    Path dotnetLog;

    record Outcome(int exitCode, String output) {
    }

    @BeforeEach
    void setUp() throws Exception {
        project = Files.createDirectories(tmp.resolve("project"));
        Files.writeString(project.resolve("README.md"), "a project that keeps its Anvil history in its own repository\n");
        sh(project, "git init -q . && git add -A && git -c user.email=p@p -c user.name=p commit -q -m init");
        copy(RESOURCES.resolve("dotnet-shaped"), project.resolve("scenarios"));
        tools = Files.createDirectories(tmp.resolve("tools"));
        Files.copy(RESOURCES.resolve("fake-dotnet/dotnet"), tools.resolve("dotnet"));
        tools.resolve("dotnet").toFile().setExecutable(true);
        db = project.resolve(".anvil/anvil.db");
        dotnetLog = tmp.resolve("dotnet.log");
    }

    @Test
    void theSuiteRecordsWithSharedNamesApartAndTheAgentsWorkCountedCommittedOrNot() throws Exception {
        Path inventory = project.resolve("scenarios/fixtures/repos/csharp-inventory");
        String fixtureBefore = TreeHash.of(inventory);
        String enclosingHead = git(project, "rev-parse HEAD");

        Outcome o = anvil(true, "record", "scenarios", "--mode", "scripted", "--exclude-tag", "wip");

        assertThat(o.exitCode()).as(o.output()).isEqualTo(1);
        assertThat(o.output())
                .contains("warning: " + Path.of("scenarios/calibration/add-method-to-service.yaml") + ":1: story name "
                        + "'add-method-to-service' is also used by " + Path.of("scenarios/test/add-method-to-service.yaml")
                        + ": this story's id is 'calibration/add-method-to-service'")
                .contains("this story's id is 'test/add-method-to-service'")
                .contains("unknown expectation type 'file_matches_schema'", "(not selected by the filters: ignored)");
        Map<String, StoryResult> results = lastRun();
        assertThat(results).containsOnlyKeys("calibration/add-method-to-service", "test/add-method-to-service",
                "rename-method", "remove-debug-output", "hello-cli");

        StoryResult committed = results.get("calibration/add-method-to-service");
        assertThat(committed.status()).as(committed.errorMessage()).isEqualTo(ResultStatus.PASSED);
        assertThat(committed.generatedFiles()).as("committed by the agent, still its work")
                .containsExactly("src/Services/StockService.cs");

        StoryResult rename = results.get("rename-method");
        assertThat(rename.status()).as(rename.errorMessage()).isEqualTo(ResultStatus.PASSED);
        assertThat(rename.expectations()).filteredOn(e -> e.type().equals("file_not_contains"))
                .extracting(e -> e.status()).containsExactly(ResultStatus.PASSED, ResultStatus.PASSED);

        StoryResult debug = results.get("remove-debug-output");
        assertThat(debug.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(debug.errorMessage()).isEqualTo("file_not_contains: src/Controllers/OrdersController.cs still matches "
                + "/^\\s*Console\\.WriteLine\\(\"DEBUG/");
        assertThat(Path.of(debug.worktreePath()).resolve("src/Controllers/OrdersController.cs")).as("kept for a look").exists();

        StoryResult discovery = results.get("test/add-method-to-service");
        assertThat(discovery.status()).as(discovery.errorMessage()).isEqualTo(ResultStatus.PASSED);
        assertThat(discovery.expectations()).extracting(e -> e.type() + " " + e.status())
                .containsExactly("compiles PASSED", "file_contains PASSED", "index_usage SKIPPED");

        StoryResult greenfield = results.get("hello-cli");
        assertThat(greenfield.status()).as(greenfield.errorMessage()).isEqualTo(ResultStatus.PASSED);
        assertThat(greenfield.generatedFiles()).containsExactly("Hello.csproj", "Program.cs");
        assertThat(greenfield.expectations()).extracting(e -> e.type())
                .containsExactly("file_exists", "file_exists", "compiles", "tests_pass");

        // C#: the first .sln at the top, else the first .csproj below; restore, then build or test it.
        assertThat(Files.readAllLines(dotnetLog)).contains(
                "dotnet restore Inventory.sln", "dotnet build Inventory.sln",
                "dotnet restore src/Calculator/Calculator.csproj", "dotnet build src/Calculator/Calculator.csproj",
                "dotnet test Hello.csproj");

        // The agent's `git commit` went into its worktree's own repository, nowhere else.
        assertThat(git(project, "rev-parse HEAD")).isEqualTo(enclosingHead);
        assertThat(git(project, "rev-list --count HEAD")).isEqualTo("1");
        assertThat(TreeHash.of(inventory)).as("the fixture is never modified").isEqualTo(fixtureBefore);
    }

    @Test
    void withoutAFilterTheInvalidFileBlocksAndValidateSaysWhy() throws Exception {
        Outcome o = anvil(true, "validate", "scenarios");

        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.output()).contains(Path.of("scenarios/wip/bulk-import.yaml") + ":11: unknown expectation type "
                + "'file_matches_schema'", "5 stories, 1 problem, 2 warnings");
        assertThat(anvil(true, "validate", "scenarios", "--exclude-tag", "wip").exitCode()).isZero();
    }

    @Test
    void aMissingBuildToolIsAnErrorAndRecordingTheFoldersOneByOneKeepsTheTwoStoriesApart() throws Exception {
        Outcome calibration = anvil(false, "record", "scenarios/calibration", "--mode", "scripted", "--tag", "editing");

        assertThat(calibration.exitCode()).as(calibration.output()).isEqualTo(1);
        StoryResult noDotnet = lastRun().get("add-method-to-service");
        assertThat(noDotnet.status()).isEqualTo(ResultStatus.ERROR);
        assertThat(noDotnet.errorMessage()).startsWith("compiles: infrastructure: `dotnet restore Inventory.sln && dotnet "
                + "build Inventory.sln` exited with 127, a program it runs is not installed or not on the PATH");

        Outcome test = anvil(true, "record", "scenarios/test", "--mode", "scripted");

        assertThat(test.exitCode()).as(test.output()).isZero();
        assertThat(test.output()).contains("warning: story 'add-method-to-service' in "
                + project.resolve("scenarios/test/add-method-to-service.yaml").toRealPath() + ": the history's 'add-method-to-service' was "
                + "recorded from " + project.resolve("scenarios/calibration/add-method-to-service.yaml").toRealPath()
                + ", a different story; recorded as 'test/add-method-to-service'");
        assertThat(lastRun()).containsOnlyKeys("test/add-method-to-service");
    }

    // ---- helpers -------------------------------------------------------------------------------

    private Outcome anvil(boolean withDotnet, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
                System.getProperty("anvil.jar"), "--db", db.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "anvil", ".out");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        Map<String, String> env = pb.environment();
        env.remove("ANVIL_DB");
        env.put("XDG_DATA_HOME", tmp.resolve("data").toString());
        env.put("XDG_CONFIG_HOME", tmp.resolve("config").toString());
        env.put("FAKE_DOTNET_LOG", dotnetLog.toString());
        String path = "/usr/local/bin:/usr/bin:/bin";
        env.put("PATH", withDotnet ? tools + ":" + path : path);
        Process p = pb.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Outcome(p.exitValue(), Files.readString(out));
    }

    private Map<String, StoryResult> lastRun() {
        try (HistoryDatabase h = HistoryDatabase.open(db)) {
            Run run = h.repository().listRuns(1, null).get(0);
            return h.repository().results(run.id()).stream()
                    .collect(Collectors.toMap(StoryResult::storyId, Function.identity()));
        }
    }

    private static String git(Path dir, String args) throws Exception {
        Process p = new ProcessBuilder(("git " + args).split(" ")).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    private static void sh(Path dir, String command) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

}
