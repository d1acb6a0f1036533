package dev.anvil.record.importing;

import dev.anvil.AnvilException;
import dev.anvil.history.ExpectationResult;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.HistoryRepository;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Run;
import dev.anvil.history.RunStatus;
import dev.anvil.history.StoryResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reports from elsewhere, imported into a real history file. */
class ReportImporterTest {
    @TempDir
    Path tmp;

    private HistoryDatabase db;
    private HistoryRepository repo;

    @BeforeEach
    void open() {
        db = HistoryDatabase.open(tmp.resolve("history.db"));
        repo = db.repository();
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** As the .NET Anvil writes it (System.Text.Json, camelCase, DateTimeOffset with 7 digits). */
    static final String DOTNET_REPORT = """
            {
              "startedAt": "2026-01-30T06:00:00.1234567+00:00",
              "completedAt": "2026-01-30T06:03:10.5000000+00:00",
              "totalDurationSeconds": 190.38,
              "passed": 1,
              "failed": 2,
              "total": 3,
              "results": [
                {
                  "scenarioName": "hello-world",
                  "scenarioPath": "scenarios/csharp/hello-world.yaml",
                  "success": true,
                  "durationSeconds": 61.25,
                  "storyId": "3f2b9c1e-1111-4222-8333-444455556666",
                  "worktreePath": "/work/.worktrees/hello",
                  "error": null,
                  "expectations": [
                    {"type": "compiles", "description": "Code should compile", "success": true, "message": "Code compiles successfully"},
                    {"expectation": {"type": "file_exists", "description": "Greeter exists"}, "passed": true, "message": "File found: src/Greeter.cs"}
                  ]
                },
                {
                  "scenarioName": "add-endpoint",
                  "scenarioPath": "scenarios/csharp/add-endpoint.yaml",
                  "success": false,
                  "durationSeconds": 100.5,
                  "storyId": "3f2b9c1e-1111-4222-8333-444455556667",
                  "worktreePath": "/work/.worktrees/endpoint",
                  "expectations": [
                    {"type": "compiles", "description": "Code should compile", "success": true},
                    {"type": "file_contains", "description": "Route added", "success": false, "message": "Pattern not found in src/Program.cs"}
                  ]
                },
                {
                  "scenarioName": "slow-one",
                  "scenarioPath": "scenarios/python/slow-one.yaml",
                  "success": false,
                  "durationSeconds": 28.63,
                  "error": "Story execution timed out after 300 seconds",
                  "expectations": []
                }
              ]
            }
            """;

    private Path write(String name, String text) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void aDotnetJsonReportBecomesOneCompletedRunWithItsOwnTimesResultsAndExpectations() throws IOException {
        Path report = write("report.json", DOTNET_REPORT);

        Run run = ReportImporter.importReport(report, "aura-agents", repo);

        assertThat(run.mode()).isEqualTo("aura-agents");
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.startedAt()).isEqualTo(Instant.parse("2026-01-30T06:00:00.123Z"));
        assertThat(run.completedAt()).isEqualTo(Instant.parse("2026-01-30T06:03:10.500Z"));
        assertThat(run.totalStories()).isEqualTo(3);
        assertThat(run.passed()).isEqualTo(1);
        assertThat(run.failed()).isEqualTo(2);
        assertThat(run.errors()).isEqualTo(1);
        assertThat(run.label()).isEqualTo("imported from report.json");

        List<StoryResult> results = repo.results(run.id());
        assertThat(results).extracting(StoryResult::storyId).containsExactly("hello-world", "add-endpoint", "slow-one");
        assertThat(results).extracting(StoryResult::status)
                .containsExactly(ResultStatus.PASSED, ResultStatus.FAILED, ResultStatus.ERROR);
        assertThat(results).extracting(StoryResult::durationMs).containsExactly(61250L, 100500L, 28630L);
        assertThat(results).extracting(StoryResult::storyPath).containsExactly("scenarios/csharp/hello-world.yaml",
                "scenarios/csharp/add-endpoint.yaml", "scenarios/python/slow-one.yaml");
        assertThat(results).extracting(StoryResult::executedAt).containsExactly(
                Instant.parse("2026-01-30T06:01:01.373Z"), Instant.parse("2026-01-30T06:02:41.873Z"),
                Instant.parse("2026-01-30T06:03:10.503Z"));
        assertThat(results.get(0).worktreePath()).isEqualTo("/work/.worktrees/hello");
        assertThat(results.get(1).errorMessage()).isEqualTo("Pattern not found in src/Program.cs");
        assertThat(results.get(2).errorMessage()).isEqualTo("Story execution timed out after 300 seconds");
        assertThat(results.get(0).expectations()).containsExactly(
                new ExpectationResult(0, "compiles", "Code should compile", ResultStatus.PASSED, "Code compiles successfully"),
                new ExpectationResult(1, "file_exists", "Greeter exists", ResultStatus.PASSED, "File found: src/Greeter.cs"));
        assertThat(results.get(1).expectations()).extracting(ExpectationResult::status)
                .containsExactly(ResultStatus.PASSED, ResultStatus.FAILED);
    }

    @Test
    void importingTheSameReportTwiceIsRefusedAndRecordsNothingMore() throws IOException {
        Path report = write("report.json", DOTNET_REPORT);
        Run first = ReportImporter.importReport(report, "aura-agents", repo);

        assertThatThrownBy(() -> ReportImporter.importReport(report, "aura-agents", repo))
                .isInstanceOf(AnvilException.class)
                .hasMessage(report + " was already imported for mode aura-agents as run " + first.shortId() + "; nothing recorded");
        assertThat(repo.countRuns()).isEqualTo(1);
        assertThat(repo.countResults()).isEqualTo(3);
    }

    @Test
    void aJUnitReportBecomesOneRunWithFailuresErrorsAndSkips() throws IOException {
        Path report = write("junit.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuites name="anvil" tests="4" failures="1" errors="1" skipped="1" time="12.5">
                  <testsuite name="csharp" timestamp="2026-02-01T22:00:00" time="10.0" tests="2">
                    <testcase name="hello-world" classname="csharp" time="4.0"/>
                    <testcase name="add-endpoint" classname="csharp" time="6.0">
                      <failure message="Pattern not found in src/Program.cs" type="file_contains">details</failure>
                    </testcase>
                  </testsuite>
                  <testsuite name="python" timestamp="2026-02-01T22:00:10" time="2.5" tests="2">
                    <testcase name="slow-one" classname="python" time="2.5">
                      <error>Story execution timed out
                      after 300 seconds</error>
                    </testcase>
                    <testcase name="later" classname="python">
                      <skipped/>
                    </testcase>
                  </testsuite>
                </testsuites>
                """);

        Run run = ReportImporter.importReport(report, "copilot-cli", repo);

        assertThat(run.startedAt()).isEqualTo(Instant.parse("2026-02-01T22:00:00Z"));
        assertThat(run.completedAt()).isEqualTo(Instant.parse("2026-02-01T22:00:12.500Z"));
        assertThat(run.totalStories()).isEqualTo(4);
        assertThat(run.passed()).isEqualTo(1);
        assertThat(run.failed()).isEqualTo(2);
        assertThat(run.errors()).isEqualTo(1);
        assertThat(run.skipped()).isEqualTo(1);
        List<StoryResult> results = repo.results(run.id());
        // a test's full name (classname.name) is its story id: the same in every run, whatever else the file holds
        assertThat(results).extracting(StoryResult::storyId)
                .containsExactly("csharp.hello-world", "csharp.add-endpoint", "python.slow-one", "python.later");
        assertThat(results).extracting(StoryResult::status).containsExactly(
                ResultStatus.PASSED, ResultStatus.FAILED, ResultStatus.ERROR, ResultStatus.SKIPPED);
        assertThat(results).extracting(StoryResult::durationMs).containsExactly(4000L, 6000L, 2500L, 0L);
        assertThat(results).extracting(StoryResult::errorMessage).containsExactly(
                null, "Pattern not found in src/Program.cs", "Story execution timed out", null);
    }

    @Test
    void aSingleTestsuiteRootIsJUnitToo() throws IOException {
        Path report = write("one.xml", "<testsuite name='s' timestamp='2026-02-01T22:00:00Z'><testcase name='a' time='1'/></testsuite>");
        Run run = ReportImporter.importReport(report, "m", repo);
        assertThat(run.totalStories()).isEqualTo(1);
        assertThat(run.passed()).isEqualTo(1);
    }

    @Test
    void malformedJsonNamesTheFileAndLineAndRecordsNothing() throws IOException {
        Path report = write("bad.json", "{\n  \"startedAt\": \"2026-01-30T06:00:00Z\",\n  \"results\": [\n    {\"scenarioName\": \"x\",, }\n  ]\n}\n");
        assertThatThrownBy(() -> ReportImporter.importReport(report, "m", repo))
                .isInstanceOf(AnvilException.class)
                .hasMessageStartingWith(report + ":4: not valid JSON: ");
        assertThat(repo.countRuns()).isZero();
    }

    @Test
    void aBadFieldIsNamedAndNothingIsRecordedEvenWhenEarlierResultsWereFine() throws IOException {
        Path report = write("field.json", """
                {"startedAt": "2026-01-30T06:00:00Z", "results": [
                  {"scenarioName": "a", "success": true, "durationSeconds": 1},
                  {"scenarioName": "b", "success": true, "durationSeconds": "soon"}
                ]}
                """);
        assertThatThrownBy(() -> ReportImporter.importReport(report, "m", repo))
                .isInstanceOf(AnvilException.class)
                .hasMessage(report + ": results[1].durationSeconds: not a number of seconds: 'soon'");
        Path missing = write("missing.json", "{\"startedAt\": \"2026-01-30T06:00:00Z\", \"results\": [{\"scenarioName\": \"a\"}]}");
        assertThatThrownBy(() -> ReportImporter.importReport(missing, "m", repo))
                .hasMessage(missing + ": results[0].success: missing (true or false)");
        Path noStart = write("nostart.json", "{\"results\": []}");
        assertThatThrownBy(() -> ReportImporter.importReport(noStart, "m", repo))
                .hasMessage(noStart + ": startedAt: missing (when the run started)");
        Path badTime = write("badtime.json", "{\"startedAt\": \"yesterday\", \"results\": []}");
        assertThatThrownBy(() -> ReportImporter.importReport(badTime, "m", repo))
                .hasMessage(badTime + ": startedAt: not a timestamp: 'yesterday'");
        assertThat(repo.countRuns()).isZero();
        assertThat(repo.countResults()).isZero();
    }

    @Test
    void malformedXmlNamesTheFileAndLine() throws IOException {
        Path report = write("bad.xml", "<testsuites>\n  <testsuite>\n    <testcase name='a'>\n  </testsuite>\n</testsuites>\n");
        assertThatThrownBy(() -> ReportImporter.importReport(report, "m", repo))
                .isInstanceOf(AnvilException.class)
                .hasMessageStartingWith(report + ":4: not well-formed XML: ");
        Path nameless = write("nameless.xml", "<testsuites>\n<testsuite>\n<testcase time='1'/>\n</testsuite>\n</testsuites>\n");
        assertThatThrownBy(() -> ReportImporter.importReport(nameless, "m", repo))
                .hasMessage(nameless + ":3: testcase without a name");
        Path other = write("pom.xml", "<project><modelVersion>4.0.0</modelVersion></project>");
        assertThatThrownBy(() -> ReportImporter.importReport(other, "m", repo))
                .hasMessage(other + ":1: not JUnit XML: the root element is <project>, expected <testsuites> or <testsuite>");
        assertThat(repo.countRuns()).isZero();
    }

    @Test
    void somethingElseEntirelyIsNotAReport() throws IOException {
        Path report = write("notes.txt", "hello");
        assertThatThrownBy(() -> ReportImporter.importReport(report, "m", repo))
                .hasMessage(report + ": not a report: expected the .NET Anvil's JSON report ({...}) or JUnit XML (<testsuites>)");
        Path empty = write("empty.json", "{\"startedAt\": \"2026-01-30T06:00:00Z\", \"results\": []}");
        assertThatThrownBy(() -> ReportImporter.importReport(empty, "m", repo))
                .hasMessage(empty + ": the report has no results; nothing recorded");
        assertThatThrownBy(() -> ReportImporter.importReport(tmp.resolve("absent.json"), "m", repo))
                .hasMessageStartingWith("cannot read report " + tmp.resolve("absent.json"));
    }

    @Test
    void aNestedScenarioGivesTheIdPathAndLanguage() throws IOException {
        Path report = write("nested.json", """
                {"startedAt": "2026-01-30T06:00:00Z", "results": [
                  {"scenario": {"name": "n", "path": "s/n.yaml", "language": "go"}, "success": true, "durationSeconds": 2}
                ]}
                """);
        Run run = ReportImporter.importReport(report, "m", repo);
        StoryResult r = repo.results(run.id()).get(0);
        assertThat(r.storyId()).isEqualTo("n");
        assertThat(r.storyPath()).isEqualTo("s/n.yaml");
        assertThat(r.language()).isEqualTo("go");
        assertThat(run.completedAt()).isEqualTo(Instant.parse("2026-01-30T06:00:02Z"));
    }
}
