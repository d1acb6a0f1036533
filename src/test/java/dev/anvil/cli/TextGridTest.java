package dev.anvil.cli;

import dev.anvil.frame.TableFormat;
import dev.anvil.frame.TableWriter;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TextGridTest {

    @Test
    void printsExactlyWhatTableWriterPrintsForTheSameTable() {
        TextGrid grid = new TextGrid("t")
                .column("id", TextGrid.Kind.TEXT)
                .column("when", TextGrid.Kind.INSTANT)
                .column("a long name", TextGrid.Kind.INTEGER)
                .column("n", TextGrid.Kind.INTEGER)
                .column("note", TextGrid.Kind.TEXT);
        grid.row("abc", Instant.parse("2026-11-27T06:00:00.123Z"), 1, 123456, "short");
        grid.row("a-much-longer-id", null, null, -5, "");
        grid.row("x", Instant.parse("1999-01-01T00:00:00Z"), 42, 0, "a note with\na line break");

        assertThat(text(grid)).isEqualTo(TableWriter.toString(grid.toTable(), TableFormat.TABLE));
    }

    @Test
    void anEmptyGridPrintsWhatTableWriterPrintsForAnEmptyTable() {
        TextGrid grid = new TextGrid("t").column("id", TextGrid.Kind.TEXT);
        assertThat(text(grid)).isEqualTo(TableWriter.toString(grid.toTable(), TableFormat.TABLE)).isEqualTo("(no rows)\n");
    }

    private static String text(TextGrid grid) {
        StringWriter s = new StringWriter();
        grid.writeText(new PrintWriter(s));
        return s.toString();
    }
}
