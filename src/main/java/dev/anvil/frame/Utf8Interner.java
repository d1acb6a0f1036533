package dev.anvil.frame;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns UTF-8 byte ranges into shared strings: a repeated value (a status, a mode, a story id)
 * costs a hash and a comparison, and one {@link String} for all its occurrences. For the few
 * thousand distinct categories of a history, not for free text.
 */
final class Utf8Interner {
    private byte[][] keys = new byte[256][];
    private int[] ids = new int[256];
    private final List<String> values = new ArrayList<>();

    /** The id of this byte range's value (0, 1, 2, ... in order of first appearance). */
    int id(byte[] buf, int from, int to) {
        int h = hash(buf, from, to);
        int mask = keys.length - 1;
        int i = h & mask;
        while (keys[i] != null) {
            if (Arrays.equals(keys[i], 0, keys[i].length, buf, from, to)) {
                return ids[i];
            }
            i = (i + 1) & mask;
        }
        keys[i] = Arrays.copyOfRange(buf, from, to);
        ids[i] = values.size();
        values.add(new String(buf, from, to - from, StandardCharsets.UTF_8));
        if (values.size() * 2 > keys.length) {
            grow();
        }
        return values.size() - 1;
    }

    String value(int id) {
        return values.get(id);
    }

    String intern(byte[] buf, int from, int to) {
        return value(id(buf, from, to));
    }

    int size() {
        return values.size();
    }

    private void grow() {
        byte[][] oldKeys = keys;
        int[] oldIds = ids;
        keys = new byte[oldKeys.length * 2][];
        ids = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != null) {
                int i = hash(oldKeys[j], 0, oldKeys[j].length) & mask;
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                ids[i] = oldIds[j];
            }
        }
    }

    private static int hash(byte[] buf, int from, int to) {
        int h = 1;
        for (int i = from; i < to; i++) {
            h = 31 * h + buf[i];
        }
        return h ^ (h >>> 16);
    }
}
