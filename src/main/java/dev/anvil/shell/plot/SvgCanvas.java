package dev.anvil.shell.plot;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The same drawing as SVG text: scalable, small, and shown inline by Jupyter and browsers. */
final class SvgCanvas implements Canvas {
    private final StringBuilder svg = new StringBuilder();

    SvgCanvas(int width, int height) {
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
                width, height, width, height));
    }

    private static String rgb(Color c) {
        return String.format(Locale.ROOT, "rgb(%d,%d,%d)", c.getRed(), c.getGreen(), c.getBlue());
    }

    private static String opacity(Color c) {
        return c.getAlpha() == 255 ? "" : String.format(Locale.ROOT, " fill-opacity=\"%.3f\"", c.getAlpha() / 255.0);
    }

    private static String points(double[] xs, double[] ys) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", xs[i], ys[i]));
        }
        return sb.toString().trim();
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Color color, double width) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"/>%n",
                x1, y1, x2, y2, rgb(color), width));
    }

    @Override
    public void polyline(double[] xs, double[] ys, Color color, double width) {
        svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\" "
                + "stroke-linejoin=\"round\"/>%n", points(xs, ys), rgb(color), width));
    }

    @Override
    public void polygon(double[] xs, double[] ys, Color fill) {
        svg.append(String.format(Locale.ROOT, "<polygon points=\"%s\" fill=\"%s\"%s/>%n", points(xs, ys), rgb(fill), opacity(fill)));
    }

    @Override
    public void rect(double x, double y, double w, double h, Color fill) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"%s/>%n",
                x, y, w, h, rgb(fill), opacity(fill)));
    }

    @Override
    public void text(double x, double y, String text, double size, Color color, String anchor) {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\" fill=\"%s\" text-anchor=\"%s\">%s</text>%n",
                x, y, size, rgb(color), anchor, escaped));
    }

    void write(Path file) throws IOException {
        Files.writeString(file, svg + "</svg>\n", StandardCharsets.UTF_8);
    }
}
