package dev.anvil.shell;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsoleValuesTest {
    private final Table flaky = Table.create("flaky", StringColumn.create("storyId", "auth-008", "parser-010"),
            DoubleColumn.create("passRate", 0.4615384615, 0.25));

    @AfterEach
    void defaults() {
        ConsoleValues.maxRows(ConsoleValues.DEFAULT_ROWS);
        ConsoleValues.width(0);
    }

    @Test
    void aTableValueStartsWithItsTitleOnTheArrowLineAndShowsItsRowsBelow() {
        ConsoleValues.width(60);

        String text = ConsoleValues.text(flaky, "t");

        assertThat(text).startsWith("flaky · 2 rows × 2 columns\n").contains("auth-008", "parser-010", "0.462")
                .doesNotContain("0.4615384615");
        assertThat(text.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(60));
    }

    @Test
    void tablesawsPrintoutIsShownAsTheTableItDrawsNotAsAnEscapedString() {
        String printout = flaky.print();

        assertThat(ConsoleValues.isTablePrintout(printout)).isTrue();
        assertThat(ConsoleValues.text(printout, "$1")).isEqualTo("\n" + printout.stripTrailing());
        assertThat(ConsoleValues.text("a\nb", "$2")).as("other strings as JShell shows them").isNull();
        assertThat(ConsoleValues.text("----", "$3")).isNull();
    }

    @Test
    void rowsAndWidthAreSettingsWithLimits() {
        ConsoleValues.maxRows(1);
        assertThat(ConsoleValues.text(flaky, "t")).contains("auth-008").doesNotContain("parser-010").contains("… 1 more row: show(t)");

        assertThatThrownBy(() -> ConsoleValues.maxRows(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> ConsoleValues.width(5)).hasMessageContaining("at least 20");
    }
}
