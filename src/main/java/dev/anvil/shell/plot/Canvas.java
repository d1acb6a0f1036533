package dev.anvil.shell.plot;

import java.awt.Color;

/** The few drawing operations a chart needs, so one drawing makes a PNG (Java2D) or an SVG (text). */
interface Canvas {
    void line(double x1, double y1, double x2, double y2, Color color, double width);

    void polyline(double[] xs, double[] ys, Color color, double width);

    /** A filled polygon (an interval band). */
    void polygon(double[] xs, double[] ys, Color fill);

    void rect(double x, double y, double w, double h, Color fill);

    /** Text with its baseline at {@code y}; {@code anchor} is start, middle or end. */
    void text(double x, double y, String text, double size, Color color, String anchor);
}
