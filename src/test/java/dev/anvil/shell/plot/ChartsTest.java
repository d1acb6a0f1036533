package dev.anvil.shell.plot;

import dev.anvil.AnvilException;
import dev.anvil.analysis.AnalysisFilter;
import dev.anvil.analysis.Analyses;
import dev.anvil.analysis.Every;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.shell.GeneratedHistory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pictures: each analysis table draws as a real PNG (decodable, not blank) and as SVG. */
class ChartsTest {
    @TempDir
    Path tmp;
    static HistoryDatabase db;
    static Analyses analyses;

    @BeforeAll
    static void open() {
        db = HistoryDatabase.open(GeneratedHistory.path());
        analyses = new Analyses(db);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static long distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    @Test
    void trendDrawsEveryModeWithItsBandAsPngAndSvg() throws Exception {
        Table trend = analyses.trend(AnalysisFilter.all(), Every.DAY);
        assertThat(Charts.kindOf(trend)).isEqualTo("trend");
        Path png = Charts.plot(trend, tmp.resolve("t.png"));
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(Charts.WIDTH);
        assertThat(distinctColours(image)).isGreaterThan(10);
        String svg = Files.readString(Charts.plot(trend, tmp.resolve("t.svg")));
        assertThat(svg).startsWith("<svg").endsWith("</svg>\n").contains("copilot-cli").contains("aura-agents")
                .contains("story-ui").contains("<polygon").contains("<polyline");
    }

    @Test
    void durationsDrawTheirMediansAndP90() throws Exception {
        Table durations = analyses.durations();
        assertThat(Charts.kindOf(durations)).isEqualTo("durations");
        String svg = Files.readString(Charts.plot(durations, tmp.resolve("d.svg")));
        assertThat(svg).contains("medianMs").contains("p90Ms").contains(durations.stringColumn("storyId").get(0));
        assertThat(ImageIO.read(Charts.plot(durations, tmp.resolve("d.png")).toFile())).isNotNull();
    }

    @Test
    void aStoryTimelineHasOneCellPerOutcome() throws Exception {
        String id = GeneratedHistory.truth().series().get(0).storyId();
        Table story = analyses.story(id);
        assertThat(Charts.kindOf(story)).isEqualTo("story");
        String svg = Files.readString(Charts.plot(story, tmp.resolve("s.svg")));
        int cells = story.stringColumn("timeline").asList().stream().mapToInt(t -> t.codePointCount(0, t.length())).sum();
        long rects = svg.lines().filter(l -> l.startsWith("<rect x=")).count();
        assertThat(rects).isGreaterThanOrEqualTo(cells);
        assertThat(svg).contains("Story " + id);
    }

    @Test
    void aTableThatIsNoPictureAndABadExtensionAreClearErrors() {
        Table other = Table.create("x");
        assertThatThrownBy(() -> Charts.plot(other, tmp.resolve("x.png")))
                .isInstanceOf(AnvilException.class).hasMessageContaining("plot draws a trend(), durations() or story");
        assertThatThrownBy(() -> Charts.plot(analyses.trend(), tmp.resolve("x.gif")))
                .isInstanceOf(AnvilException.class).hasMessageContaining(".png or .svg");
    }
}
