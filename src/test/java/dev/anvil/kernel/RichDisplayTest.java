package dev.anvil.kernel;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class RichDisplayTest {

    @Test
    void aTableIsShownAsHtmlAndAsText() {
        Table t = Table.create("t", IntColumn.create("runs", 1, 2));

        DisplayData data = RichDisplay.of(t, "[ignored]", 50);

        assertThat((String) data.getData(MIMEType.TEXT_HTML)).contains("<table>", "<th>runs</th>");
        assertThat((String) data.getData(MIMEType.TEXT_PLAIN)).contains("runs", "2 rows × 1 column");
    }

    @Test
    void aPngChartIsShownAsABase64Image(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("trend.png");
        ImageIO.write(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB), "png", png.toFile());

        DisplayData data = RichDisplay.of(png, png.toString(), 50);

        byte[] decoded = Base64.getDecoder().decode((String) data.getData(MIMEType.IMAGE_PNG));
        assertThat(decoded).isEqualTo(Files.readAllBytes(png));
        assertThat((String) data.getData(MIMEType.TEXT_PLAIN)).isEqualTo(png.toString());
    }

    @Test
    void anSvgChartIsShownAsSvg(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("trend.svg");
        Files.writeString(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\" height=\"1\"/></svg>");

        DisplayData data = RichDisplay.of(svg, svg.toString(), 50);

        assertThat((String) data.getData(MIMEType.IMAGE_SVG)).startsWith("<svg").contains("<rect");
    }

    @Test
    void otherValuesAreShownAsJShellShowsThemAndStatementsShowNothing(@TempDir Path dir) {
        assertThat(RichDisplay.of(42, "42", 50).getData(MIMEType.TEXT_PLAIN)).isEqualTo("42");
        assertThat(RichDisplay.of(dir.resolve("notes.txt"), "\"notes.txt\"", 50).getData(MIMEType.TEXT_PLAIN))
                .isEqualTo("\"notes.txt\"");
        assertThat(RichDisplay.of(null, "", 50)).isNull();
    }
}
