package dev.anvil.chart;

import dev.anvil.AnvilException;
import dev.anvil.analysis.AnalysisFilter;
import dev.anvil.analysis.Analyses;
import dev.anvil.analysis.Every;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.synthetic.GeneratorSpec;
import dev.anvil.synthetic.GroundTruth;
import dev.anvil.synthetic.SyntheticHistory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import tech.tablesaw.api.Table;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every chart kind drawn from a real (synthetic) history: a PNG that decodes and is not blank, an
 * SVG that parses as XML without a prolog or DOCTYPE and carries its title, axis titles and legend.
 */
class ChartsTest {
    static Path dir;
    static HistoryDatabase db;
    static Analyses analyses;
    static GroundTruth truth;

    @BeforeAll
    static void generate() throws Exception {
        dir = Files.createTempDirectory("anvil-charts-");
        db = HistoryDatabase.open(dir.resolve("history.db"));
        truth = SyntheticHistory.generate(spec(), db.repository());
        analyses = new Analyses(db);
    }

    /** 60 days of two runs a day in three modes; fixed dates, so the gallery's pictures are reproducible. */
    static GeneratorSpec spec() {
        return GeneratorSpec.of(11, 48, GeneratorSpec.MODES, 120, Duration.ofHours(12))
                .withStart(Instant.parse("2026-09-01T06:00:00Z"));
    }

    @AfterAll
    static void close() throws Exception {
        db.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static Table trend() {
        return analyses.trend(AnalysisFilter.all(), Every.DAY);
    }

    static Table timeline() {
        return analyses.story(seriesOf(GroundTruth.Kind.FLAKY).storyId());
    }

    static Table durationSpread() {
        return analyses.durations(slowerSeries().storyId());
    }

    static GroundTruth.SeriesTruth seriesOf(GroundTruth.Kind kind) {
        return truth.ofKind(kind).get(0);
    }

    static GroundTruth.SeriesTruth slowerSeries() {
        return truth.series().stream().filter(GroundTruth.SeriesTruth::slower).findFirst().orElseThrow();
    }

    /** Parsed as an XML document would be by a browser's or report's parser, refusing any DOCTYPE. */
    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    static BufferedImage decode(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("a decodable PNG").isNotNull();
        return image;
    }

    static Set<Integer> colours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return colours;
    }

    /** The SVG as a valid standalone document whose text holds every expected word. */
    static void assertSvg(Table table, String... words) throws Exception {
        String svg = Charts.svg(table);
        assertThat(svg).startsWith("<svg").doesNotContain("<?xml").doesNotContain("<!DOCTYPE").endsWith("</svg>\n");
        Document doc = parse(svg);
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        String text = doc.getDocumentElement().getTextContent();
        assertThat(text).contains(words);
    }

    @Test
    void aTrendIsALinePerModeInItsIntervalBand() throws Exception {
        Table trend = trend();
        assertThat(Charts.kindOf(trend)).isEqualTo(ChartKind.TREND);
        BufferedImage image = decode(Charts.png(trend));
        assertThat(image.getWidth()).isEqualTo(ChartStyle.WIDTH);
        assertThat(colours(image)).as("lines, bands, text: many colours").hasSizeGreaterThan(50);
        assertSvg(trend, "Pass rate by mode", "95% Wilson interval", "period start (UTC)", "pass rate",
                "copilot-cli", "aura-agents", "story-ui");
    }

    @Test
    void aStoryTimelineIsAStripOfCellsPerModeInOutcomeColours() throws Exception {
        Table story = timeline();
        assertThat(Charts.kindOf(story)).isEqualTo(ChartKind.TIMELINE);
        Set<Integer> colours = colours(decode(Charts.png(story)));
        assertThat(colours).as("passed green and failed red cells")
                .contains(ChartStyle.PASSED.getRGB() & 0xFFFFFF, ChartStyle.FAILED.getRGB() & 0xFFFFFF);
        String id = story.stringColumn("storyId").get(0);
        assertSvg(story, "Story " + id, "outcome, oldest → newest", "mode (pass rate)", "passed", "failed");
    }

    @Test
    void aStorysDurationsAreBoxesPerModeSplitAtTheChangePoint() throws Exception {
        GroundTruth.SeriesTruth slower = slowerSeries();
        Table durations = durationSpread();
        assertThat(Charts.kindOf(durations)).isEqualTo(ChartKind.DURATION_SPREAD);
        assertThat(durations.booleanColumn("afterChange").asList()).contains(true, false);
        decode(Charts.png(durations));
        assertSvg(durations, "Story " + slower.storyId(), "split at its change point", "duration (s)",
                slower.mode() + " before ", slower.mode() + " since ", "median, whiskers (1.5 IQR)");
    }

    @Test
    void durationsOfEveryStoryAreBarsOfMedianAndP90() throws Exception {
        Table durations = analyses.durations();
        assertThat(Charts.kindOf(durations)).isEqualTo(ChartKind.DURATIONS);
        assertThat(Charts.kindOf(analyses.slower())).isEqualTo(ChartKind.DURATIONS);
        decode(Charts.png(durations));
        assertSvg(durations, "Duration of passed runs per story and mode, first 20 of", "story · mode", "duration (s)",
                "median", "90th percentile");
    }

    @Test
    void modesAreBarsPerLanguageWithTheirIntervals() throws Exception {
        Table modes = analyses.modes();
        assertThat(Charts.kindOf(modes)).isEqualTo(ChartKind.MODES);
        assertThat(modes.stringColumn("language").unique().asList()).containsAll(GeneratorSpec.LANGUAGES);
        Set<Integer> colours = colours(decode(Charts.png(modes)));
        assertThat(colours).as("a bar in each mode's colour")
                .contains(ChartStyle.series(0).getRGB() & 0xFFFFFF, ChartStyle.series(1).getRGB() & 0xFFFFFF,
                        ChartStyle.series(2).getRGB() & 0xFFFFFF);
        assertSvg(modes, "Pass rate per mode and language", "x axis: language", "y axis: pass rate", "95% interval",
                "copilot-cli", "aura-agents", "story-ui");
    }

    @Test
    void flakyStoriesArePointsOfPassRateAgainstFlipRate() throws Exception {
        Table flaky = analyses.flaky();
        assertThat(flaky.rowCount()).isGreaterThan(3);
        assertThat(Charts.kindOf(flaky)).isEqualTo(ChartKind.FLAKY);
        decode(Charts.png(flaky));
        assertSvg(flaky, "Flaky stories: pass rate against flip rate", "x axis: flip rate", "y axis: pass rate",
                "95% interval", flaky.stringColumn("mode").get(0));
    }

    @Test
    void twoChartsInOnePageShareNoIdsAndTheSameChartIsTheSameText() {
        String trend = Charts.svg(trend());
        String modes = Charts.svg(analyses.modes());
        java.util.regex.Pattern id = java.util.regex.Pattern.compile("id=\"([^\"]+)\"");
        Set<String> trendIds = id.matcher(trend).results().map(m -> m.group(1)).collect(java.util.stream.Collectors.toSet());
        Set<String> modeIds = id.matcher(modes).results().map(m -> m.group(1)).collect(java.util.stream.Collectors.toSet());
        assertThat(trendIds).isNotEmpty().doesNotContainAnyElementsOf(modeIds);
        assertThat(Charts.svg(trend())).isEqualTo(trend);
    }

    @Test
    void anEmptyAnalysisStillDrawsAChartThatSaysSo() throws Exception {
        Table none = analyses.trend(AnalysisFilter.all().withMode("no-such-mode"), Every.DAY);
        assertThat(Charts.kindOf(none)).isEqualTo(ChartKind.TREND);
        decode(Charts.png(none));
        assertSvg(none, "no counted results");
    }

    @Test
    void plotWritesPngOrSvgByTheExtensionIntoNewFolders(@TempDir Path tmp) throws Exception {
        Path png = Charts.plot(trend(), tmp.resolve("a/b/trend.png"));
        assertThat(decode(Files.readAllBytes(png)).getHeight()).isEqualTo(ChartStyle.HEIGHT);
        Path svg = Charts.plot(trend(), tmp.resolve("trend.SVG"));
        parse(Files.readString(svg));
    }

    @Test
    void aTableThatIsNoChartOrAFileThatIsNoImageIsOneClearError(@TempDir Path tmp) {
        assertThatThrownBy(() -> Charts.plot(analyses.failures(), tmp.resolve("x.png")))
                .isInstanceOf(AnvilException.class)
                .hasMessageStartingWith("plot draws a trend(), story(\"id\"), durations(), durations(\"id\"), modes() or flaky() table")
                .hasMessageContaining("signature");
        assertThatThrownBy(() -> Charts.plot(trend(), tmp.resolve("x.gif")))
                .isInstanceOf(AnvilException.class).hasMessageEndingWith("x.gif: a chart is written as .png or .svg");
        assertThat(tmp.resolve("x.png")).doesNotExist();
    }

    @Test
    void aStoryWithoutDurationsIsAClearError() {
        assertThatThrownBy(() -> analyses.durations("no-such-story"))
                .isInstanceOf(AnvilException.class).hasMessageContaining("story 'no-such-story' has no passed result");
    }

    /**
     * One of each kind as PNG and SVG, into a temporary folder (so the set keeps drawing); the PNGs into
     * {@code -Dchart.gallery=src/site/resources/images} when asked, for the README.
     */
    @Test
    void theGalleryDrawsOneOfEachKind(@TempDir Path tmp) throws Exception {
        String target = System.getProperty("chart.gallery");
        Path out = target == null ? tmp : Path.of(target);
        List<Table> tables = List.of(trend(), timeline(), durationSpread(), analyses.durations(), analyses.modes(),
                analyses.flaky());
        Set<ChartKind> kinds = new HashSet<>();
        for (Table t : tables) {
            ChartKind kind = Charts.kindOf(t);
            kinds.add(kind);
            decode(Files.readAllBytes(Charts.plot(t, out.resolve("chart-" + kind.fileName() + ".png"))));
            parse(Files.readString(Charts.plot(t, tmp.resolve("chart-" + kind.fileName() + ".svg"))));
        }
        assertThat(kinds).containsExactlyInAnyOrder(ChartKind.values());
    }
}
