package dev.anvil.report;

import dev.anvil.cli.Cli;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.testing.Chromium;
import dev.anvil.testing.TestHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import javax.imageio.ImageIO;
import javax.xml.parsers.SAXParserFactory;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The report as people see it: opened from disk in a real headless Chromium, with no network. */
class ReportInBrowserTest {

    @TempDir
    Path tmp;

    @Test
    void showsTheRunItsRegressionItsFlakyStoryAndTheTrendInABrowser() throws Exception {
        TestHistory h = TestHistory.create(tmp);
        String runId = ReportHistories.regressionAndFlaky(h, tmp.resolve("logs"));
        h.database().close();
        Path html = tmp.resolve("out/report.html");

        Cli.Outcome run = Cli.run("report", "--db", h.path().toString(), "--output", html.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("wrote " + html.toAbsolutePath());
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertWellFormedXml(html);
        assertThat(page).doesNotContainPattern("(?i)(src|href)=\"(https?:)?//"); // nothing from the network

        Chromium chromium = new Chromium(Files.createDirectories(tmp.resolve("chromium")));
        Path png = chromium.screenshot(html.toUri().toString(), tmp.resolve("report.png"), 1280, 1600);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(distinctColours(image)).as("a rendered page, not a blank one").isGreaterThan(50);

        String dom = text(chromium.dumpDom(html.toUri().toString()));
        // the run summary
        assertThat(dom).contains("Run summary", "Run " + runId.substring(0, 8) + " · copilot-cli · nightly",
                "ci-runner-7", "rev-bad", "Pass rate", "33.3%");
        assertThat(section(dom, "Newly failing (1)", "Newly passing (0)")).contains("flaky-cache");
        // every story, failing first, with expectations, the log's end, the worktree and generated files
        assertThat(dom.indexOf("parse-config")).isLessThan(dom.indexOf("add-endpoint"));
        assertThat(dom).contains("3 of 41 tests failed: test_nested_keys, test_empty, test_unicode <&>",
                "KeyError: 'db'", "/var/anvil/worktrees/parse-config", "src/config.py");
        assertThat(dom).contains("3 of 3 stories shown"); // the filter's script ran
        // the history: the regression with its culprit run and revision, the flaky story, the trend chart
        assertThat(section(dom, "Open regressions (1)", "Fixes")).contains("parse-config", "rev-bad", "passed 100.0% of 12 before");
        assertThat(section(dom, "Flaky stories (1)", "Slowest stories")).contains("flaky-cache");
        assertThat(section(dom, "Pass-rate trend", "Open regressions"))
                .contains("Pass rate by mode, shaded: 95% Wilson interval", "y axis: pass rate", "legend: copilot-cli");
        assertThat(dom).contains("Index usage", "semantic 7 of 9 discovery calls");
    }

    @Test
    void theFilterBoxWorksOfflineOnAThousandStories() throws Exception {
        TestHistory h = TestHistory.create(tmp);
        ReportHistories.bigRun(h.repository(), 1000, TestHistory.START);
        Path html = tmp.resolve("big.html");
        RunReport.write(h.jdbi(), "big.db", null, null, html);
        assertThat(Files.size(html)).isLessThan(5_000_000);
        assertWellFormedXml(html);

        Chromium chromium = new Chromium(Files.createDirectories(tmp.resolve("chromium")));
        String all = text(chromium.dumpDom(html.toUri().toString()));
        assertThat(all).contains("Stories (1000)", "1000 of 1000 stories shown");
        String filtered = text(chromium.dumpDom(html.toUri() + "#q=story-0993"));
        assertThat(filtered).contains("1 of 1000 stories shown");
    }

    @Test
    void anEmptyHistoryGivesAPageThatSaysSo() throws Exception {
        TestHistory h = TestHistory.create(tmp);
        Path html = tmp.resolve("empty.html");
        Cli.Outcome run = Cli.run("report", "--db", h.path().toString(), "-o", html.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertWellFormedXml(html);
        String dom = text(new Chromium(Files.createDirectories(tmp.resolve("chromium"))).dumpDom(html.toUri().toString()));
        assertThat(dom).contains("No runs recorded yet", "anvil record");
    }

    @Test
    void aSingleRunHasNoPreviousRunAndNoBaseline() throws Exception {
        TestHistory h = TestHistory.create(tmp);
        h.run("copilot-cli", TestHistory.START, java.util.List.of(TestHistory.passed("only-story"),
                TestHistory.failed("other", "boom")));
        Path html = tmp.resolve("one.html");
        RunReport.write(h.jdbi(), "one.db", "latest", "30d", html);
        assertWellFormedXml(html);
        String page = text(Files.readString(html));
        assertThat(page).contains("first run of the mode", "No completed runs of the mode", "only-story", "50.0%");
    }

    @Test
    void anUnknownRunIsAUsageError() {
        TestHistory h = TestHistory.create(tmp);
        h.run("copilot-cli", TestHistory.START, java.util.List.of(TestHistory.passed("a")));
        Cli.Outcome run = Cli.run("report", "zzzz", "--db", h.path().toString(), "-o", tmp.resolve("x.html").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("anvil: unknown run 'zzzz'");
        assertThat(tmp.resolve("x.html")).doesNotExist();
    }

    static void assertWellFormedXml(Path html) throws Exception {
        SAXParserFactory f = SAXParserFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        try {
            f.newSAXParser().parse(html.toFile(), new DefaultHandler());
        } catch (SAXException e) {
            throw new AssertionError(html + " is not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** The page's text: tags dropped, entities and white space as a reader sees them. */
    static String text(String markup) {
        String body = markup.replaceAll("(?s)<(script|style)[^>]*>.*?</\\1>", " ");
        body = body.replaceAll("<[^>]+>", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&nbsp;", " ").replace("&amp;", "&");
        return body.replaceAll("\\s+", " ");
    }

    private static String section(String text, String from, String to) {
        int start = text.indexOf(from);
        assertThat(start).as("section '" + from + "' in the page").isGreaterThanOrEqualTo(0);
        int end = text.indexOf(to, start + from.length());
        return text.substring(start, end < 0 ? text.length() : end);
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
