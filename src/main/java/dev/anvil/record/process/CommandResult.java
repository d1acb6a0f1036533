package dev.anvil.record.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * How a shell command ended.
 *
 * @param exitCode  the exit code (-1 when it timed out or could not start)
 * @param output    the end of what it wrote (stdout and stderr interleaved), at most
 *                  {@link ShellCommand#OUTPUT_CAP} characters: for messages. The whole output
 *                  is in the log, read with {@link #openOutput()}.
 * @param log       the log file the output was appended to
 * @param logOffset where in the log this command's output starts
 * @param logEnd    where it ended when the command did
 */
public record CommandResult(int exitCode, boolean timedOut, String output, Duration elapsed,
                            Path log, long logOffset, long logEnd) {

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** Whether the shell could not find the command (exit 127: not installed, or not on the PATH). */
    public boolean commandNotFound() {
        return !timedOut && exitCode == 127;
    }

    /** The command's whole output, streamed from the log. */
    public InputStream openOutput() throws IOException {
        FileChannel channel = FileChannel.open(log, StandardOpenOption.READ);
        channel.position(logOffset);
        InputStream in = Channels.newInputStream(channel);
        return new java.io.FilterInputStream(in) {
            private long left = logEnd - logOffset;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = super.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }
        };
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
