package dev.anvil.frame;

import dev.anvil.history.Timestamps;

import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The short form of a value for people reading a table on a screen: run ids to 8 characters,
 * revisions to 10, instants to the minute, rates to 3 decimals, p-values in scientific form, long
 * text cut with {@code …}. One rule set for the console and the notebooks' HTML tables; JSON, CSV
 * and the table itself keep the full values ({@link TextLayout#cell}).
 */
public final class CompactCells {
    /** Text longer than this is cut (the width fitting may cut it shorter). */
    public static final int MAX_TEXT = 40;
    static final int ID_LENGTH = 8;
    static final int REVISION_LENGTH = 10;

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** A git object name: 40 (SHA-1) or 64 (SHA-256) hex digits. */
    private static final Pattern REVISION = Pattern.compile("[0-9a-fA-F]{40}|[0-9a-fA-F]{64}");

    private CompactCells() {
    }

    /** The short form of {@code value} in the column {@code column}; "" for a missing value. */
    public static String cell(String column, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Instant) {
            return Timestamps.format((Instant) value).substring(0, 16).replace('T', ' ');
        }
        if (value instanceof Double || value instanceof Float) {
            return number(column, ((Number) value).doubleValue());
        }
        String text = String.valueOf(value);
        if (UUID.matcher(text).matches()) {
            return text.substring(0, ID_LENGTH);
        }
        if (REVISION.matcher(text).matches()) {
            return text.substring(0, REVISION_LENGTH);
        }
        return cut(text.replace("\r\n", " ").replace('\n', ' ').replace('\t', ' '), MAX_TEXT);
    }

    /** Whether the short form of {@code value} differs from its full form (a notebook then puts the full one in a tooltip). */
    public static boolean isShortened(String column, Object value) {
        return value != null && !(value instanceof Double || value instanceof Float || value instanceof Instant)
                && !cell(column, value).equals(String.valueOf(value));
    }

    static String number(String column, double d) {
        if (Double.isNaN(d)) {
            return "";
        }
        if (isPValue(column)) {
            return d == 0 ? "0" : String.format(Locale.ROOT, "%.1e", d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.valueOf((long) d);
        }
        return String.format(Locale.ROOT, "%.3f", d);
    }

    /** p-values (and q-values) read in scientific form: 9.1e-07, not 0.000. */
    static boolean isPValue(String column) {
        String c = column.toLowerCase(Locale.ROOT);
        return c.equals("p") || c.equals("q") || c.contains("pvalue") || c.contains("p_value") || c.contains("qvalue");
    }

    /** {@code text} cut to {@code width} characters, the last one an ellipsis when cut. */
    public static String cut(String text, int width) {
        if (text.length() <= width) {
            return text;
        }
        return width <= 1 ? "…".substring(0, Math.max(0, width)) : text.substring(0, width - 1) + "…";
    }
}
