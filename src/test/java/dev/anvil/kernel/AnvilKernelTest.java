package dev.anvil.kernel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnvilKernelTest {

    @Test
    void aShownTitleIsLiteralTextInMarkdown() {
        assertThat(AnvilKernel.markdownText("web_ui *flaky* <b>#1</b> & more"))
                .isEqualTo("web\\_ui \\*flaky\\* &lt;b>\\#1&lt;/b> &amp; more");
    }

    @Test
    void kernelInfoNamesJavaOfThisRuntimeAndTheJshellExtension() {
        var info = AnvilKernel.languageInfo();

        assertThat(info.getName()).isEqualTo("java");
        assertThat(info.getFileExtension()).isEqualTo(".jsh");
        assertThat(info.getVersion()).isEqualTo(String.valueOf(Runtime.version().feature()));
    }
}
