package dev.anvil.cli;

import dev.anvil.history.ExportFormat;

/**
 * What {@code export} writes and {@code import} reads: a history export ({@link ExportFormat}), or
 * JUnit XML, which holds one run for CI test reporters and is read back as a report of that run.
 */
enum FileFormat {
    JSON, JSONL, CSV, JUNIT;

    /** The history export format, or null for JUnit XML. */
    ExportFormat export() {
        return this == JUNIT ? null : ExportFormat.valueOf(name());
    }
}
