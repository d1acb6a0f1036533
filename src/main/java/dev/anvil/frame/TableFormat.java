package dev.anvil.frame;

import java.util.Locale;

/** How a table is written out: for people (table, markdown) or for programs (json, csv). */
public enum TableFormat {
    TABLE, JSON, CSV, MARKDOWN;

    public static TableFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new dev.anvil.AnvilException("unknown format '" + text + "': use table, json, csv or markdown");
        }
    }
}
