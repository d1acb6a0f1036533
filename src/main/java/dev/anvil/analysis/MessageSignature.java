package dev.anvil.analysis;

/**
 * The signature of a failure message: the message with what varies from one occurrence to the
 * next replaced by placeholders, in one pass over its characters (a year of history has about
 * 170,000 failure messages, most of them unique by their numbers alone):
 * <ul>
 *   <li>timestamps ({@code 2026-11-27}, {@code 2026-11-27T06:00:00.000Z}, {@code 06:00:00}) → {@code <time>}</li>
 *   <li>UUIDs → {@code <uuid>}</li>
 *   <li>quoted values ({@code '...'}, {@code "..."}, {@code `...`} on one line, opened after a
 *       non-word character, so {@code doesn't} is no quote) → {@code '<value>'}</li>
 *   <li>paths (absolute with two or more parts, {@code C:\...}, or relative ending in a file
 *       extension) → {@code <path>}</li>
 *   <li>hex ids ({@code 0x1f}, or 6+ hex digits with both a digit and a letter: {@code req-fa6465},
 *       a 24-bit id, as well as git's 7-digit short hashes) → {@code <hex>}</li>
 *   <li>numbers, also inside words ({@code CS1002} → {@code CS<n>}) → {@code <n>}</li>
 *   <li>runs of white space → one space; at most 200 characters are kept.</li>
 * </ul>
 */
public final class MessageSignature {
    public static final String NO_MESSAGE = "(no message)";
    static final int MAX_LENGTH = 200;
    private static final int MAX_QUOTED = 200;

    private MessageSignature() {
    }

    public static String of(String message) {
        if (message == null || message.isBlank()) {
            return NO_MESSAGE;
        }
        String s = message;
        int n = s.length();
        StringBuilder out = new StringBuilder(Math.min(n, MAX_LENGTH + 16));
        int i = 0;
        while (i < n && out.length() <= MAX_LENGTH) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                while (i < n && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                if (out.length() > 0) {
                    out.append(' ');
                }
                continue;
            }
            boolean boundary = i == 0 || !isWord(s.charAt(i - 1));
            if (boundary) {
                int end = uuid(s, i);
                if (end > 0) {
                    out.append("<uuid>");
                    i = end;
                    continue;
                }
                end = time(s, i);
                if (end > 0) {
                    out.append("<time>");
                    i = end;
                    continue;
                }
                end = path(s, i);
                if (end > 0) {
                    out.append("<path>");
                    i = end;
                    continue;
                }
                end = hex(s, i);
                if (end > 0) {
                    out.append("<hex>");
                    i = end;
                    continue;
                }
                if (c == '\'' || c == '"' || c == '`') {
                    int close = s.indexOf(c, i + 1);
                    int line = s.indexOf('\n', i + 1);
                    if (close > 0 && close - i - 1 <= MAX_QUOTED && (line < 0 || close < line)) {
                        out.append("'<value>'");
                        i = close + 1;
                        continue;
                    }
                }
            }
            if (isDigit(c)) {
                i = digits(s, i);
                if (i + 1 < n && s.charAt(i) == '.' && isDigit(s.charAt(i + 1))) {
                    i = digits(s, i + 1);
                }
                out.append("<n>");
                continue;
            }
            out.append(c);
            i++;
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        if (out.length() > MAX_LENGTH) {
            out.setLength(MAX_LENGTH);
            out.append("...");
        }
        return out.toString();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static boolean endsWord(String s, int end) {
        return end >= s.length() || !isWord(s.charAt(end));
    }

    private static int digits(String s, int i) {
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** End of {@code n} digits from {@code i}, or -1. */
    private static int exactDigits(String s, int i, int n) {
        if (i + n > s.length()) {
            return -1;
        }
        for (int k = i; k < i + n; k++) {
            if (!isDigit(s.charAt(k))) {
                return -1;
            }
        }
        return i + n;
    }

    private static int uuid(String s, int i) {
        int[] groups = {8, 4, 4, 4, 12};
        int k = i;
        for (int g = 0; g < groups.length; g++) {
            if (g > 0) {
                if (k >= s.length() || s.charAt(k) != '-') {
                    return -1;
                }
                k++;
            }
            for (int j = 0; j < groups[g]; j++, k++) {
                if (k >= s.length() || !isHex(s.charAt(k))) {
                    return -1;
                }
            }
        }
        return endsWord(s, k) ? k : -1;
    }

    private static boolean at(String s, int i, char c) {
        return i >= 0 && i < s.length() && s.charAt(i) == c;
    }

    /** {@code yyyy-mm-dd[(T| )hh:mm[:ss[.fff]][Z|±hh[:]mm]]} or {@code hh:mm:ss[.fff]}. */
    private static int time(String s, int i) {
        int k = exactDigits(s, i, 4);
        if (k > 0 && at(s, k, '-') && exactDigits(s, k + 1, 2) > 0 && at(s, k + 3, '-') && exactDigits(s, k + 4, 2) > 0) {
            k += 6;
            if ((at(s, k, 'T') || at(s, k, ' ')) && exactDigits(s, k + 1, 2) > 0 && at(s, k + 3, ':')
                    && exactDigits(s, k + 4, 2) > 0) {
                k = clock(s, k + 1);
                if (at(s, k, 'Z')) {
                    k++;
                } else if ((at(s, k, '+') || at(s, k, '-')) && exactDigits(s, k + 1, 2) > 0) {
                    int z = k + 3;
                    if (at(s, z, ':')) {
                        z++;
                    }
                    if (exactDigits(s, z, 2) > 0) {
                        k = z + 2;
                    }
                }
            }
            return endsWord(s, k) ? k : -1;
        }
        if (exactDigits(s, i, 2) > 0 && at(s, i + 2, ':') && exactDigits(s, i + 3, 2) > 0 && at(s, i + 5, ':')
                && exactDigits(s, i + 6, 2) > 0) {
            k = clock(s, i);
            return endsWord(s, k) ? k : -1;
        }
        return -1;
    }

    /** From {@code hh:mm} at {@code i}: the end of {@code hh:mm[:ss[(.|,)fff]]}. */
    private static int clock(String s, int i) {
        int k = i + 5;
        if (at(s, k, ':') && exactDigits(s, k + 1, 2) > 0) {
            k += 3;
            if ((at(s, k, '.') || at(s, k, ',')) && k + 1 < s.length() && isDigit(s.charAt(k + 1))) {
                k = digits(s, k + 1);
            }
        }
        return k;
    }

    private static boolean isPathChar(char c) {
        return isWord(c) || c == '.' || c == '-' || c == '@' || c == '+' || c == '~' || c == '/' || c == '\\';
    }

    private static int path(String s, int i) {
        int k = i;
        boolean drive = i + 2 < s.length() && Character.isLetter(s.charAt(i)) && s.charAt(i + 1) == ':'
                && (s.charAt(i + 2) == '\\' || s.charAt(i + 2) == '/');
        if (drive) {
            k = i + 2;
        }
        int separators = 0;
        int lastSeparator = -1;
        while (k < s.length() && isPathChar(s.charAt(k))) {
            char c = s.charAt(k);
            if (c == '/' || c == '\\') {
                separators++;
                lastSeparator = k;
            }
            k++;
        }
        while (k > i && (s.charAt(k - 1) == '.' || s.charAt(k - 1) == '-')) {
            k--; // sentence punctuation after a path is not part of it
        }
        if (separators == 0) {
            return -1;
        }
        char first = s.charAt(drive ? i + 2 : i);
        boolean absolute = drive || first == '/' || first == '\\';
        if (absolute) {
            return separators >= 2 || drive ? k : -1;
        }
        int dot = s.lastIndexOf('.', k - 1);
        boolean extension = dot > lastSeparator && dot < k - 1 && isWord(s.charAt(dot + 1));
        return extension ? k : -1;
    }

    private static int hex(String s, int i) {
        if (at(s, i, '0') && (at(s, i + 1, 'x') || at(s, i + 1, 'X')) && i + 2 < s.length() && isHex(s.charAt(i + 2))) {
            int k = i + 2;
            while (k < s.length() && isHex(s.charAt(k))) {
                k++;
            }
            return endsWord(s, k) ? k : -1;
        }
        int k = i;
        boolean digit = false;
        boolean letter = false;
        while (k < s.length() && isHex(s.charAt(k))) {
            digit |= isDigit(s.charAt(k));
            letter |= !isDigit(s.charAt(k));
            k++;
        }
        return k - i >= 6 && digit && letter && endsWord(s, k) ? k : -1;
    }
}
