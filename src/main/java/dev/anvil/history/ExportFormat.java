package dev.anvil.history;

import dev.anvil.AnvilException;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The forms of a history export: one JSON document, JSON Lines (a run per line), or CSV (a result
 * per row); and JUnit XML, which holds one run (for CI test reporters) and is read back as a report.
 */
public enum ExportFormat {
    JSON, JSONL, CSV, JUNIT;

    public static ExportFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AnvilException("unknown export format '" + text + "': use json, jsonl, csv or junit");
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
        if (name.endsWith(".xml")) {
            return JUNIT;
        }
        return null;
    }
}
