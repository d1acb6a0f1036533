package dev.anvil.record.aura;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The agent log of an Aura story: each request with its body, each answer's status, and every
 * change of the story's status while polling (not every poll, so a long story's log stays short).
 */
final class Transcript implements AutoCloseable {
    /** Writes nowhere: for the health check, which has no story log. */
    static final Transcript NONE = new Transcript(null);

    private final BufferedWriter out;

    private Transcript(BufferedWriter out) {
        this.out = out;
    }

    static Transcript open(Path file) {
        if (file == null) {
            return NONE;
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            return new Transcript(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the agent log " + file, e);
        }
    }

    void request(String request, String json) {
        line("> " + request + (json == null ? "" : " " + json));
    }

    void response(String request, int status, String body) {
        boolean poll = request.startsWith("GET ");
        line("< " + status + (poll || body == null || body.isBlank() ? "" : " " + AuraHttpException.excerpt(body)));
    }

    void line(String text) {
        if (out == null) {
            return;
        }
        try {
            out.write(Instant.now() + " " + text);
            out.newLine();
            out.flush();
        } catch (IOException e) {
            // the log is for people; losing a line must not fail the story
        }
    }

    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                // as above
            }
        }
    }
}
