package dev.anvil.frame;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.time.Instant;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class CompactTableTest {
    private static final String RUN_ID = "842f0737-5c8d-4db1-9abd-88e7fff97d94";
    private static final String REVISION = "0de630cf0ce207ecddafd4c7257451869c9eacd6";

    /** A regressions-like table: ids, revisions, instants, rates and p-values as the analyses write them. */
    private static Table regressions(int rows) {
        return Table.create("regressions",
                StringColumn.create("storyId", IntStream.range(0, rows).mapToObj(i -> "story-" + i).toArray(String[]::new)),
                StringColumn.create("mode", IntStream.range(0, rows).mapToObj(i -> "copilot-cli").toArray(String[]::new)),
                StringColumn.create("firstFailingRunId", IntStream.range(0, rows).mapToObj(i -> RUN_ID).toArray(String[]::new)),
                InstantColumn.create("changedAt", IntStream.range(0, rows).mapToObj(i -> Instant.parse("2026-11-24T22:00:00Z")).toArray(Instant[]::new)),
                StringColumn.create("sutRevision", IntStream.range(0, rows).mapToObj(i -> REVISION).toArray(String[]::new)),
                DoubleColumn.create("passRateBefore", IntStream.range(0, rows).mapToDouble(i -> 0.9473684210526315).toArray()),
                IntColumn.create("runsAfter", IntStream.range(0, rows).toArray()),
                DoubleColumn.create("pValue", IntStream.range(0, rows).mapToDouble(i -> 0.00000091144649453578).toArray()));
    }

    @Test
    void cellsAreShortenedIdsToEightRevisionsToTenRatesToThreeDecimalsPValuesScientific() {
        String text = CompactTable.render(regressions(2), 200, 20, "t");

        assertThat(text).contains("842f0737 ", "0de630cf0c ", "2026-11-24 22:00", "0.947", "9.1e-07")
                .doesNotContain(RUN_ID).doesNotContain(REVISION).doesNotContain("0.9473684");
        assertThat(text.lines().findFirst()).contains("regressions · 2 rows × 8 columns");
    }

    @Test
    void theTableKeepsItsFullValues() {
        Table t = regressions(1);
        CompactTable.render(t, 80, 20, "t");

        assertThat(t.stringColumn("firstFailingRunId").get(0)).isEqualTo(RUN_ID);
        assertThat(TableWriter.toString(t, TableFormat.CSV)).contains(RUN_ID, REVISION, "9.1144649453578E-7");
    }

    @Test
    void noLineIsLongerThanTheWidthAndColumnsThatDoNotFitAreNamed() {
        for (int width : new int[] {40, 80, 120, 200}) {
            String text = CompactTable.render(regressions(3), width, 20, "t");

            assertThat(text.lines()).as("width %d", width).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(width));
            assertThat(text).contains("story-0", "story-2");
        }
        String narrow = CompactTable.render(regressions(3), 80, 20, "t");
        assertThat(narrow.lines().reduce((a, b) -> b)).hasValueSatisfying(last ->
                assertThat(last).startsWith("… ").contains("more columns: ").endsWith("pValue"));
        assertThat(CompactTable.render(regressions(3), 200, 20, "t")).doesNotContain("more column");
    }

    @Test
    void atMostMaxRowsWithALineSayingHowManyMoreAndHowToSeeThem() {
        String text = CompactTable.render(regressions(57), 200, 20, "flakes");

        assertThat(text).contains("story-0", "story-19").doesNotContain("story-20 ");
        assertThat(text).contains("… 37 more rows: show(flakes) or flakes.print(100)");
        assertThat(text.lines().count()).isEqualTo(1 + 1 + 20 + 1);
    }

    @Test
    void longTextIsCutWithAnEllipsis() {
        String message = "AssertionError: expected the login form to show an error message but it redirected to /home";
        Table t = Table.create("failures", StringColumn.create("example", message), IntColumn.create("count", new int[] {3}));

        String text = CompactTable.render(t, 200, 20, "t");

        assertThat(text).contains(message.substring(0, CompactCells.MAX_TEXT - 1) + "…").doesNotContain(message);
    }

    @Test
    void anEmptyTableSaysSo() {
        assertThat(CompactTable.render(regressions(0), 120, 20, "t")).isEqualTo("regressions · 0 rows × 8 columns\n(no rows)\n");
    }
}
