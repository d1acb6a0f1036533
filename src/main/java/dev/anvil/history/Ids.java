package dev.anvil.history;

import java.util.UUID;

/** Identifiers of runs and results: random UUIDs as text, shown by their first eight characters. */
public final class Ids {
    public static final int SHORT_LENGTH = 8;

    private Ids() {
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public static String shortId(String id) {
        return id == null || id.length() <= SHORT_LENGTH ? id : id.substring(0, SHORT_LENGTH);
    }
}
