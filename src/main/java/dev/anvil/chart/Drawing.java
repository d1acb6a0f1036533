package dev.anvil.chart;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Builds the XChart chart of a table's kind and encodes it: PNG with Java2D, SVG with VectorGraphics2D. */
final class Drawing {
    static {
        // Off-screen only: no display is needed, and none should be opened behind a console or notebook.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Drawing() {
    }

    static Chart<?, ?> chart(Table table, ChartKind kind) {
        switch (kind) {
            case TREND: return TrendChart.of(table);
            case TIMELINE: return TimelineChart.of(table);
            case DURATION_SPREAD: return DurationSpreadChart.of(table);
            case DURATIONS: return DurationBarsChart.of(table);
            case MODES: return ModesChart.of(table);
            case FLAKY: return FlakyChart.of(table);
            default: throw new IllegalArgumentException(kind.name());
        }
    }

    static byte[] png(Table table, ChartKind kind) {
        Chart<?, ?> chart = chart(table, kind);
        BufferedImage image = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            chart.paint(g, chart.getWidth(), chart.getHeight());
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("this Java has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String svg(Table table, ChartKind kind) {
        Chart<?, ?> chart = chart(table, kind);
        VectorGraphics2D g = new VectorGraphics2D();
        chart.paint(g, chart.getWidth(), chart.getHeight());
        Document document = new SVGProcessor().getDocument(g.getCommands(),
                new PageSize(0, 0, chart.getWidth(), chart.getHeight()));
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            document.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SvgText.of(out.toString(StandardCharsets.UTF_8), chart);
    }
}
