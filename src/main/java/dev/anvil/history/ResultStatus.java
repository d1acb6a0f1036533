package dev.anvil.history;

import java.util.Locale;

/** The outcome of a story (or of one expectation), as ADR-005 spells it in the database. */
public enum ResultStatus {
    PASSED, FAILED, ERROR, SKIPPED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ResultStatus fromDb(String value) {
        if (value == null) {
            return ERROR;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "passed": case "pass": case "success": return PASSED;
            case "failed": case "fail": case "failure": return FAILED;
            case "skipped": case "skip": return SKIPPED;
            default: return ERROR;
        }
    }
}
