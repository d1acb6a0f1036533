package dev.anvil.chart;

import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Locale;
import java.util.TimeZone;

/** One look for every chart: white ground, readable sans-serif text, a colour per mode, outcomes in traffic colours. */
final class ChartStyle {
    static final int WIDTH = 960;
    static final int HEIGHT = 480;

    static final Color INK = new Color(33, 37, 41);
    static final Color MUTED = new Color(95, 99, 104);
    static final Color GRID = new Color(230, 232, 235);
    static final Color PASSED = new Color(46, 160, 67);
    static final Color FAILED = new Color(207, 34, 46);
    static final Color ERROR = new Color(110, 118, 129);
    static final Color SKIPPED = new Color(208, 215, 222);

    /** Colour-blind-safe (Okabe-Ito), in the order modes are met. */
    static final Color[] SERIES = {
            new Color(0, 114, 178), new Color(230, 159, 0), new Color(0, 158, 115), new Color(204, 121, 167),
            new Color(86, 180, 233), new Color(213, 94, 0), new Color(120, 94, 240), new Color(64, 64, 64)};

    private static final String FAMILY = Font.SANS_SERIF;

    private ChartStyle() {
    }

    /** The shipped modes keep their colour in every chart; another mode gets one by its name. */
    private static final java.util.List<String> KNOWN_MODES = java.util.List.of("copilot-cli", "aura-agents", "story-ui");

    static Color mode(String mode) {
        int known = KNOWN_MODES.indexOf(mode);
        return series(known >= 0 ? known : KNOWN_MODES.size() + Math.floorMod(mode.hashCode(), SERIES.length - KNOWN_MODES.size()));
    }

    static Color series(int i) {
        return SERIES[i % SERIES.length];
    }

    static Color translucent(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    static Color lighter(Color c) {
        return new Color((c.getRed() + 2 * 255) / 3, (c.getGreen() + 2 * 255) / 3, (c.getBlue() + 2 * 255) / 3);
    }

    static <S extends AxesChartStyler> S apply(S s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setChartFontColor(INK);
        s.setChartTitleFont(new Font(FAMILY, Font.BOLD, 17));
        s.setChartTitleBoxVisible(false);
        s.setChartTitlePadding(10);
        s.setChartPadding(14);
        s.setBaseFont(new Font(FAMILY, Font.PLAIN, 13));
        s.setLegendFont(new Font(FAMILY, Font.PLAIN, 13));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendBackgroundColor(Color.WHITE);
        s.setLegendPadding(8);
        s.setSeriesColors(SERIES);
        s.setAxisTitleFont(new Font(FAMILY, Font.PLAIN, 14));
        s.setAxisTickLabelsFont(new Font(FAMILY, Font.PLAIN, 12));
        s.setAxisTickLabelsColor(MUTED);
        s.setAxisTickMarksColor(MUTED);
        s.setAxisTitlePadding(8);
        s.setPlotGridLinesColor(GRID);
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setLocale(Locale.ROOT);
        s.setTimezone(TimeZone.getTimeZone("UTC"));
        s.setAnnotationTextFont(new Font(FAMILY, Font.PLAIN, 11));
        s.setAnnotationTextFontColor(INK);
        return s;
    }

    /** {@code text} cut to {@code max} characters with an ellipsis. */
    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
