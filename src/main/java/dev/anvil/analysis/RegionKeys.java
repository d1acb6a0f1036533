package dev.anvil.analysis;

/**
 * A hash table from outcome keys to their series that looks keys up by a range of a larger
 * string, so the hot loop of {@link OutcomeHistory} allocates nothing per result.
 */
final class OutcomeKeys {

    static final class Entry {
        final String key;
        final boolean pass;
        final String story;
        final String language;
        final OutcomeSeries[] series;

        Entry(String key, boolean pass, String story, String language, OutcomeSeries[] series) {
            this.key = key;
            this.pass = pass;
            this.story = story;
            this.language = language;
            this.series = series;
        }
    }

    private Entry[] table = new Entry[1024];
    private int size;

    Entry find(String text, int from, int to) {
        int mask = table.length - 1;
        int i = hash(text, from, to) & mask;
        int length = to - from;
        while (true) {
            Entry e = table[i];
            if (e == null) {
                return null;
            }
            if (e.key.length() == length && e.key.regionMatches(0, text, from, length)) {
                return e;
            }
            i = (i + 1) & mask;
        }
    }

    Entry add(String key, Entry value) {
        Entry e = new Entry(key, value.pass, value.story, value.language, value.series);
        if ((size + 1) * 2 > table.length) {
            Entry[] old = table;
            table = new Entry[old.length * 2];
            for (Entry o : old) {
                if (o != null) {
                    put(o);
                }
            }
        }
        put(e);
        size++;
        return e;
    }

    private void put(Entry e) {
        int mask = table.length - 1;
        int i = hash(e.key, 0, e.key.length()) & mask;
        while (table[i] != null) {
            i = (i + 1) & mask;
        }
        table[i] = e;
    }

    private static int hash(String s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        return h ^ (h >>> 16);
    }
}
