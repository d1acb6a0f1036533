package dev.anvil.kernel;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TableHtmlTest {

    private static Table stories(int rows) {
        return Table.create("t",
                StringColumn.create("storyId", IntStream.range(0, rows).mapToObj(i -> "story-" + i).toArray(String[]::new)),
                IntColumn.create("runs", IntStream.range(0, rows).toArray()),
                DoubleColumn.create("passRate", IntStream.range(0, rows).mapToDouble(i -> i / 3.0).toArray()));
    }

    @Test
    void aTableBecomesAnHtmlTableWithAHeaderRowAndOneRowPerRecord() {
        String html = TableHtml.html(stories(3), 50);

        assertThat(html).contains("<table>", "<thead>", "<th>storyId</th><th>runs</th><th>passRate</th>", "</table>");
        assertThat(html.split("<tr>", -1)).hasSize(1 + 1 + 3);
        assertThat(html).contains("<td>story-2</td>", "<td style=\"text-align:right\" title=\"0.6666666666666666\">0.667</td>");
        assertThat(html).contains("3 rows × 3 columns").doesNotContain("more rows");
    }

    @Test
    void aLongTableIsCutAtTheLimitWithANoteSayingHowManyRowsAreLeftOut() {
        Table long120 = stories(120);

        String html = TableHtml.html(long120, 50);
        String text = TableHtml.text(long120, 50);

        assertThat(html.split("<tr>", -1)).hasSize(1 + 1 + 50);
        assertThat(html).contains("story-49").doesNotContain("story-50<").contains("… 70 more rows (120 rows × 3 columns)");
        assertThat(text).contains("story-49").doesNotContain("story-50").contains("… 70 more rows");
        assertThat(text.lines().count()).isEqualTo(1 + 50 + 1);
    }

    @Test
    void cellsReadAsInTheConsoleWithTheFullValueInTheirTitle() {
        String runId = "842f0737-5c8d-4db1-9abd-88e7fff97d94";
        String revision = "0de630cf0ce207ecddafd4c7257451869c9eacd6";
        String message = "expected the login form to show an error message but it redirected to /home";
        Table t = Table.create("regressions", StringColumn.create("firstFailingRunId", runId),
                StringColumn.create("sutRevision", revision), StringColumn.create("message", message),
                DoubleColumn.create("pValue", 0.00000091144649453578), IntColumn.create("runs", new int[] {12}));

        String html = TableHtml.html(t, 50);

        assertThat(html).contains("<td title=\"" + runId + "\">842f0737</td>",
                "<td title=\"" + revision + "\">0de630cf0c</td>",
                "<td title=\"" + message + "\">expected the login form to show an erro…</td>",
                "<td style=\"text-align:right\" title=\"9.1144649453578E-7\">9.1e-07</td>",
                "<td style=\"text-align:right\">12</td>");
    }

    @Test
    void cellTextIsEscapedSoDataCannotInjectMarkup() {
        Table t = Table.create("t", StringColumn.create("error<script>", "<img src=x onerror=alert(1)> & \"q\""));

        String html = TableHtml.html(t, 50);

        assertThat(html).doesNotContain("<script>").doesNotContain("<img")
                .contains("error&lt;script&gt;", "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;");
    }

    @Test
    void missingValuesAreEmptyCells() {
        Table t = Table.create("t", StringColumn.create("a", new String[] {null}), DoubleColumn.create("b", Double.NaN));

        assertThat(TableHtml.html(t, 50)).contains("<tr><td></td><td style=\"text-align:right\"></td></tr>");
    }
}
