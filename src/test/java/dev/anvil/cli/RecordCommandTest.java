package dev.anvil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Run;
import dev.anvil.history.StoryResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code anvil record} and {@code anvil rerun} end to end, in-process, with real agents, files and databases. */
class RecordCommandTest {
    @TempDir
    Path tmp;
    Path suite;
    Path stories;
    Path db;
    String out;
    String err;

    /** An agent that writes the file a story asks for: DONE.txt, unless the story id says otherwise. */
    static final String CONFIG = """
            modes:
              t:
                command: "sh {configDir}/agent.sh"
            """;
    static final String AGENT = """
            case "$ANVIL_STORY_ID" in
              good-*) echo done > DONE.txt ;;
              bad-*) echo nothing to see ;;
            esac
            """;

    @BeforeEach
    void setUp() throws IOException {
        suite = tmp.resolve("suite");
        stories = Files.createDirectories(suite.resolve("stories"));
        Files.createDirectories(suite.resolve("fixtures/app"));
        Files.writeString(suite.resolve("fixtures/app/README.md"), "app\n");
        Files.writeString(suite.resolve("anvil.yaml"), CONFIG);
        Files.writeString(suite.resolve("agent.sh"), AGENT);
        db = tmp.resolve("data/anvil.db");
    }

    private Path story(String id) throws IOException {
        return Files.writeString(stories.resolve(id + ".yaml"), """
                name: %s
                language: java
                repository: fixtures/app
                story:
                  title: Write DONE.txt
                  description: Create DONE.txt containing done.
                expectations:
                  - type: file_exists
                    description: DONE.txt is there
                    path: DONE.txt
                  - type: file_contains
                    path: DONE.txt
                    pattern: "^done$"
                """.formatted(id));
    }

    private int anvil(String... args) {
        List<String> all = new ArrayList<>(List.of("--db", db.toString()));
        all.addAll(List.of(args));
        CommandLine cl = Main.commandLine();
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        int code = cl.execute(all.toArray(String[]::new));
        out = o.toString();
        err = e.toString();
        return code;
    }

    private List<Run> runs() {
        if (!Files.exists(db)) {
            return List.of();
        }
        try (HistoryDatabase h = HistoryDatabase.open(db)) {
            return h.repository().listRuns(0, null);
        }
    }

    private List<StoryResult> results(Run run) {
        try (HistoryDatabase h = HistoryDatabase.open(db)) {
            return h.repository().results(run.id());
        }
    }

    @Test
    void allPassedExitsZeroWithOneLinePerStoryAndASummary() throws IOException {
        story("good-one");
        story("good-two");

        assertThat(anvil("record", stories.toString(), "--mode", "t")).as(err).isZero();

        assertThat(out).contains("mode t", "2 stories", db.toString());
        assertThat(out).containsPattern("\\[1/2\\] good-one +✓ +\\d+\\.\\ds");
        assertThat(out).containsPattern("\\[2/2\\] good-two +✓");
        assertThat(out).contains("2 passed, 0 failed, 0 errors, 0 skipped", "100.0% pass", "first run of mode t");
        Run run = runs().get(0);
        assertThat(run.mode()).isEqualTo("t");
        assertThat(run.passed()).isEqualTo(2);
        assertThat(results(run)).allSatisfy(r -> assertThat(r.storyHash()).hasSize(64));
        assertThat(results(run)).allSatisfy(r -> assertThat(r.storyPath()).endsWith(".yaml"));
    }

    @Test
    void aFailureExitsOneAndShowsTheReasonAndTheKeptWorktree() throws IOException {
        story("good-one");
        story("bad-one");

        assertThat(anvil("record", stories.toString(), "--mode", "t")).isEqualTo(1);

        assertThat(out).containsPattern("bad-one +✗");
        assertThat(out).contains("file_exists: DONE.txt does not exist");
        StoryResult bad = results(runs().get(0)).stream().filter(r -> r.storyId().equals("bad-one")).findFirst().orElseThrow();
        assertThat(out).contains("worktree kept: " + bad.worktreePath());
        assertThat(Path.of(bad.worktreePath())).isDirectory();
        assertThat(bad.worktreePath()).startsWith(db.getParent().resolve("worktrees").toString());
    }

    @Test
    void eachRunSaysWhatChangedSinceThePreviousRunOfTheMode() throws IOException {
        story("good-one");
        story("good-two");
        anvil("record", stories.toString(), "--mode", "t");
        assertThat(out).contains("first run of mode t");

        anvil("record", stories.toString(), "--mode", "t");
        assertThat(out).contains("no story changed outcome since run " + runs().get(1).shortId());

        Files.writeString(suite.resolve("agent.sh"), AGENT.replace("good-*)", "good-one)"));
        anvil("record", stories.toString(), "--mode", "t");
        assertThat(out).contains("since run " + runs().get(1).shortId() + ":", "newly failing: good-two");

        Files.writeString(suite.resolve("agent.sh"), AGENT);
        anvil("record", stories.toString(), "--mode", "t");
        assertThat(out).contains("newly passing: good-two").doesNotContain("newly failing");
    }

    @Test
    void invalidStoriesAreNamedAndNothingIsRecorded() throws IOException {
        story("good-one");
        Files.writeString(stories.resolve("broken.yaml"), "name: broken\nexpectations:\n  - type: teleport\n");

        assertThat(anvil("record", stories.toString(), "--mode", "t")).isEqualTo(2);

        assertThat(err).contains("broken.yaml:3").contains("teleport").contains("nothing was recorded");
        assertThat(runs()).isEmpty();
    }

    @Test
    void aMissingFixtureIsASetupError() throws IOException {
        Files.writeString(stories.resolve("lost.yaml"), "name: lost\nrepository: fixtures/nowhere\nstory: {title: t, description: d}\n"
                + "expectations:\n  - type: file_exists\n    path: x\n");
        assertThat(anvil("record", stories.toString(), "--mode", "t")).isEqualTo(2);
        assertThat(err).contains("lost.yaml").contains("fixtures/nowhere");
        assertThat(runs()).isEmpty();
    }

    @Test
    void anUnknownModeWithoutACommandIsASetupErrorNamingTheKnownModes() throws IOException {
        story("good-one");
        assertThat(anvil("record", stories.toString(), "--mode", "nightly")).isEqualTo(2);
        assertThat(err).contains("unknown mode 'nightly'").contains("modes defined: t").contains("--agent-command");
        assertThat(runs()).isEmpty();
    }

    @Test
    void badOptionValuesAreUsageErrors() throws IOException {
        story("good-one");
        assertThat(anvil("record", stories.toString(), "--mode", "t", "--parallel", "0")).isEqualTo(2);
        assertThat(err).contains("--parallel must be at least 1");
        assertThat(anvil("record", stories.toString(), "--mode", "t", "--parallel", "many")).isEqualTo(2);
        assertThat(err).contains("--parallel");
        assertThat(anvil("record", stories.toString(), "--mode", "t", "--timeout", "0")).isEqualTo(2);
        assertThat(anvil("record", "--mode", "t")).isEqualTo(2);
        assertThat(err).contains("no story paths given");
        assertThat(anvil("record", tmp.resolve("nope").toString(), "--mode", "t")).isEqualTo(2);
        assertThat(err).contains("no such file or folder");
        assertThat(runs()).isEmpty();
    }

    @Test
    void theAgentCommandOptionOverridesTheMode() throws IOException {
        story("bad-one");
        assertThat(anvil("record", stories.toString(), "--mode", "adhoc", "--agent-command", "echo done > DONE.txt")).isZero();
        assertThat(runs().get(0).mode()).isEqualTo("adhoc");
    }

    @Test
    void jsonOutputIsTheAdr013ReportOnStdoutWithProgressOnStderr() throws IOException {
        story("good-one");
        story("bad-one");
        Path file = tmp.resolve("reports/run.json");

        assertThat(anvil("record", stories.toString(), "--mode", "t", "--output", "json", "--output-file", file.toString(),
                "--label", "ci", "--sut-revision", "abc")).isEqualTo(1);

        JsonNode report = new ObjectMapper().readTree(out);
        for (String field : List.of("runId", "mode", "status", "startedAt", "completedAt", "totalDurationSeconds", "passed",
                "failed", "total", "results")) {
            assertThat(report.has(field)).as(field).isTrue();
        }
        assertThat(report.get("passed").asInt()).isEqualTo(1);
        assertThat(report.get("failed").asInt()).isEqualTo(1);
        assertThat(report.get("total").asInt()).isEqualTo(2);
        assertThat(report.get("label").asText()).isEqualTo("ci");
        assertThat(report.get("sutRevision").asText()).isEqualTo("abc");
        JsonNode bad = report.get("results").get(0);
        for (String field : List.of("storyId", "scenarioName", "scenarioPath", "success", "status", "durationSeconds", "error",
                "worktreePath", "expectations", "anvilStoryId", "resultId")) {
            assertThat(bad.has(field)).as(field).isTrue();
        }
        assertThat(bad.get("scenarioName").asText()).as("the scenario's name, as the .NET report has it").isEqualTo("bad-one");
        assertThat(bad.get("storyId").isNull()).as("Aura's story id: none for a command mode").isTrue();
        assertThat(bad.get("anvilStoryId").asText()).isEqualTo("bad-one");
        assertThat(bad.get("expectations").get(0).get("passed").asBoolean()).isFalse();
        assertThat(bad.get("success").asBoolean()).isFalse();
        assertThat(bad.get("error").asText()).contains("DONE.txt does not exist");
        assertThat(bad.get("expectations").get(0).get("type").asText()).isEqualTo("file_exists");
        assertThat(err).contains("bad-one").contains("✗");
        assertThat(new ObjectMapper().readTree(file.toFile())).isEqualTo(report);
    }

    @Test
    void aReportWrittenByRecordIsAlreadyInItsOwnHistoryAndTheSameRunInAnother() throws IOException {
        story("good-one");
        story("bad-one");
        Path file = tmp.resolve("run.json");
        anvil("record", stories.toString(), "--mode", "t", "--quiet", "--output-file", file.toString());
        assertThat(out).isEmpty();

        assertThat(anvil("record", "--import", file.toString())).isEqualTo(2);
        assertThat(err).contains("is already in this history; nothing recorded");
        assertThat(runs()).hasSize(1);

        Path own = db;
        Path other = tmp.resolve("other.db");
        db = other;
        assertThat(anvil("record", "--import", file.toString())).as(err).isZero();
        db = own;
        assertThat(out).contains("imported").contains("mode t");
        try (HistoryDatabase a = HistoryDatabase.open(own); HistoryDatabase b = HistoryDatabase.open(other)) {
            assertThat(b.repository().loadRun("latest")).isEqualTo(a.repository().loadRun("latest"));
        }
        assertThat(anvil("record", "--import", tmp.resolve("nope.json").toString(), "--mode", "x")).isEqualTo(2);
    }

    @Test
    void junitAndReportFilesAreWrittenForCiAndTheJUnitImportsBackAsTheSameRun() throws IOException {
        story("good-one");
        story("bad-one");
        Path junit = tmp.resolve("ci/anvil-junit.xml");
        Path report = tmp.resolve("ci/report.html");

        assertThat(anvil("record", stories.toString(), "--mode", "t", "--quiet", "--label", "nightly",
                "--junit", junit.toString(), "--report", report.toString())).isEqualTo(1);

        Run run = runs().get(0);
        String xml = Files.readString(junit);
        assertThat(xml).contains("<testcase name=\"bad-one\" classname=\"t\"", "<failure message=\"",
                "failed: file_exists (DONE.txt is there): DONE.txt does not exist");
        assertThat(Files.readString(report)).contains("<h2>Run summary</h2>", "bad-one", run.shortId());

        Path other = tmp.resolve("other.db");
        CommandLine cl = Main.commandLine();
        StringWriter o = new StringWriter();
        cl.setOut(new PrintWriter(o, true));
        assertThat(cl.execute("--db", other.toString(), "record", "--import", junit.toString())).isZero();
        assertThat(o.toString()).contains("as run " + run.shortId() + " of mode t");
        try (HistoryDatabase h = HistoryDatabase.open(other)) {
            Run copy = h.repository().findRun(run.id()).orElseThrow();
            assertThat(copy.label()).isEqualTo("nightly");
            assertThat(h.repository().results(run.id())).extracting(StoryResult::storyId, StoryResult::status)
                    .containsExactlyInAnyOrderElementsOf(results(run).stream()
                            .map(r -> org.assertj.core.groups.Tuple.tuple(r.storyId(), r.status())).toList());
        }
        assertThat(anvil("record", "--import", junit.toString())).isEqualTo(2);
        assertThat(err).contains("already in the history");
    }

    @Test
    void rerunFailedOnlyRecordsANewRunOfTheFailedStories() throws IOException {
        story("good-one");
        story("bad-one");
        anvil("record", stories.toString(), "--mode", "t");
        Files.writeString(suite.resolve("agent.sh"), "echo done > DONE.txt\n");

        assertThat(anvil("rerun", "latest", "--failed-only")).as(err).isZero();

        Run rerun = runs().get(0);
        assertThat(rerun.mode()).isEqualTo("t");
        assertThat(results(rerun)).extracting(StoryResult::storyId).containsExactly("bad-one");
        assertThat(results(rerun).get(0).status()).isEqualTo(ResultStatus.PASSED);
        assertThat(out).contains("newly passing: bad-one");
    }

    @Test
    void rerunReportsStoriesWhoseFileIsGoneAndRunsTheRest() throws IOException {
        story("good-one");
        Path gone = story("good-two");
        anvil("record", stories.toString(), "--mode", "t");
        Files.delete(gone);

        assertThat(anvil("rerun", "latest")).isZero();

        assertThat(err).contains("not rerun: story good-two").contains("is gone");
        assertThat(results(runs().get(0))).extracting(StoryResult::storyId).containsExactly("good-one");
        assertThat(anvil("rerun", "nosuchrun")).isEqualTo(2);
    }

    @Test
    void theSutRevisionIsReadFromTheGitHeadOfSutRepo() throws Exception {
        story("good-one");
        Path repo = Files.createDirectories(tmp.resolve("sut"));
        Process p = new ProcessBuilder("/bin/sh", "-c", "git init -q . && git -c user.email=a@b -c user.name=n commit -q --allow-empty -m x "
                + "&& git rev-parse HEAD").directory(repo.toFile()).start();
        String head = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor()).isZero();

        assertThat(anvil("record", stories.toString(), "--mode", "t", "--sut-repo", repo.toString())).isZero();

        assertThat(runs().get(0).sutRevision()).isEqualTo(head);
        assertThat(anvil("record", stories.toString(), "--mode", "t", "--sut-repo", tmp.toString())).isEqualTo(2);
        assertThat(err).contains("--sut-repo").contains("not a git repository");
    }

    @Test
    void failFastRecordsTheStoriesAfterTheFirstFailureAsSkipped() throws IOException {
        story("bad-first");
        story("good-later");
        assertThat(anvil("record", stories.toString(), "--mode", "t", "--fail-fast")).isEqualTo(1);
        assertThat(out).containsPattern("good-later +-");
        assertThat(runs().get(0).skipped()).isEqualTo(1);
    }

    @Test
    void aStoryRecordedUnderAFolderQualifiedIdIsRerunUnderThatIdFromItsFileAlone() throws IOException {
        for (String folder : List.of("calibration", "test")) {
            Files.createDirectories(stories.resolve(folder));
            Files.writeString(stories.resolve(folder + "/shared.yaml"), """
                    name: bad-shared
                    language: java
                    repository: fixtures/app
                    story: {title: T, description: D}
                    """ + (folder.equals("calibration") ? "expectations: [{type: file_exists, path: DONE.txt}]\n" : ""));
        }
        assertThat(anvil("record", stories.toString(), "--mode", "t")).as(err).isEqualTo(1);
        assertThat(err).contains("this story's id is 'calibration/bad-shared'", "this story's id is 'test/bad-shared'");

        assertThat(anvil("rerun", "latest", "--failed-only")).as(err).isEqualTo(1);

        assertThat(results(runs().get(0))).extracting(StoryResult::storyId).containsExactly("calibration/bad-shared");
        assertThat(err).doesNotContain("warning");
    }
}
