package dev.anvil.cli;

import dev.anvil.history.HistoryDatabase;
import dev.anvil.shell.GeneratedHistory;
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

/** {@code anvil query}: .jsh and .sql scripts, parameters, formats, errors with file, line and exit code. */
class QueryCommandTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int anvil(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("--db", GeneratedHistory.path().toString()));
        all.addAll(List.of(args));
        return cl.execute(all.toArray(new String[0]));
    }

    private String script(String name, String text) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, text);
        return file.toString();
    }

    private static long runsInHistory() {
        try (HistoryDatabase db = HistoryDatabase.open(GeneratedHistory.path())) {
            return db.repository().countRuns();
        }
    }

    @Test
    void jshScriptAnswersWithTheTableOfItsLastExpressionInTheChosenFormat() throws IOException {
        String f = script("modes.jsh", "// runs per mode\nsql(\"SELECT Mode AS mode, COUNT(*) AS runs FROM TestRuns GROUP BY Mode ORDER BY Mode\")\n");
        assertThat(anvil("query", f, "--format", "csv")).isZero();
        assertThat(out.toString()).isEqualTo("mode,runs\naura-agents,40\ncopilot-cli,40\nstory-ui,40\n");
    }

    @Test
    void jsonIsAnArrayOfObjectsAndMarkdownATable() throws IOException {
        String f = script("one.jsh", "sql(\"SELECT 'a' AS x, 2 AS y\")");
        assertThat(anvil("query", f, "-f", "json")).isZero();
        assertThat(out.toString().replaceAll("\\s", "")).isEqualTo("[{\"x\":\"a\",\"y\":2}]");
        out.getBuffer().setLength(0);
        assertThat(anvil("query", f, "-f", "markdown")).isZero();
        assertThat(out.toString()).startsWith("| x | y |\n| --- | ---: |\n| a | 2 |");
    }

    @Test
    void paramIsTypedByItsDefaultAndTheDefaultHoldsWithoutIt() throws IOException {
        String f = script("limit.jsh", "int n = param(\"limit\", 5);\nsql(\"SELECT Id FROM TestRuns LIMIT ?\", n).rowCount()");
        assertThat(anvil("query", f)).isZero();
        assertThat(out.toString().strip()).isEqualTo("5");
        out.getBuffer().setLength(0);
        assertThat(anvil("query", f, "--param", "limit=2")).isZero();
        assertThat(out.toString().strip()).isEqualTo("2");
    }

    @Test
    void aParameterOfTheWrongTypeIsAUsageErrorNamingIt() throws IOException {
        String f = script("limit.jsh", "int n = param(\"limit\", 5);\nn");
        assertThat(anvil("query", f, "--param", "limit=ten")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("anvil: " + f + ":1: parameter limit: 'ten' is not a whole number (default 5)");
    }

    @Test
    void aRequiredJshParameterThatIsMissingNamesItself() throws IOException {
        String f = script("story.jsh", "\nString id = param(\"story\");\nstory(id)");
        assertThat(anvil("query", f)).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("anvil: " + f + ":2: missing parameter story: give --param story=VALUE");
    }

    @Test
    void jshParametersAreValuesNeverCode() throws IOException {
        String f = script("mode.jsh", "String mode = param(\"mode\", \"copilot-cli\");\n"
                + "sql(\"SELECT COUNT(*) AS n FROM TestRuns WHERE Mode = ?\", mode).intColumn(\"n\").get(0)");
        assertThat(anvil("query", f)).isZero();
        assertThat(out.toString().strip()).isEqualTo("40");
        for (String attack : List.of("x' OR '1'='1", "\"); System.exit(3); (\"", "copilot-cli'; DELETE FROM TestRuns; --")) {
            out.getBuffer().setLength(0);
            assertThat(anvil("query", f, "--param", "mode=" + attack)).isZero();
            assertThat(out.toString().strip()).isEqualTo("0");
        }
        assertThat(runsInHistory()).isEqualTo(120);
    }

    @Test
    void sqlScriptBindsNamedParameters() throws IOException {
        String f = script("mode.sql", "-- runs of one mode (:mode in a comment is not a parameter)\n"
                + "SELECT COUNT(*) AS n FROM TestRuns WHERE Mode = :mode;\n");
        assertThat(anvil("query", f, "-p", "mode=story-ui", "-f", "csv")).isZero();
        assertThat(out.toString()).isEqualTo("n\n40\n");
    }

    @Test
    void sqlParametersAreBoundNotPastedSoInjectionFindsNothingAndChangesNothing() throws IOException {
        String f = script("mode.sql", "SELECT COUNT(*) AS n FROM TestRuns WHERE Mode = :mode");
        for (String attack : List.of("x' OR '1'='1", "copilot-cli' OR 1=1 --", "'; DROP TABLE TestRuns; --",
                "copilot-cli\"; DELETE FROM StoryResults; --")) {
            out.getBuffer().setLength(0);
            assertThat(anvil("query", f, "-p", "mode=" + attack, "-f", "csv")).isZero();
            assertThat(out.toString()).isEqualTo("n\n0\n");
        }
        assertThat(runsInHistory()).isEqualTo(120);
    }

    @Test
    void numbersAreBoundAsNumbersSoLimitWorks() throws IOException {
        String f = script("limit.sql", "SELECT Id FROM TestRuns ORDER BY StartedAt LIMIT :n");
        assertThat(anvil("query", f, "-p", "n=3", "-f", "csv")).isZero();
        assertThat(out.toString().lines()).hasSize(4);
    }

    @Test
    void aMissingSqlParameterNamesItselfWithExitCode2() throws IOException {
        String f = script("mode.sql", "SELECT COUNT(*) FROM TestRuns WHERE Mode = :mode AND StartedAt >= :since");
        assertThat(anvil("query", f, "-p", "mode=x")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("anvil: " + f + ": missing parameter since: give --param since=VALUE");
    }

    @Test
    void anUnknownSqlParameterIsATypoNotSilentlyIgnored() throws IOException {
        String f = script("mode.sql", "SELECT COUNT(*) FROM TestRuns WHERE Mode = :mode");
        assertThat(anvil("query", f, "-p", "mode=x", "-p", "mdoe=y")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("anvil: " + f + ": unknown parameter mdoe: the query takes :mode");
    }

    @Test
    void aSqlErrorIsOneLineWithTheFile() throws IOException {
        String f = script("bad.sql", "SELECT Nope FROM TestRuns");
        assertThat(anvil("query", f)).isEqualTo(2);
        assertThat(err.toString()).startsWith("anvil: " + f + ": ").contains("no such column: Nope");
        assertThat(err.toString().strip().lines()).hasSize(1);
    }

    @Test
    void aCompileErrorExits2WithFileLineAndTheCompilersMessage() throws IOException {
        String f = script("broken.jsh", "// header\nint days = 7;\nString s = days;\nruns()");
        assertThat(anvil("query", f)).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("anvil: " + f + ":3: incompatible types: int cannot be converted to java.lang.String");
    }

    @Test
    void anUnknownSymbolNamesTheSymbol() throws IOException {
        String f = script("typo.jsh", "\n\nregresions()");
        assertThat(anvil("query", f)).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("anvil: " + f + ":3: cannot find symbol (symbol: method regresions())");
    }

    @Test
    void aRunTimeExceptionExits1WithItsMessageAndTheScriptLine() throws IOException {
        String f = script("boom.jsh", "int n = 1;\nif (n > 0) throw new IllegalStateException(\"no data for \" + n);\nn");
        assertThat(anvil("query", f)).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("anvil: " + f + ":2: java.lang.IllegalStateException: no data for 1");
        assertThat(err.toString()).doesNotContain("\tat ");
    }

    @Test
    void showRendersEachValueAndTakesThePlaceOfTheLastExpression() throws IOException {
        String f = script("two.jsh", "show(\"Runs\", sql(\"SELECT COUNT(*) AS runs FROM TestRuns\"));\n"
                + "show(\"Results\", sql(\"SELECT COUNT(*) AS results FROM StoryResults\"));\n42");
        assertThat(anvil("query", f)).isZero();
        assertThat(out.toString()).isEqualTo("Runs\nruns\n 120\n\nResults\nresults\n   3600\n\n");
    }

    @Test
    void aValueThatIsNotATableIsPrintedAsText() throws IOException {
        String f = script("text.jsh", "\"runs: \" + history.countRuns()");
        assertThat(anvil("query", f)).isZero();
        assertThat(out.toString()).isEqualTo("runs: 120\n");
    }

    @Test
    void outputGoesToTheFileWhenAsked() throws IOException {
        String f = script("n.sql", "SELECT COUNT(*) AS n FROM TestRuns");
        Path file = tmp.resolve("out/answer.csv");
        assertThat(anvil("query", f, "-f", "csv", "-o", file.toString())).isZero();
        assertThat(out.toString()).isEmpty();
        assertThat(Files.readString(file)).isEqualTo("n\n120\n");
    }

    @Test
    void aSavedQueryIsFoundByName() {
        assertThat(anvil("query", "story-history", "-p", "story=auth-008", "-f", "csv")).isZero();
        assertThat(out.toString().lines().findFirst()).hasValue("run,startedAt,mode,sutRevision,status,durationMs,errorMessage");
        assertThat(out.toString().lines().count()).isEqualTo(1 + 3 * 40);
    }

    @Test
    void anUnknownNameSaysWhereItLookedAndHowToList() {
        assertThat(anvil("query", "no-such-query")).isEqualTo(2);
        assertThat(err.toString()).contains("no saved query named 'no-such-query'").contains("anvil query --list");
    }

    @Test
    void listShowsEverySavedQueryWithItsHeaderLine() {
        assertThat(anvil("query", "--list")).isZero();
        assertThat(out.toString()).contains("story-history.sql").contains("One story's history")
                .contains("pass-rate-trend.jsh").contains("Pass-rate trend by mode");
    }

    @Test
    void withoutAQueryItSaysWhatToGive() {
        assertThat(anvil("query")).isEqualTo(2);
        assertThat(err.toString()).contains("name a query to run");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"count.sql", "count.jsh"})
    void aQueryFirstImportsWhatAnEarlierRecordingLeftInTheSpool(String name) throws IOException {
        Path spooled = tmp.resolve("export.jsonl");
        assertThat(anvil("export", "--format", "jsonl", "--output", spooled.toString())).isZero();
        Path history = tmp.resolve("team.db");
        HistoryDatabase.open(history).close();
        // a recorder that could not write left its results beside the history, in the export's format
        Path spool = Files.move(spooled, tmp.resolve("team.db.spool-0b7c9e1a.jsonl"));
        String count = script(name, name.endsWith(".sql") ? "SELECT COUNT(*) AS runs FROM TestRuns"
                : "sql(\"SELECT COUNT(*) AS runs FROM TestRuns\")");

        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("--db", history.toString(), "query", count, "--format", "csv")).isZero();

        assertThat(out.toString()).isEqualTo("runs\n" + runsInHistory() + "\n");
        assertThat(spool).doesNotExist();
    }
}
