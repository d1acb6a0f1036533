package dev.anvil.record.expect;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Small windows (64 characters, overlapping by 16) make every edge case reachable in a short text. */
class StreamingSearchTest {
    private static boolean find(String regex, String text) throws Exception {
        return StreamingSearch.find(Pattern.compile(regex, Pattern.MULTILINE), new StringReader(text), 64, 16).found();
    }

    private static String filler(int n) {
        return "a".repeat(n);
    }

    @Test
    void aMatchAnywhereIsFoundAcrossWindowEdges() throws Exception {
        for (int at = 0; at < 300; at++) {
            String text = filler(at) + "needle" + filler(300 - at);
            assertThat(find("needle", text)).as("at %d", at).isTrue();
        }
        assertThat(find("needle", filler(500))).isFalse();
    }

    @Test
    void anchorsMeanWhatTheyMeanInTheWholeTextNotAtAWindowEdge() throws Exception {
        for (int at = 1; at < 200; at++) {
            String text = filler(at) + "X" + filler(200);
            assertThat(find("^X", text)).as("^ mid-line at %d", at).isFalse();
            assertThat(find("X$", text)).as("$ mid-line at %d", at).isFalse();
            assertThat(find("^aX", filler(at) + "\naX" + filler(100))).as("^ after a newline at %d", at).isTrue();
        }
        assertThat(find("\\Aa", filler(300))).isTrue();
        assertThat(find("\\Ab", filler(300) + "b")).isFalse();
    }

    @Test
    void aMatchUpToTheOverlapIsFoundAndTheCountIsTheWholeText() throws Exception {
        String text = filler(100) + "b".repeat(16) + filler(100);
        assertThat(find("b{16}", text)).isTrue();
        StreamingSearch.Result r = StreamingSearch.find(Pattern.compile("z"), new StringReader(filler(1000)), 64, 16);
        assertThat(r.chars()).isEqualTo(1000);
        assertThat(r.found()).isFalse();
    }
}
