package dev.anvil.analysis;

import dev.anvil.AnvilException;
import dev.anvil.history.ResultStatus;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnalysisFilterTest {
    private static final Instant NOW = Instant.parse("2026-11-27T15:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void spansCountBackFromNow() {
        assertThat(AnalysisFilter.parseSince("7d", CLOCK)).isEqualTo(Instant.parse("2026-11-20T15:00:00Z"));
        assertThat(AnalysisFilter.parseSince("12h", CLOCK)).isEqualTo(Instant.parse("2026-11-27T03:00:00Z"));
        assertThat(AnalysisFilter.parseSince("2w", CLOCK)).isEqualTo(Instant.parse("2026-11-13T15:00:00Z"));
        assertThat(AnalysisFilter.parseSince("30m", CLOCK)).isEqualTo(Instant.parse("2026-11-27T14:30:00Z"));
        assertThat(AnalysisFilter.parseSince(" 7D ", CLOCK)).isEqualTo(Instant.parse("2026-11-20T15:00:00Z"));
    }

    @Test
    void aDateMeansItsUtcMidnightAndInstantsAreTakenAsWritten() {
        assertThat(AnalysisFilter.parseSince("2026-11-01", CLOCK)).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(AnalysisFilter.parseSince("2026-11-01T06:30:00Z", CLOCK)).isEqualTo(Instant.parse("2026-11-01T06:30:00Z"));
        assertThat(AnalysisFilter.parseSince("2026-11-01T06:30:00+01:00", CLOCK)).isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
        assertThat(AnalysisFilter.parseSince("2026-11-01T06:30:00", CLOCK)).isEqualTo(Instant.parse("2026-11-01T06:30:00Z"));
    }

    @Test
    void blankMeansNoLimit() {
        assertThat(AnalysisFilter.parseSince(null, CLOCK)).isNull();
        assertThat(AnalysisFilter.parseSince("  ", CLOCK)).isNull();
    }

    @Test
    void badInputNamesTheValueAndTheAcceptedForms() {
        for (String bad : new String[] {"7x", "yesterday", "2026-13-01", "-7d", "7 days"}) {
            assertThatThrownBy(() -> AnalysisFilter.parseSince(bad, CLOCK))
                    .isInstanceOf(AnvilException.class)
                    .hasMessageContaining("'" + bad + "'")
                    .hasMessageContaining("7d")
                    .hasMessageContaining("2026-11-01");
        }
    }

    @Test
    void withersChangeOneThingAndBlankFieldsMeanAll() {
        AnalysisFilter f = AnalysisFilter.all().withMode("aura-agents").withLanguage(" ").withStory("s1")
                .withSince(NOW).withByLanguage(true).withErrorsAsFailures(true);
        assertThat(f).isEqualTo(new AnalysisFilter("aura-agents", null, "s1", NOW, true, true));
        assertThat(f.withMode(null).mode()).isNull();
        assertThat(f.withMode(null).storyId()).isEqualTo("s1");
    }

    @Test
    void skippedNeverCountsAndErrorsOnlyWhenAskedFor() {
        AnalysisFilter f = AnalysisFilter.all();
        assertThat(f.counts(ResultStatus.PASSED)).isTrue();
        assertThat(f.counts(ResultStatus.FAILED)).isTrue();
        assertThat(f.counts(ResultStatus.ERROR)).isFalse();
        assertThat(f.counts(ResultStatus.SKIPPED)).isFalse();
        assertThat(f.withErrorsAsFailures(true).counts(ResultStatus.ERROR)).isTrue();
        assertThat(f.withErrorsAsFailures(true).counts(ResultStatus.SKIPPED)).isFalse();
    }
}
