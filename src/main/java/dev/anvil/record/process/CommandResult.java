package dev.anvil.record.process;

import java.time.Duration;

/**
 * How a shell command ended.
 *
 * @param exitCode the exit code (-1 when it timed out or could not start)
 * @param output   what it wrote (stdout and stderr interleaved), up to a cap
 */
public record CommandResult(int exitCode, boolean timedOut, String output, Duration elapsed) {

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** The last lines of the output, for a one-line message. */
    public String tail(int maxChars) {
        String t = output == null ? "" : output.strip();
        if (t.length() <= maxChars) {
            return t.replaceAll("\\s*\\R\\s*", " | ");
        }
        return ("..." + t.substring(t.length() - maxChars)).replaceAll("\\s*\\R\\s*", " | ");
    }
}
