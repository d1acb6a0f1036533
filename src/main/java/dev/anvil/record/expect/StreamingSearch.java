package dev.anvil.record.expect;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a regular expression anywhere in a file or a stream of any size, without reading it all
 * into memory. Text up to {@link #WINDOW} characters is searched in one piece, exactly as
 * {@link Matcher#find()} would. Longer text is searched in windows that overlap by
 * {@link #OVERLAP} characters; the matcher sees across each window's edges (transparent,
 * non-anchoring bounds), so {@code ^}, {@code $} and look-arounds mean what they mean in the whole
 * text. The one limit, stated in every message about such text: a single match longer than the
 * overlap is not found.
 */
public final class StreamingSearch {
    static final int WINDOW = 16 * 1024 * 1024;
    static final int OVERLAP = 1024 * 1024;
    /** Characters after a window's searched region that the matcher may look at (for $, \b, look-ahead). */
    private static final int LOOKAHEAD = 4096;

    private StreamingSearch() {
    }

    /** What a search found: whether it matched, and how many characters it read. */
    public record Result(boolean found, long chars) {
        /** Whether the text was longer than one window (and so searched in overlapping windows). */
        public boolean windowed() {
            return chars > WINDOW;
        }
    }

    public static Result find(Pattern pattern, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return find(pattern, in);
        }
    }

    /** Searches the stream's bytes as UTF-8 (malformed bytes read as U+FFFD). */
    public static Result find(Pattern pattern, InputStream in) throws IOException {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
        return find(pattern, reader, WINDOW, OVERLAP);
    }

    /** {@code window} must exceed {@code overlap} by more than the lookahead. */
    static Result find(Pattern pattern, Reader reader, int window, int overlap) throws IOException {
        int lookahead = Math.min(LOOKAHEAD, overlap);
        if (window <= overlap + lookahead + 1) {
            throw new IllegalArgumentException("window " + window + " too small for overlap " + overlap);
        }
        CharBuffer buf = CharBuffer.allocate(window + lookahead);
        long total = 0;
        int searchFrom = 0; // the first window starts at the start of the text
        while (true) {
            boolean eof = false;
            while (buf.hasRemaining()) {
                int n = reader.read(buf);
                if (n < 0) {
                    eof = true;
                    break;
                }
                total += n;
            }
            buf.flip();
            int length = buf.remaining();
            // Every window but the last leaves `lookahead` characters unsearched, for $, \b and look-aheads to see.
            int searchTo = eof ? length : length - lookahead;
            Matcher m = pattern.matcher(buf);
            m.useTransparentBounds(true).useAnchoringBounds(false);
            m.region(Math.min(searchFrom, searchTo), searchTo);
            if (m.find()) {
                return new Result(true, total);
            }
            if (eof) {
                return new Result(false, total);
            }
            // The next window keeps the last `overlap` searched characters, the one before them (so ^ and
            // look-behinds see their real neighbour) and the lookahead; it searches from the second kept one.
            int keepFrom = searchTo - overlap - 1;
            buf.position(keepFrom);
            buf.compact();
            searchFrom = 1;
        }
    }
}
