package dev.anvil.history;

import dev.anvil.AnvilException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportImportTest {

    @TempDir
    Path tmp;

    Path source;

    @BeforeEach
    void fillASourceHistoryWithAwkwardValues() throws Exception {
        source = tmp.resolve("source.db");
        try (HistoryDatabase db = HistoryDatabase.open(source)) {
            HistoryRepository repo = db.repository();
            Histories.recordRun(repo, "copilot-cli", Instant.parse("2026-10-01T06:00:00Z"), 12);
            Histories.recordAuraRun(repo, Instant.parse("2026-10-02T06:00:00Z"), 5); // four Aura rows
            // A run still going, with one result whose texts need quoting in every format.
            Run open = repo.startRun(new RunStart(Ids.newId(), Instant.parse("2026-10-03T06:00:00Z"), "story-ui",
                    "", null, "other-host", null, "0.1.0"));
            repo.appendResult(new StoryResult(Ids.newId(), open.id(), "story, \"quoted\"", "stories/a b.md", "java",
                    ResultStatus.FAILED, null, "line one\nline two, with \"quotes\"\r\nand ünïcödé ✓", List.of(),
                    Instant.parse("2026-10-03T06:00:01Z"), "", null, "/tmp/wt, 1",
                    List.of(new ExpectationResult(1, "file_contains", "", ResultStatus.FAILED, "no match for \"x\""),
                            new ExpectationResult(2, "command", null, ResultStatus.SKIPPED, null))));
            // A run without any result.
            repo.startRun(new RunStart(Ids.newId(), Instant.parse("2026-10-04T06:00:00Z"), "copilot-cli",
                    null, null, null, null, null));
        }
        // Rows as another ADR-005 writer leaves them: EF timestamps, no status, null totals, raw JSON.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + source); Statement s = c.createStatement()) {
            s.execute("INSERT INTO TestRuns (Id, StartedAt, CompletedAt, Mode, TotalStories, Passed, Failed, Skipped) "
                    + "VALUES ('ef-run', '2026-01-30 06:00:00.1234567', NULL, 'copilot-cli', NULL, NULL, NULL, NULL)");
            s.execute("INSERT INTO StoryResults (Id, TestRunId, StoryId, StoryPath, Language, Status, DurationMs, "
                    + "ErrorMessage, GeneratedFiles, ExecutedAt) VALUES ('ef-result', 'ef-run', 's', 'p', 'csharp', "
                    + "'Passed', 0, '', 'not json', '2026-01-30 06:00:01')");
        }
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void anExportImportedIntoAnEmptyHistoryReproducesEveryRowAndColumn(ExportFormat format) throws Exception {
        Path file = tmp.resolve("history." + format.name().toLowerCase());
        TransferReport exported;
        try (HistoryDatabase db = HistoryDatabase.open(source)) {
            exported = new HistoryExport(db).write(format, file);
        }
        assertThat(exported.runs()).isEqualTo(5);
        assertThat(exported.results()).isEqualTo(12 + 5 + 1 + 1);
        assertThat(exported.expectations()).isEqualTo(2 * 17 + 2);
        assertThat(exported.auraResults()).isEqualTo(4);

        Path target = tmp.resolve("target.db");
        TransferReport imported;
        try (HistoryDatabase db = HistoryDatabase.open(target)) {
            imported = new HistoryImport(db).importFile(file, null);
        }
        assertThat(imported).isEqualTo(new TransferReport(5, 19, 36, 0, 4));
        assertThat(Histories.dumpAll(target)).isEqualTo(Histories.dumpAll(source));
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void importingIntoAHistoryThatHasSomeRunsSkipsAndCountsThem(ExportFormat format) throws Exception {
        Path file = tmp.resolve("history.export");
        try (HistoryDatabase db = HistoryDatabase.open(source)) {
            new HistoryExport(db).write(format, file);
        }
        Path target = tmp.resolve("target.db");
        try (HistoryDatabase db = HistoryDatabase.open(target)) {
            Histories.recordRun(db.repository(), "copilot-cli", Instant.parse("2026-11-01T06:00:00Z"), 3);
            assertThat(new HistoryImport(db).importFile(file, format).runs()).isEqualTo(5);
            TransferReport again = new HistoryImport(db).importFile(file, null);
            assertThat(again).isEqualTo(new TransferReport(0, 0, 0, 5));
            assertThat(db.repository().countRuns()).isEqualTo(6);
            assertThat(db.repository().countResults()).isEqualTo(19 + 3);
        }
    }

    @Test
    void aMalformedRecordInTheMiddleOfAJsonLinesFileIsNamedAndNothingIsImported() throws Exception {
        Path file = tmp.resolve("history.jsonl");
        try (HistoryDatabase db = HistoryDatabase.open(source)) {
            new HistoryExport(db).write(ExportFormat.JSONL, file);
        }
        List<String> lines = Files.readAllLines(file);
        lines.set(3, lines.get(3).substring(0, lines.get(3).length() / 2)); // a cut-off record on line 4
        Files.write(file, lines);

        Path target = tmp.resolve("target.db");
        try (HistoryDatabase db = HistoryDatabase.open(target)) {
            assertThatThrownBy(() -> new HistoryImport(db).importFile(file, null))
                    .isInstanceOf(AnvilException.class)
                    .hasMessageStartingWith(file + ":4: malformed JSON")
                    .hasMessageEndingWith("nothing was imported");
            assertThat(db.repository().countRuns()).isZero();
            assertThat(db.repository().countResults()).isZero();
        }
    }

    @Test
    void aCsvRowWithTooFewFieldsIsNamedByLineAndNothingIsImported() throws Exception {
        Path file = tmp.resolve("history.csv");
        try (HistoryDatabase db = HistoryDatabase.open(source)) {
            new HistoryExport(db).write(ExportFormat.CSV, file);
        }
        String text = Files.readString(file);
        Files.writeString(file, text + "only,three,fields\r\n");

        Path target = tmp.resolve("target.db");
        try (HistoryDatabase db = HistoryDatabase.open(target)) {
            assertThatThrownBy(() -> new HistoryImport(db).importFile(file, null))
                    .isInstanceOf(AnvilException.class)
                    .hasMessageContaining(file + ":")
                    .hasMessageContaining("3 fields where the header has " + 38) // 28 columns, V4's runHeartbeat, 9 Aura columns
                    .hasMessageEndingWith("nothing was imported");
            assertThat(db.repository().countRuns()).isZero();
        }
    }

    @Test
    void aJsonRunWithoutItsStartTimeIsNamedAndNothingIsImported() throws Exception {
        Path file = tmp.resolve("broken.json");
        Files.writeString(file, "{\"anvilExport\": 1, \"runs\": [\n"
                + "{\"id\": \"r1\", \"startedAt\": \"2026-10-01T06:00:00.000Z\", \"mode\": \"m\"},\n"
                + "{\"id\": \"r2\", \"mode\": \"m\"}\n]}\n");
        Path target = tmp.resolve("target.db");
        try (HistoryDatabase db = HistoryDatabase.open(target)) {
            assertThatThrownBy(() -> new HistoryImport(db).importFile(file, null))
                    .isInstanceOf(AnvilException.class)
                    .hasMessage(file + ":3: run record 2: missing startedAt; nothing was imported");
            assertThat(db.repository().countRuns()).isZero();
        }
    }

    @Test
    void anExportOfANewerLayoutIsRefused() throws Exception {
        Path file = tmp.resolve("future.jsonl");
        Files.writeString(file, "{\"anvilExport\": 7}\n");
        try (HistoryDatabase db = HistoryDatabase.open(tmp.resolve("target.db"))) {
            assertThatThrownBy(() -> new HistoryImport(db).importFile(file, null))
                    .hasMessageContaining("newer Anvil (export layout 7");
        }
    }

    @Test
    void anExportToAnUnwritableLocationNamesThePathAndLeavesNoFileBehind() throws Exception {
        Path blocker = tmp.resolve("plain-file");
        Files.writeString(blocker, "x");
        try (HistoryDatabase db = HistoryDatabase.open(source)) {
            assertThatThrownBy(() -> new HistoryExport(db).write(ExportFormat.JSON, blocker.resolve("out.json")))
                    .isInstanceOf(AnvilException.class)
                    .hasMessageContaining(blocker.resolve("out.json").toString());
        }
        assertThat(Files.readString(blocker)).isEqualTo("x");
    }

    @Test
    void csvRowsOfOneRunSplitByAnotherRunAreRefusedNamingTheLine() throws Exception {
        Path file = tmp.resolve("history.csv");
        try (HistoryDatabase db = HistoryDatabase.open(source)) {
            new HistoryExport(db).write(ExportFormat.CSV, file);
        }
        List<String> lines = Files.readAllLines(file);
        // Line 2 is the oldest run (the EF one, one result); line 3 the first of the next run's
        // twelve rows: move that row to the end, after three other runs.
        String moved = lines.remove(2);
        lines.add(moved);
        Files.write(file, lines);
        int last = lines.size();

        try (HistoryDatabase db = HistoryDatabase.open(tmp.resolve("target.db"))) {
            assertThatThrownBy(() -> new HistoryImport(db).importFile(file, null))
                    .isInstanceOf(AnvilException.class)
                    // 21 records (header, 19 results, a run without any) on more lines: one error message spans three.
                    .hasMessageStartingWith(file + ":" + last + ": CSV record 21: rows of run " + moved.substring(0, 36))
                    .hasMessageEndingWith("appear again after other runs; keep a run's rows together; nothing was imported");
            assertThat(db.repository().countRuns()).isZero();
        }
    }

    @Test
    void aFileWithoutAKnownExtensionIsRecognizedByItsContent() throws Exception {
        for (ExportFormat format : ExportFormat.values()) {
            Path file = tmp.resolve("history-" + format + ".export");
            try (HistoryDatabase db = HistoryDatabase.open(source)) {
                new HistoryExport(db).write(format, file);
            }
            Path target = tmp.resolve("target-" + format + ".db");
            try (HistoryDatabase db = HistoryDatabase.open(target)) {
                assertThat(new HistoryImport(db).importFile(file, null).runs()).as(format.name()).isEqualTo(5);
            }
            assertThat(Histories.dumpAll(target)).isEqualTo(Histories.dumpAll(source));
        }
    }

    @Test
    void anExportWrittenBeforeAuraResultsStillImportsInEveryFormat() throws Exception {
        // What the build before layout 2 wrote: no aura in JSON, no Aura columns in CSV.
        String run = "{\"id\":\"old-run\",\"startedAt\":\"2026-09-01T06:00:00.000Z\",\"completedAt\":\"2026-09-01T06:00:09.000Z\","
                + "\"mode\":\"aura-agents\",\"totalStories\":1,\"passed\":1,\"failed\":0,\"skipped\":0,\"status\":\"completed\","
                + "\"errors\":0,\"label\":null,\"sutRevision\":null,\"host\":\"h\",\"pid\":7,\"anvilVersion\":\"0.1.0\","
                + "\"heartbeat\":null,\"results\":[{\"id\":\"old-result\",\"storyId\":\"s\",\"storyPath\":\"stories/s.md\","
                + "\"language\":\"java\",\"status\":\"passed\",\"durationMs\":5,\"errorMessage\":null,\"generatedFiles\":\"[]\","
                + "\"executedAt\":\"2026-09-01T06:00:05.000Z\",\"storyHash\":null,\"logPath\":null,\"worktreePath\":null,"
                + "\"expectations\":[{\"position\":1,\"type\":\"compiles\",\"description\":null,\"status\":\"passed\",\"message\":null}]}]}";
        Files.writeString(tmp.resolve("old.json"), "{\"anvilExport\":1,\"schemaVersion\":4,\"runs\":[" + run + "]}\n");
        Files.writeString(tmp.resolve("old.jsonl"), "{\"anvilExport\":1,\"schemaVersion\":4}\n" + run + "\n");
        Files.writeString(tmp.resolve("old.csv"), String.join(",", HistoryCsv.COLUMNS) + ",runHeartbeat\r\n"
                + "old-run,2026-09-01T06:00:00.000Z,2026-09-01T06:00:09.000Z,aura-agents,1,1,0,0,completed,0,,,h,7,0.1.0,"
                + "old-result,s,stories/s.md,java,passed,5,,[],2026-09-01T06:00:05.000Z,,,,"
                + "\"[{\"\"position\"\":1,\"\"type\"\":\"\"compiles\"\",\"\"description\"\":null,\"\"status\"\":\"\"passed\"\",\"\"message\"\":null}]\",\r\n");
        List<List<String>> dumps = new java.util.ArrayList<>();
        for (String name : List.of("old.json", "old.jsonl", "old.csv")) {
            Path target = tmp.resolve(name + ".db");
            try (HistoryDatabase db = HistoryDatabase.open(target)) {
                assertThat(new HistoryImport(db).importFile(tmp.resolve(name), null)).as(name)
                        .isEqualTo(new TransferReport(1, 1, 1, 0, 0));
                assertThat(db.repository().results("old-run")).singleElement()
                        .satisfies(r -> assertThat(r.aura()).isNull());
            }
            assertThat(Histories.dump(target, "AuraResults", "StoryResultId")).as(name).isEmpty();
            dumps.add(Histories.dumpAll(target));
        }
        assertThat(dumps.get(1)).isEqualTo(dumps.get(0));
        assertThat(dumps.get(2)).isEqualTo(dumps.get(0));
    }

    @Test
    void anAuraRowIsAnObjectInItsResultInJsonAndFlatColumnsInCsv() throws Exception {
        Path json = tmp.resolve("history.json");
        Path csv = tmp.resolve("history.csv");
        try (HistoryDatabase db = HistoryDatabase.open(source)) {
            new HistoryExport(db).write(ExportFormat.JSON, json);
            new HistoryExport(db).write(ExportFormat.CSV, csv);
        }
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        assertThat(doc.get("anvilExport").asInt()).isEqualTo(2);
        var auraRun = java.util.stream.StreamSupport.stream(doc.get("runs").spliterator(), false)
                .filter(r -> r.get("mode").asText().equals("aura-agents")).findFirst().orElseThrow();
        var first = auraRun.get("results").get(0);
        assertThat(first.get("aura").toString()).isEqualTo("{\"auraStoryId\":\"aura-0\",\"auraStatus\":\"Completed\","
                + "\"toolCalls\":12,\"semanticToolCalls\":5,\"fileLevelToolCalls\":3,\"auraToolRatio\":0.625,"
                + "\"stepsToFirstRelevantCode\":7,\"backtrackingEvents\":2,\"detectedPatterns\":\"[\\\"direct\\\",\\\"fishing\\\"]\"}");
        assertThat(auraRun.get("results").get(2).get("aura").get("toolCalls").isNull()).isTrue(); // never read back
        assertThat(auraRun.get("results").get(4).has("aura")).isFalse(); // no Aura row

        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).endsWith(",runHeartbeat,auraStoryId,auraStatus,auraToolCalls,auraSemanticToolCalls,"
                + "auraFileLevelToolCalls,auraToolRatio,auraStepsToFirstRelevantCode,auraBacktrackingEvents,auraDetectedPatterns");
        assertThat(lines).anySatisfy(l -> assertThat(l).endsWith(",aura-0,Completed,12,5,3,0.625,7,2,\"[\"\"direct\"\",\"\"fishing\"\"]\""));
        assertThat(lines).anySatisfy(l -> assertThat(l).endsWith(",aura-2,,,,,,,,")); // created, never read back
    }

    @Test
    void exportAndImportAppendHowManyAuraResultsTheyCarriedToTheirLine() throws Exception {
        Path file = tmp.resolve("history.jsonl");
        dev.anvil.cli.Cli.Outcome exported = dev.anvil.cli.Cli.run("--db", source.toString(), "export", "--output", file.toString());
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        assertThat(exported.err()).isEqualTo("exported 5 run(s), 19 story result(s), 36 expectation result(s) to " + file
                + "; 4 Aura result(s) exported\n");

        Path target = tmp.resolve("target.db");
        dev.anvil.cli.Cli.Outcome imported = dev.anvil.cli.Cli.run("--db", target.toString(), "import", file.toString());
        assertThat(imported.out()).isEqualTo("imported 5 run(s), 19 story result(s), 36 expectation result(s); "
                + "skipped 0 run(s) already present; 4 Aura result(s) imported\n");
        assertThat(Histories.dumpAll(target)).isEqualTo(Histories.dumpAll(source));
    }

    @Test
    void aCsvAuraColumnThatIsNotANumberIsNamedByLineAndNothingIsImported() throws Exception {
        Path file = tmp.resolve("history.csv");
        try (HistoryDatabase db = HistoryDatabase.open(source)) {
            new HistoryExport(db).write(ExportFormat.CSV, file);
        }
        List<String> lines = Files.readAllLines(file);
        int at = 0;
        while (!lines.get(at).endsWith(",aura-0,Completed,12,5,3,0.625,7,2,\"[\"\"direct\"\",\"\"fishing\"\"]\"")) {
            at++;
        }
        lines.set(at, lines.get(at).replace(",aura-0,Completed,12,5,3,0.625,", ",aura-0,Completed,12,5,3,most,"));
        Files.write(file, lines);

        try (HistoryDatabase db = HistoryDatabase.open(tmp.resolve("target.db"))) {
            assertThatThrownBy(() -> new HistoryImport(db).importFile(file, null))
                    .isInstanceOf(AnvilException.class)
                    .hasMessageStartingWith(file + ":" + (at + 1) + ": CSV record ")
                    .hasMessageContaining("auraToolRatio 'most' is not a number")
                    .hasMessageEndingWith("nothing was imported");
            assertThat(db.repository().countRuns()).isZero();
        }
    }
}
