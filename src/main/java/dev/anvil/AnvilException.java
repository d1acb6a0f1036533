package dev.anvil;

/**
 * A problem the user can fix: a bad path, an unknown run, a malformed option, a database that is
 * not ours. The command line prints its message as one line and exits with {@link #exitCode()}
 * (2 unless said otherwise); a stack trace only with {@code --verbose}.
 */
public class AnvilException extends RuntimeException {
    private final int exitCode;

    public AnvilException(String message) {
        this(message, 2, null);
    }

    public AnvilException(String message, Throwable cause) {
        this(message, 2, cause);
    }

    public AnvilException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
