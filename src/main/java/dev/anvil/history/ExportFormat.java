package dev.anvil.history;

import dev.anvil.AnvilException;

import java.nio.file.Path;
import java.util.Locale;

/** The forms of a history export: one JSON document, JSON Lines (a run per line), or CSV (a result per row). */
public enum ExportFormat {
    JSON, JSONL, CSV;

    public static ExportFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AnvilException("unknown export format '" + text + "': use json, jsonl or csv");
        }
    }

    /** The format a file name says, or null when its extension says nothing. */
    public static ExportFormat fromFileName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return JSONL;
        }
        if (name.endsWith(".json")) {
            return JSON;
        }
        if (name.endsWith(".csv")) {
            return CSV;
        }
        return null;
    }
}
