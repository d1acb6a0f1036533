package dev.anvil.record.process;

/**
 * Quoting for POSIX {@code sh}: a value inside single quotes is taken literally (no {@code $(...)},
 * backticks, globbing or word splitting); a single quote itself is closed, escaped and reopened.
 */
public final class ShellQuote {
    private ShellQuote() {
    }

    public static String quote(String value) {
        if (value == null) {
            return "''";
        }
        // NUL cannot be passed in an argument at all; dropping it is the only safe choice.
        String v = value.indexOf('\0') >= 0 ? value.replace("\0", "") : value;
        return "'" + v.replace("'", "'\\''") + "'";
    }
}
