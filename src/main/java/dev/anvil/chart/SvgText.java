package dev.anvil.chart;

import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.Series;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Makes VectorGraphics2D's SVG document fit to be pasted into a page: only the {@code <svg>}
 * element (no XML declaration, no DOCTYPE whose external DTD a parser would fetch); clip-path ids
 * that are the same for the same chart and differ between charts (VectorGraphics2D numbers them at
 * random, and two charts in one page must not share one); coordinates to 1/100 pixel (a third of
 * the size); and, because XChart draws every letter as an outline, the chart's words as a
 * {@code <title>} and a {@code <desc>}: what screen readers, search and tests read.
 */
final class SvgText {
    private static final Pattern CLIP_ID = Pattern.compile("clip\\d+");
    private static final Pattern LONG_DECIMAL = Pattern.compile("(-?\\d+\\.\\d{2})\\d+");

    private SvgText() {
    }

    static String of(String document, Chart<?, ?> chart) {
        int start = document.indexOf("<svg");
        int open = start < 0 ? -1 : document.indexOf('>', start);
        if (open < 0) {
            throw new IllegalStateException("the SVG writer wrote no <svg> element");
        }
        String svg = LONG_DECIMAL.matcher(document.substring(start).strip()).replaceAll("$1");
        String prefix = "anvil" + Integer.toHexString(CLIP_ID.matcher(svg).replaceAll("clip").hashCode()) + "-";
        Matcher ids = CLIP_ID.matcher(svg);
        svg = ids.replaceAll(m -> prefix + m.group());
        int tagEnd = svg.indexOf('>') + 1;
        return svg.substring(0, tagEnd) + "\n  <title>" + escape(chart.getTitle()) + "</title>\n  <desc>"
                + escape(description(chart)) + "</desc>" + svg.substring(tagEnd) + "\n";
    }

    static String description(Chart<?, ?> chart) {
        List<String> legend = chart.getSeriesMap().values().stream().filter(Series::isShowInLegend)
                .map(Series::getName).collect(Collectors.toList());
        return String.format(Locale.ROOT, "x axis: %s; y axis: %s; legend: %s", chart.getXAxisTitle(),
                chart.getYAxisTitle(), String.join(", ", legend));
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
