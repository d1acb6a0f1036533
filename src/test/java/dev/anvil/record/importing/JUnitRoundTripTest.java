package dev.anvil.record.importing;

import dev.anvil.AnvilException;
import dev.anvil.cli.Cli;
import dev.anvil.history.ExpectationResult;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.HistoryRepository;
import dev.anvil.history.Ids;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Run;
import dev.anvil.history.RunStart;
import dev.anvil.history.RunStatus;
import dev.anvil.history.StoryResult;
import dev.anvil.record.report.JUnitReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/** Anvil's JUnit XML: what CI test reporters read, and what {@code anvil import} reads back as the same run. */
class JUnitRoundTripTest {
    private static final Instant START = Instant.parse("2026-03-02T06:00:00Z");

    @TempDir
    Path tmp;

    /** A run with every kind of outcome, and messages with markup, control characters and emoji. */
    private Run recordRun(HistoryRepository repo) {
        String id = Ids.newId();
        repo.startRun(new RunStart(id, START, "aura-agents", "nightly", "abc123", "ci-7", 1L, "0.1.0"));
        repo.appendResults(List.of(
                result(id, "hello-world", ResultStatus.PASSED, 4_250L, null, 1,
                        List.of(new ExpectationResult(0, "compiles", "it builds", ResultStatus.PASSED, null))),
                result(id, "add-endpoint", ResultStatus.FAILED, 6_000L, "tests_pass: 2 of 9 failed <AssertionError> & more", 2,
                        List.of(new ExpectationResult(0, "compiles", null, ResultStatus.PASSED, null),
                                new ExpectationResult(1, "tests_pass", "tests pass", ResultStatus.FAILED,
                                        "2 of 9 failed <AssertionError> & more\u0007 🔥"))),
                result(id, "slow-one", ResultStatus.ERROR, 300_000L, "infrastructure: agent timed out after 300 s", 3, List.of()),
                result(id, "later", ResultStatus.SKIPPED, 0L, null, 4, List.of())));
        return repo.finishRun(id, RunStatus.COMPLETED, START.plusSeconds(400));
    }

    private static StoryResult result(String runId, String story, ResultStatus status, long ms, String message, int second,
                                      List<ExpectationResult> expectations) {
        return new StoryResult(Ids.newId(), runId, story, "stories/" + story + ".yaml", "csharp", status, ms, message,
                List.of("src/" + story + ".cs"), START.plusSeconds(second), null, "/logs/" + story + ".log",
                status == ResultStatus.PASSED ? null : "/wt/" + story, expectations);
    }

    @Test
    void theXmlParsesWithTheImportersJUnitReaderAndKeepsEveryOutcome() throws Exception {
        Path file = tmp.resolve("run.xml");
        try (HistoryDatabase db = HistoryDatabase.open(tmp.resolve("a.db"))) {
            Run run = recordRun(db.repository());
            JUnitReport.write(file, run, db.repository().results(run.id()));

            ParsedReport parsed = JUnitReportReader.read(file, Files.readAllBytes(file), "ignored", null);

            assertThat(parsed.provenance()).isEqualTo(new Provenance(run.id(), "aura-agents", "nightly", "abc123", "completed"));
            assertThat(parsed.startedAt()).isEqualTo(START);
            assertThat(parsed.results()).extracting(StoryResult::runId).containsOnly(run.id());
            assertThat(parsed.results()).extracting(StoryResult::storyId, StoryResult::status, StoryResult::durationMs)
                    .containsExactly(tuple("hello-world", ResultStatus.PASSED, 4_250L),
                            tuple("add-endpoint", ResultStatus.FAILED, 6_000L),
                            tuple("slow-one", ResultStatus.ERROR, 300_000L),
                            tuple("later", ResultStatus.SKIPPED, 0L));
            assertThat(parsed.results()).extracting(StoryResult::errorMessage).containsExactly(null,
                    "tests_pass: 2 of 9 failed <AssertionError> & more", "infrastructure: agent timed out after 300 s", null);
        }
        String xml = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(xml).contains("<testsuite name=\"aura-agents\" tests=\"4\" failures=\"1\" errors=\"1\" skipped=\"1\"",
                "<testcase name=\"add-endpoint\" classname=\"aura-agents\" time=\"6.000\">",
                "<failure message=\"tests_pass: 2 of 9 failed &lt;AssertionError&gt; &amp; more\" type=\"tests_pass\">",
                "failed: tests_pass (tests pass): 2 of 9 failed &lt;AssertionError&gt; &amp; more\uFFFD 🔥",
                "<error message=\"infrastructure: agent timed out after 300 s\" type=\"infrastructure\">",
                "<skipped", "kept worktree: /wt/add-endpoint");
    }

    @Test
    void exportedAsJUnitAndImportedElsewhereItIsTheSameRunAndImportingTwiceSkipsIt() throws Exception {
        Path a = tmp.resolve("a.db");
        Run run;
        List<StoryResult> original;
        try (HistoryDatabase db = HistoryDatabase.open(a)) {
            run = recordRun(db.repository());
            original = db.repository().results(run.id());
        }
        Path file = tmp.resolve("out/anvil-junit.xml");
        Cli.Outcome export = Cli.run("--db", a.toString(), "export", "--format", "junit", "latest", "--output", file.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.err()).contains("exported run " + run.shortId() + " (4 story result(s)) as JUnit XML");

        Path b = tmp.resolve("b.db");
        Cli.Outcome imported = Cli.run("--db", b.toString(), "import", file.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported run " + run.shortId() + " of mode aura-agents", "4 stories, 1 passed, 2 failed (1 errors), 1 skipped");
        try (HistoryDatabase db = HistoryDatabase.open(b)) {
            Run copy = db.repository().findRun(run.id()).orElseThrow();
            assertThat(copy).extracting(Run::mode, Run::label, Run::sutRevision, Run::startedAt, Run::status,
                            Run::totalStories, Run::passed, Run::failed, Run::errors, Run::skipped)
                    .containsExactly(run.mode(), run.label(), run.sutRevision(), run.startedAt(), run.status(),
                            run.totalStories(), run.passed(), run.failed(), run.errors(), run.skipped());
            assertThat(db.repository().results(run.id()))
                    .extracting(StoryResult::storyId, StoryResult::status, StoryResult::durationMs, StoryResult::errorMessage)
                    .containsExactlyElementsOf(original.stream().map(r -> tuple(r.storyId(), r.status(), r.durationMs(),
                            r.errorMessage())).toList());
        }
        assertThat(Cli.run("--db", b.toString(), "import", file.toString()).out()).contains("skipped 1 run already present");
        assertThat(Cli.run("--db", a.toString(), "import", file.toString()).out()).contains("skipped 1 run already present");
    }

    @Test
    void aTestsFullNameIsItsStoryIdUnlessTheClassnameIsTheMode() throws Exception {
        Path file = Files.writeString(tmp.resolve("TEST-x.xml"), """
                <testsuite name="com.example.CartTest" timestamp="2026-02-01T22:00:00">
                  <testcase name="adds" classname="com.example.CartTest" time="0.5"/>
                  <testcase name="removes" classname="com.example.CartTest" time="0.5"/>
                  <testcase name="plain" time="0.1"/>
                  <testcase name="story-a" classname="unit" time="0.1"/>
                </testsuite>
                """);
        ParsedReport parsed = JUnitReportReader.read(file, Files.readAllBytes(file), "r", "unit");
        assertThat(parsed.results()).extracting(StoryResult::storyId)
                .containsExactly("com.example.CartTest.adds", "com.example.CartTest.removes", "plain", "story-a");
    }

    @Test
    void aFolderOfSurefireReportsIsOneRun() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("target/surefire-reports"));
        Files.writeString(folder.resolve("TEST-com.example.ATest.xml"), """
                <testsuite name="com.example.ATest" timestamp="2026-02-01T22:00:00" time="1.0" tests="2" failures="1">
                  <testcase name="one" classname="com.example.ATest" time="0.4"/>
                  <testcase name="two" classname="com.example.ATest" time="0.6"><failure message="expected 2"/></testcase>
                </testsuite>
                """);
        Files.writeString(folder.resolve("TEST-com.example.BTest.xml"), """
                <testsuite name="com.example.BTest" timestamp="2026-02-01T22:00:01" time="0.2" tests="1">
                  <testcase name="one" classname="com.example.BTest" time="0.2"/>
                </testsuite>
                """);
        Files.writeString(folder.resolve("com.example.ATest.txt"), "not a report");
        Path db = tmp.resolve("h.db");

        Cli.Outcome record = Cli.run("--db", db.toString(), "record", "--import", folder.toString(), "--mode", "unit");

        assertThat(record.exitCode()).as(record.err()).isZero();
        assertThat(record.out()).contains("3 stories, 2 passed, 1 failed (0 errors)");
        try (HistoryDatabase h = HistoryDatabase.open(db)) {
            Run run = h.repository().listRuns(0, null).get(0);
            assertThat(run.startedAt()).isEqualTo(Instant.parse("2026-02-01T22:00:00Z"));
            assertThat(h.repository().results(run.id())).extracting(StoryResult::storyId)
                    .containsExactly("com.example.ATest.one", "com.example.ATest.two", "com.example.BTest.one");
        }
        Cli.Outcome again = Cli.run("--db", db.toString(), "record", "--import", folder.toString(), "--mode", "unit");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("was already imported for mode unit");
    }

    @Test
    void absurdTimesAreRefusedWithTheFileAndLineAndNothingIsRecorded() throws Exception {
        Path huge = Files.writeString(tmp.resolve("huge.xml"),
                "<testsuite name='s'>\n<testcase name='a' time='1e308'/>\n</testsuite>\n");
        Path far = Files.writeString(tmp.resolve("far.xml"),
                "<testsuite name='s' timestamp='+999999-01-01T00:00:00Z'>\n<testcase name='a' time='1'/>\n</testsuite>\n");
        try (HistoryDatabase db = HistoryDatabase.open(tmp.resolve("h.db"))) {
            assertThatThrownBy(() -> ReportImporter.importReport(huge, "m", db.repository()))
                    .isInstanceOf(AnvilException.class)
                    .hasMessage(huge + ":2: testcase time '1e308' is not a plausible duration (more than 7 days); nothing recorded");
            assertThatThrownBy(() -> ReportImporter.importReport(far, "m", db.repository()))
                    .isInstanceOf(AnvilException.class)
                    .hasMessageContaining(far + ":1: testsuite timestamp '+999999-01-01T00:00:00Z' is not a plausible time");
            assertThat(db.repository().countRuns()).isZero();
        }
        Cli.Outcome cli = Cli.run("--db", tmp.resolve("h.db").toString(), "record", "--import", huge.toString(), "--mode", "m");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err().lines()).hasSize(1);
    }
}
