package dev.anvil.history;

import java.util.Locale;

/**
 * Lifecycle of a run. {@code RUNNING}, {@code COMPLETED} and {@code INTERRUPTED} are stored;
 * {@code INCOMPLETE} is what a stored {@code running} run turns out to be when the recorder that
 * wrote it is gone (killed, crashed, power lost).
 */
public enum RunStatus {
    RUNNING, COMPLETED, INTERRUPTED, INCOMPLETE;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus fromDb(String value) {
        if (value == null) {
            return null;
        }
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
