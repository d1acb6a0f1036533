package dev.anvil.analysis;

/**
 * A hash table from string keys to values that looks keys up by a range of a larger string, so
 * the loops that split a run's concatenated results ({@link PerRunText}) allocate nothing per
 * result they have seen before.
 */
final class RegionKeys<V> {
    private String[] keys = new String[1024];
    private Object[] values = new Object[1024];
    private int size;

    /** The value of the key {@code text[from, to)}, or null. */
    @SuppressWarnings("unchecked")
    V find(String text, int from, int to) {
        int mask = keys.length - 1;
        int i = hash(text, from, to) & mask;
        int length = to - from;
        while (true) {
            String k = keys[i];
            if (k == null) {
                return null;
            }
            if (k.length() == length && k.regionMatches(0, text, from, length)) {
                return (V) values[i];
            }
            i = (i + 1) & mask;
        }
    }

    /** Adds a key that is not in the table yet; returns its value. */
    V add(String key, V value) {
        if ((size + 1) * 2 > keys.length) {
            String[] oldKeys = keys;
            Object[] oldValues = values;
            keys = new String[oldKeys.length * 2];
            values = new Object[oldKeys.length * 2];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != null) {
                    put(oldKeys[i], oldValues[i]);
                }
            }
        }
        put(key, value);
        size++;
        return value;
    }

    private void put(String key, Object value) {
        int mask = keys.length - 1;
        int i = hash(key, 0, key.length()) & mask;
        while (keys[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
    }

    private static int hash(String s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        return h ^ (h >>> 16);
    }
}
