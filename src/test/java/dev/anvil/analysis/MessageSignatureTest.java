package dev.anvil.analysis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageSignatureTest {

    @Test
    void messagesThatDifferOnlyInNumbersShareASignature() {
        assertThat(MessageSignature.of("assert 3 == 4")).isEqualTo("assert <n> == <n>");
        assertThat(MessageSignature.of("assert 17 == 42.5")).isEqualTo(MessageSignature.of("assert 3 == 4"));
        assertThat(MessageSignature.of("error CS1002: ; expected")).isEqualTo("error CS<n>: ; expected");
    }

    @Test
    void pathsAbsoluteRelativeAndWindowsBecomeOnePlaceholder() {
        assertThat(MessageSignature.of("cannot open /tmp/anvil/run-1234/out.log: denied"))
                .isEqualTo("cannot open <path>: denied");
        assertThat(MessageSignature.of("Build failed: src/App/Parser.cs(12,7): error CS1002"))
                .isEqualTo("Build failed: <path>(<n>,<n>): error CS<n>");
        assertThat(MessageSignature.of("tests/test_parser.py::test_parse FAILED"))
                .isEqualTo("<path>::test_parse FAILED");
        assertThat(MessageSignature.of("missing C:\\work\\anvil\\stories\\a.yaml."))
                .isEqualTo("missing <path>.");
        assertThat(MessageSignature.of("use and/or here")).isEqualTo("use and/or here");
    }

    @Test
    void idsTimestampsAndQuotedValuesAreStripped() {
        assertThat(MessageSignature.of("run 3f2a9c1e-0b7d-4c1e-9a55-1234567890ab timed out at 2026-11-27T06:00:00.000Z"))
                .isEqualTo("run <uuid> timed out at <time>");
        assertThat(MessageSignature.of("commit deadbeef12 broke it at 06:12:59")).isEqualTo("commit <hex> broke it at <time>");
        assertThat(MessageSignature.of("segfault at 0x7ffe12")).isEqualTo("segfault at <hex>");
        assertThat(MessageSignature.of("timed out (request req-fa6465)")).isEqualTo("timed out (request req-<hex>)")
                .isEqualTo(MessageSignature.of("timed out (request req-3fa6a9c1)"));
        assertThat(MessageSignature.of("Property 'id' does not exist on type \"Order\""))
                .isEqualTo("Property '<value>' does not exist on type '<value>'");
        assertThat(MessageSignature.of("it doesn't exist in `cfg`")).isEqualTo("it doesn't exist in '<value>'");
    }

    @Test
    void wordsThatLookLikeHexOrDatesStayWords() {
        assertThat(MessageSignature.of("decade faced a bad cafe")).isEqualTo("decade faced a bad cafe");
        assertThat(MessageSignature.of("expected deadline")).isEqualTo("expected deadline");
        assertThat(MessageSignature.of("utf8 and x86 and CS1002")).isEqualTo("utf<n> and x<n> and CS<n>");
    }

    @Test
    void whiteSpaceCollapsesAndLongMessagesAreCut() {
        assertThat(MessageSignature.of("  a\n\n  b\t c  ")).isEqualTo("a b c");
        assertThat(MessageSignature.of("x".repeat(500))).hasSize(MessageSignature.MAX_LENGTH + 3).endsWith("...");
        assertThat(MessageSignature.of(null)).isEqualTo(MessageSignature.NO_MESSAGE);
        assertThat(MessageSignature.of("   ")).isEqualTo(MessageSignature.NO_MESSAGE);
    }
}
