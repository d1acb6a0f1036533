package dev.anvil.kernel;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;

/**
 * The output bundle of a cell's value: a Tablesaw {@link Table} as {@code text/html} and
 * {@code text/plain}; a chart written by {@code plot(...)} (a path to a {@code .png} or
 * {@code .svg}) as {@code image/png} or {@code image/svg+xml}; anything else as JShell shows it.
 */
final class RichDisplay {
    private RichDisplay() {
    }

    /** Null when the cell has nothing to show (a statement, a void call). */
    static DisplayData of(Object value, String valueText, int maxRows) {
        if (value instanceof Table) {
            Table table = (Table) value;
            DisplayData data = new DisplayData(TableHtml.text(table, maxRows));
            data.putHTML(TableHtml.html(table, maxRows));
            return data;
        }
        if (value instanceof Path) {
            DisplayData chart = chart((Path) value);
            if (chart != null) {
                return chart;
            }
        }
        if (value == null && (valueText == null || valueText.isEmpty())) {
            return null;
        }
        return new DisplayData(valueText != null ? valueText : String.valueOf(value));
    }

    private static DisplayData chart(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(file) || !(name.endsWith(".png") || name.endsWith(".svg"))) {
            return null;
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            DisplayData data = new DisplayData(file.toString());
            if (name.endsWith(".png")) {
                data.putData(MIMEType.IMAGE_PNG, Base64.getEncoder().encodeToString(bytes));
            } else {
                data.putSVG(new String(bytes, StandardCharsets.UTF_8));
            }
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read chart " + file + ": " + e.getMessage(), e);
        }
    }
}
