package dev.anvil.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The console driven through its input stream: the real JShell tool, local execution, the preloads. */
class ConsoleTest {
    @TempDir
    Path tmp;

    private String console(Path db, String input) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Map<String, String> prefs = new HashMap<>();
        int code = Console.run(ShellOptions.of(db), new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                out, out, List.of(), prefs);
        assertThat(code).isZero();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void bannerNamesTheDatabaseAndItsCountsAndPointsToHelp() {
        Path db = GeneratedHistory.path();
        String out = console(db, "/exit\n");
        assertThat(out).startsWith("Anvil console: history " + db.toAbsolutePath().normalize() + "\n")
                .contains("120 runs, 3,600 story results; latest run ")
                .contains("help() lists the preloads");
    }

    @Test
    void preloadsAnswerWithTheHistorysOwnNumbers() {
        String out = console(GeneratedHistory.path(),
                "history.countRuns()\nruns().rowCount()\nresults().rowCount()\n"
                        + "sql(\"SELECT COUNT(*) AS n FROM TestRuns WHERE Mode = ?\", \"story-ui\").intColumn(\"n\").get(0)\n");
        assertThat(out).contains("==> 120\n").contains("==> 3600\n").contains("==> 40\n");
    }

    @Test
    void anAnalysisReturnsRows() {
        String out = console(GeneratedHistory.path(),
                "var t = trend(opts().every(\"week\").mode(\"copilot-cli\"))\nt.rowCount() > 0\n"
                        + "t.stringColumn(\"mode\").unique().asList()\n"
                        + "compare().rowCount() > 0\n");
        assertThat(out).contains("==> true\n").contains("==> [copilot-cli]\n");
        assertThat(out).doesNotContain("Exception").doesNotContain("Error:");
    }

    @Test
    void helpListsEveryPreloadWithAnExample() {
        String out = console(GeneratedHistory.path(), "help()\n");
        for (PreloadHelp.Entry e : PreloadHelp.ENTRIES) {
            assertThat(out).contains(e.name()).contains("e.g. " + e.example());
        }
    }

    @Test
    void indexUsageIsATableEvenWithoutAuraResults() {
        String out = console(GeneratedHistory.path(), "indexUsage().rowCount()\n"
                + "indexUsage().columnNames().contains(\"auraToolRatio\")\n");
        assertThat(out).contains("==> 0\n").contains("==> true\n").doesNotContain("Exception");
    }

    @Test
    void jshellCommandsWorkAsUsersKnowThem() {
        String out = console(GeneratedHistory.path(), "int days = 7\n/vars\n/list\n/imports\n");
        assertThat(out).contains("|    int days = 7");
        assertThat(out).contains("1 : int days = 7;");
        assertThat(out).contains("|    import static dev.anvil.shell.Preloads.*").contains("|    import tech.tablesaw.api.*");
    }

    @Test
    void aBadSnippetIsReportedAndTheConsoleCarriesOn() {
        String out = console(GeneratedHistory.path(), "String s = 1;\nstory(\"no-such-story\")\n1 + 41\n");
        assertThat(out).contains("incompatible types").contains("unknown story 'no-such-story'").contains("==> 42");
    }

    @Test
    void startsOnAnEmptyHistory() {
        String out = console(tmp.resolve("new/empty.db"), "runs().rowCount()\n");
        assertThat(out).contains("0 runs, 0 story results").contains("==> 0");
    }
}
