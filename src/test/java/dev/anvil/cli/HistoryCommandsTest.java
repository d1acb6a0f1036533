package dev.anvil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anvil.history.Histories;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.HistoryRepository;
import dev.anvil.history.Ids;
import dev.anvil.history.RunStart;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The history commands end to end, in-process: what they print and the exit code. */
class HistoryCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    Path db;

    @BeforeEach
    void recordThreeRuns() {
        db = tmp.resolve("anvil.db");
        try (HistoryDatabase h = HistoryDatabase.open(db)) {
            HistoryRepository repo = h.repository();
            Histories.recordRun(repo, "aaaa1111-0000-0000-0000-000000000001", "copilot-cli",
                    Instant.parse("2026-11-25T06:00:00Z"), 7);
            Histories.recordRun(repo, "aaaa2222-0000-0000-0000-000000000002", "aura-agents",
                    Instant.parse("2026-11-26T06:00:00Z"), 3);
            Histories.recordRun(repo, "bbbb3333-0000-0000-0000-000000000003", "copilot-cli",
                    Instant.parse("2026-11-27T06:00:00Z"), 14);
        }
    }

    private Cli.Outcome anvil(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--db";
        all[1] = db.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return Cli.run(all);
    }

    @Test
    void runsListsTheNewestFirstWithTotalsPassRateDurationAndStatus() {
        Cli.Outcome o = anvil("runs");

        assertThat(o.exitCode()).isZero();
        String[] lines = o.out().split("\n");
        assertThat(lines[0]).contains("id", "started", "mode", "label", "total", "passed", "failed", "errors",
                "skipped", "pass %", "duration", "status");
        assertThat(lines).hasSize(4);
        // 14 stories: errors at 6 and 13, failures at 2, 5, 8, 11: 8 passed of 14 ran.
        assertThat(lines[1]).startsWith("bbbb3333").contains("2026-11-27 06:00:00", "copilot-cli", "nightly",
                "57.1", "16.0s", "completed");
        assertThat(lines[1].split("\\s+")).containsSubsequence("14", "8", "4", "2", "0");
        assertThat(lines[3]).startsWith("aaaa1111");
    }

    @Test
    void runsFiltersByModeAndLimits() {
        assertThat(anvil("runs", "--mode", "copilot-cli").out().lines().skip(1))
                .allSatisfy(l -> assertThat(l).contains("copilot-cli")).hasSize(2);
        assertThat(anvil("runs", "--limit", "1").out().lines().skip(1)).hasSize(1);
    }

    @Test
    void runsAsJsonGivesCamelCaseFieldsAndNumbers() throws Exception {
        Cli.Outcome o = anvil("runs", "--format", "json");

        JsonNode runs = JSON.readTree(o.out());
        assertThat(runs).hasSize(3);
        JsonNode latest = runs.get(0);
        assertThat(latest.get("id").asText()).isEqualTo("bbbb3333-0000-0000-0000-000000000003");
        assertThat(latest.get("shortId").asText()).isEqualTo("bbbb3333");
        assertThat(latest.get("startedAt").asText()).isEqualTo("2026-11-27T06:00:00.000Z");
        assertThat(latest.get("total").asInt()).isEqualTo(14);
        assertThat(latest.get("passed").asInt()).isEqualTo(8);
        assertThat(latest.get("failed").asInt()).isEqualTo(4);
        assertThat(latest.get("errors").asInt()).isEqualTo(2);
        assertThat(latest.get("passRate").asDouble()).isCloseTo(8 / 14.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(latest.get("durationMs").asLong()).isEqualTo(16_000);
        assertThat(latest.get("status").asText()).isEqualTo("completed");
    }

    @Test
    void runsAsCsvHasAHeaderAndOneRowPerRun() {
        Cli.Outcome o = anvil("runs", "--format", "csv");
        assertThat(o.out().lines().findFirst().orElseThrow()).startsWith("id,shortId,startedAt,completedAt,mode");
        assertThat(o.out().lines()).hasSize(4);
    }

    @Test
    void runsTellsARunningRunFromOneWhoseRecorderIsGone() {
        try (HistoryDatabase h = HistoryDatabase.open(db)) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            h.repository().startRun(RunStart.now("story-ui", "live", null));
            h.repository().startRun(new RunStart(Ids.newId(), now, "story-ui", "dead", null,
                    dev.anvil.history.Hosts.localName(), Long.MAX_VALUE - 1, null));
        }
        String out = anvil("runs").out();
        assertThat(out.lines().filter(l -> l.contains("live"))).singleElement().asString().endsWith("running");
        assertThat(out.lines().filter(l -> l.contains("dead"))).singleElement().asString().endsWith("incomplete");
    }

    @Test
    void showNamesARunByLatestLatestTildeNOrAnIdPrefix() {
        assertThat(anvil("show", "latest").out()).contains("bbbb3333-0000-0000-0000-000000000003");
        assertThat(anvil("show").out()).contains("bbbb3333-0000-0000-0000-000000000003");
        assertThat(anvil("show", "latest~2").out()).contains("aaaa1111-0000-0000-0000-000000000001");
        assertThat(anvil("show", "aaaa2").out()).contains("aaaa2222-0000-0000-0000-000000000002");
    }

    @Test
    void showPrintsTheHeaderAndOneLinePerStoryWithItsExpectations() {
        Cli.Outcome o = anvil("show", "aaaa1111", "--expectations");

        assertThat(o.exitCode()).isZero();
        assertThat(o.out()).contains("mode        copilot-cli", "sut         abc123", "host        ci-host (pid 4242)",
                "status      completed", "totals      7 stories: 4 passed, 2 failed, 1 errors, 0 skipped (57.1% pass)");
        assertThat(o.out().lines().filter(l -> l.startsWith("story-"))).hasSize(7 + 14);
        assertThat(o.out()).containsPattern("story-2 +java +failed +1.0s +1/2 +expected 3, got 4");
        assertThat(o.out()).containsPattern("story-2 +2 +tests_pass +failed +tests pass +2 tests failed");
    }

    @Test
    void showAsJsonNestsEveryExpectationInItsResult() throws Exception {
        JsonNode doc = JSON.readTree(anvil("show", "latest", "--format", "json").out());

        assertThat(doc.get("run").get("id").asText()).isEqualTo("bbbb3333-0000-0000-0000-000000000003");
        assertThat(doc.get("run").get("sutRevision").asText()).isEqualTo("abc123");
        assertThat(doc.get("results")).hasSize(14);
        JsonNode failed = doc.get("results").get(2);
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("errorMessage").asText()).isEqualTo("expected 3, got 4");
        assertThat(failed.get("expectations")).hasSize(2);
        assertThat(failed.get("expectations").get(1).get("message").asText()).isEqualTo("2 tests failed");
    }

    @Test
    void showAsMarkdownAndCsvWork() {
        assertThat(anvil("show", "latest", "--format", "markdown").out()).startsWith("## Run bbbb3333")
                .contains("| story | language | status |");
        assertThat(anvil("show", "latest", "--format", "csv").out().lines()).hasSize(15)
                .first().asString().startsWith("resultId,storyId,storyPath,language,status,durationMs");
    }

    @Test
    void anAmbiguousRunPrefixIsOneLineNamingTheCandidatesAndExitCodeTwo() {
        Cli.Outcome o = anvil("show", "aaaa");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("anvil: ambiguous run 'aaaa': matches aaaa1111, aaaa2222; give more characters\n");
        assertThat(o.out()).isEmpty();
    }

    @Test
    void anUnknownRunIsOneLineAndExitCodeTwo() {
        Cli.Outcome o = anvil("show", "cafe");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("anvil: unknown run 'cafe': no run id starts with it (anvil runs lists them)\n");
        assertThat(anvil("show", "latest~3").err()).isEqualTo("anvil: unknown run 'latest~3': the history has only 3 run(s) (latest~0 to latest~2)\n");
    }

    @Test
    void aHugeLatestOffsetAndNegativeCountsAreOneLineAndExitCodeTwo() {
        for (String name : List.of("latest~99999999999999999999", "latest~2147483648", "latest~3")) {
            Cli.Outcome o = anvil("show", name);
            assertThat(o.exitCode()).as(name).isEqualTo(2);
            assertThat(o.err()).as(name).isEqualTo("anvil: unknown run '" + name
                    + "': the history has only 3 run(s) (latest~0 to latest~2)\n");
        }
        assertThat(anvil("show", "latest~002").out()).contains("aaaa1111");
        Cli.Outcome top = anvil("analyze", "failures", "--top", "-1");
        assertThat(top.exitCode()).isEqualTo(2);
        assertThat(top.err()).isEqualTo("anvil: --top must be 0 (all) or more, not -1\n");
        Cli.Outcome last = anvil("analyze", "story", "s1", "--last", "-5");
        assertThat(last.exitCode()).isEqualTo(2);
        assertThat(last.err()).isEqualTo("anvil: --last must be 0 (all) or more, not -5\n");
    }

    @Test
    void compareWithOneRunComparesItWithTheLatest() {
        // latest~1 is the only aura-agents run: it used to be compared with itself (the latest of its mode)
        Cli.Outcome o = anvil("analyze", "compare", "latest~1");
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.out()).startsWith("compare aaaa2222 (aura-agents, 2026-11-26 06:00) -> bbbb3333 (copilot-cli, 2026-11-27 06:00)");
        Cli.Outcome self = anvil("analyze", "compare", "latest");
        assertThat(self.exitCode()).isEqualTo(2);
        assertThat(self.err()).isEqualTo("anvil: run bbbb3333 is compared with itself: it is the latest run; "
                + "name an earlier one (latest~1) or both runs\n");
    }

    @Test
    void pruneDryRunCountsButChangesNothing() throws Exception {
        var before = Histories.dumpAll(db);
        Cli.Outcome o = anvil("prune", "--older-than", "2026-11-27", "--dry-run");

        assertThat(o.exitCode()).isZero();
        assertThat(o.out()).isEqualTo("would remove 2 run(s), 10 story result(s), 20 expectation result(s) started "
                + "before 2026-11-27T00:00:00.000Z (dry run: nothing changed)\n");
        assertThat(Histories.dumpAll(db)).isEqualTo(before);
    }

    @Test
    void pruneRemovesExactlyTheOldRunsWithTheirResultsAndExpectations() throws Exception {
        var keep = Histories.dump(db, "StoryResults", "Id").stream()
                .filter(r -> r.contains("bbbb3333")).toList();
        Cli.Outcome o = anvil("prune", "--older-than", "2026-11-27");

        assertThat(o.out()).isEqualTo("removed 2 run(s), 10 story result(s), 20 expectation result(s) started "
                + "before 2026-11-27T00:00:00.000Z\n");
        assertThat(Histories.dump(db, "TestRuns", "Id")).singleElement().asString().contains("bbbb3333");
        assertThat(Histories.dump(db, "StoryResults", "Id")).isEqualTo(keep);
        assertThat(Histories.dump(db, "ExpectationResults", "StoryResultId, Position")).hasSize(28);
    }

    @Test
    void pruneByAgeInDaysHoursAndWeeks() {
        assertThat(anvil("prune", "--older-than", "90d", "--dry-run").out()).startsWith("would remove 0 run(s)");
        assertThat(anvil("prune", "--older-than", "1h", "--dry-run").out()).startsWith("would remove 3 run(s)");
        assertThat(anvil("prune", "--older-than", "520w", "--dry-run").out()).startsWith("would remove 0 run(s)");
    }

    @Test
    void aMalformedOlderThanIsOneLineAndExitCodeTwoAndNothingIsRemoved() throws Exception {
        var before = Histories.dumpAll(db);
        Cli.Outcome o = anvil("prune", "--older-than", "ninety days");

        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("anvil: malformed --older-than 'ninety days': give an age such as 90d, 12h "
                + "or 2w, or a date such as 2026-08-01\n");
        assertThat(Histories.dumpAll(db)).isEqualTo(before);
    }

    @Test
    void exportThenImportIntoAnotherDatabaseCopiesTheHistoryAndSaysWhat() throws Exception {
        Path file = tmp.resolve("h.csv");
        Cli.Outcome exported = anvil("export", "--format", "csv", "--output", file.toString());
        assertThat(exported.exitCode()).isZero();
        assertThat(exported.err()).isEqualTo("exported 3 run(s), 24 story result(s), 48 expectation result(s) to " + file + "\n");

        Path other = tmp.resolve("other.db");
        Cli.Outcome imported = Cli.run("--db", other.toString(), "import", file.toString());
        assertThat(imported.out()).isEqualTo("imported 3 run(s), 24 story result(s), 48 expectation result(s); "
                + "skipped 0 run(s) already present\n");
        assertThat(Histories.dumpAll(other)).isEqualTo(Histories.dumpAll(db));
        assertThat(Cli.run("--db", other.toString(), "import", file.toString()).out())
                .startsWith("imported 0 run(s), 0 story result(s), 0 expectation result(s); skipped 3 run(s)");
    }

    @Test
    void exportToStandardOutputIsTheDocumentItself() throws Exception {
        JsonNode doc = JSON.readTree(anvil("export", "--format", "json").out());
        assertThat(doc.get("anvilExport").asInt()).isEqualTo(2);
        assertThat(doc.get("runs")).hasSize(3);
    }

    @Test
    void importOfAMalformedFileIsOneLineNamingTheLineAndImportsNothing() throws Exception {
        Path file = tmp.resolve("bad.jsonl");
        Files.writeString(file, "{\"anvilExport\":1}\n{\"id\":\"x\",\"startedAt\":\"2026-01-01T00:00:00.000Z\",\"mode\":\"m\"}\n{oops\n");
        var before = Histories.dumpAll(db);

        Cli.Outcome o = anvil("import", file.toString());

        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).startsWith("anvil: " + file + ":3: malformed JSON").endsWith("; nothing was imported\n");
        assertThat(o.err().lines()).hasSize(1);
        assertThat(Histories.dumpAll(db)).isEqualTo(before);
    }

    @Test
    void aMissingImportFileIsOneLine() {
        Cli.Outcome o = anvil("import", tmp.resolve("nope.json").toString());
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("anvil: " + tmp.resolve("nope.json") + ": no such file\n");
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        Cli.Outcome o = anvil("runs", "--format", "xml");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("--format");
    }

    @Test
    void dbInfoShowsResultsWaitingInTheSpoolAndLeavesThemThereForTheNextCommand() throws Exception {
        assertThat(anvil("db", "info").out()).contains("spool:          empty");
        Path exported = tmp.resolve("export.jsonl");
        Path other = tmp.resolve("other.db");
        assertThat(Cli.run("--db", other.toString(), "db", "migrate").exitCode()).isZero();
        try (HistoryDatabase h = HistoryDatabase.open(other)) {
            Histories.recordRun(h.repository(), "cccc4444-0000-0000-0000-000000000004", "copilot-cli",
                    Instant.parse("2026-11-28T06:00:00Z"), 2);
        }
        assertThat(Cli.run("--db", other.toString(), "export", "--format", "jsonl", "--output", exported.toString())
                .exitCode()).isZero();
        // what a recorder that could not write leaves beside the history: the export's format
        Path spool = Files.move(exported, tmp.resolve("anvil.db.spool-cccc4444.jsonl"));

        Cli.Outcome info = anvil("db", "info");

        assertThat(info.out()).contains("runs:           3")
                .contains("spool:          1 file(s) of results waiting in " + tmp + " (anvil db migrate imports them)");
        assertThat(spool).exists();
        Cli.Outcome migrate = anvil("db", "migrate");
        assertThat(migrate.err()).contains("imported 2 result(s) and 1 run(s) from 1 spool file(s)");
        assertThat(spool).doesNotExist();
        assertThat(anvil("db", "info").out()).contains("runs:           4").contains("spool:          empty");
    }
}
