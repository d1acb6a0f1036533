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

    /**
     * A time-ordered UUID (version 7: milliseconds since the epoch, a sequence within the
     * millisecond, random bits) for story results: new rows land at the end of the primary-key
     * index instead of all over it, which halves what each commit writes. Runs keep random ids,
     * whose first eight characters stay distinct for runs started close together.
     */
    public static synchronized String newTimeOrderedId() {
        long stamp = Math.max(lastStamp + 1, System.currentTimeMillis() << 12);
        lastStamp = stamp;
        long msb = ((stamp >>> 12) << 16) | 0x7000L | (stamp & 0xFFFL);
        long lsb = (java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    private static long lastStamp;

    public static String shortId(String id) {
        return id == null || id.length() <= SHORT_LENGTH ? id : id.substring(0, SHORT_LENGTH);
    }
}
