package dev.anvil.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import java.util.stream.Collectors;

/**
 * Anvil's JShell feedback mode, {@code anvil}: JShell's {@code normal} mode without truncation of
 * values, so a table the console draws ({@link ConsoleValues}) is shown whole instead of cut in
 * the middle with {@code " ... "}.
 *
 * <p>The tool defines its modes only after the startup script has run, so a {@code /set mode}
 * there fails; it also restores the modes a user retained ({@code /set mode -retain}) from its
 * preferences, key {@code MODE2}, before it applies {@code --feedback}. The console therefore hands
 * the tool its preferences with Anvil's mode added to the retained ones ({@link #preferences}); it
 * never writes the mode into the user's own preferences. {@code feedback-mode.txt} is that retained
 * form, as JShell itself writes it after these commands (a test makes it again and compares):
 * <pre>
 * /set mode anvil normal -quiet
 * /set truncation anvil 1000000000
 * /set truncation anvil 1000000000 varvalue,expression
 * /set mode anvil -retain
 * </pre>
 */
final class FeedbackMode {
    static final String NAME = "anvil";
    static final String MODES_KEY = "MODE2";
    /** JShell's separator between the parts of retained modes. */
    static final String SEPARATOR = "\u241E";

    private FeedbackMode() {
    }

    /** The mode as JShell retains it. */
    static String encoded() {
        try (InputStream in = FeedbackMode.class.getResourceAsStream("feedback-mode.txt")) {
            if (in == null) {
                throw new IllegalStateException("feedback-mode.txt is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The user's JShell preferences (input history, retained settings), as the tool keeps them. */
    static Map<String, String> userPreferences() {
        return new PreferencesMap(Preferences.userRoot().node("tool/JShell"));
    }

    /**
     * {@code base} as the tool sees it: the retained modes include Anvil's; what the tool writes
     * back goes to {@code base} without it.
     */
    static Map<String, String> preferences(Map<String, String> base) {
        return new WithMode(base, encoded());
    }

    private static final class WithMode extends AbstractMap<String, String> {
        private final Map<String, String> base;
        private final String mode;

        WithMode(Map<String, String> base, String mode) {
            this.base = base;
            this.mode = mode;
        }

        @Override
        public String get(Object key) {
            String value = base.get(key);
            if (!MODES_KEY.equals(key)) {
                return value;
            }
            return value == null || value.isEmpty() ? mode : value + SEPARATOR + mode;
        }

        @Override
        public String put(String key, String value) {
            if (MODES_KEY.equals(key)) {
                value = without(value);
                if (value.isEmpty()) {
                    return base.remove(key);
                }
            }
            return base.put(key, value);
        }

        private String without(String modes) {
            int at = modes.indexOf(mode);
            if (at < 0) {
                return modes;
            }
            String rest = modes.substring(0, at) + modes.substring(at + mode.length());
            return rest.replace(SEPARATOR + SEPARATOR, SEPARATOR).replaceAll("^" + SEPARATOR + "|" + SEPARATOR + "$", "");
        }

        @Override
        public String remove(Object key) {
            return base.remove(key);
        }

        @Override
        public void clear() {
            base.clear();
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return base.entrySet();
        }

        @Override
        public Set<String> keySet() {
            Set<String> keys = new java.util.TreeSet<>(base.keySet());
            keys.add(MODES_KEY);
            return keys;
        }
    }

    /** A Preferences node as a map of strings, as the tool's own storage uses it. */
    private static final class PreferencesMap extends AbstractMap<String, String> {
        private final Preferences node;

        PreferencesMap(Preferences node) {
            this.node = node;
        }

        @Override
        public String get(Object key) {
            return node.get(String.valueOf(key), null);
        }

        @Override
        public String put(String key, String value) {
            String old = node.get(key, null);
            node.put(key, value);
            return old;
        }

        @Override
        public String remove(Object key) {
            String old = get(key);
            node.remove(String.valueOf(key));
            return old;
        }

        @Override
        public void clear() {
            try {
                node.clear();
            } catch (BackingStoreException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Set<String> keySet() {
            try {
                return Arrays.stream(node.keys()).collect(Collectors.toCollection(java.util.TreeSet::new));
            } catch (BackingStoreException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            Set<String> keys = keySet();
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, String>> iterator() {
                    Iterator<String> it = keys.iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return it.hasNext();
                        }

                        @Override
                        public Entry<String, String> next() {
                            String k = it.next();
                            return new SimpleImmutableEntry<>(k, get(k));
                        }
                    };
                }

                @Override
                public int size() {
                    return keys.size();
                }
            };
        }
    }
}
