package dev.anvil.analysis;

import dev.anvil.AnvilException;
import dev.anvil.testing.TestHistory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static dev.anvil.testing.TestHistory.error;
import static dev.anvil.testing.TestHistory.failed;
import static dev.anvil.testing.TestHistory.passed;
import static dev.anvil.testing.TestHistory.skipped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoryTimelineTest {
    private static final Instant T0 = Instant.parse("2026-01-05T06:00:00Z");
    private TestHistory h;

    @BeforeEach
    void history(@TempDir Path tmp) {
        h = TestHistory.create(tmp);
        h.run("cli", T0, List.of(passed("login-form"), passed("other")));
        h.run("ui", T0.plusSeconds(10), List.of(failed("login-form", "x")));
        h.run("cli", T0.plusSeconds(20), List.of(failed("login-form", "x")));
        h.run("cli", T0.plusSeconds(30), List.of(error("login-form", "boom")));
        h.run("cli", T0.plusSeconds(40), List.of(skipped("login-form")));
        h.run("cli", T0.plusSeconds(50), List.of(passed("login-form")));
    }

    @Test
    void eachModeGetsItsOutcomesOldestFirstWithCountsAndPassRate() {
        List<StoryTimeline.Row> rows = new StoryTimeline(h.jdbi()).rows("login-form", AnalysisFilter.all());
        assertThat(rows).extracting(StoryTimeline.Row::mode).containsExactly("cli", "ui");
        StoryTimeline.Row cli = rows.get(0);
        assertThat(cli.timeline()).isEqualTo("✓✗!-✓");
        assertThat(cli.runs()).isEqualTo(5);
        assertThat(cli.passed()).isEqualTo(2);
        assertThat(cli.failed()).isEqualTo(1);
        assertThat(cli.errors()).isEqualTo(1);
        assertThat(cli.skipped()).isEqualTo(1);
        assertThat(cli.passRate()).isEqualTo(2 / 3.0);
        assertThat(cli.passRateLow()).isLessThan(cli.passRate());
        assertThat(cli.lastStatus()).isEqualTo("passed");
        assertThat(cli.firstRun()).isEqualTo(T0);
        assertThat(cli.lastRun()).isEqualTo(T0.plusSeconds(50));
        assertThat(rows.get(1).timeline()).isEqualTo("✗");
    }

    @Test
    void onlyTheLatestOutcomesAreDrawnWhenAsked() {
        StoryTimeline.Row cli = new StoryTimeline(h.jdbi()).rows("login-form", AnalysisFilter.all(), 2).get(0);
        assertThat(cli.timeline()).isEqualTo("…-✓");
        assertThat(cli.runs()).isEqualTo(5);
    }

    @Test
    void anUnknownStoryIsAnErrorThatSuggestsNames() {
        StoryTimeline t = new StoryTimeline(h.jdbi());
        assertThatThrownBy(() -> t.rows("login", AnalysisFilter.all()))
                .isInstanceOf(AnvilException.class)
                .hasMessage("unknown story 'login': no results for it in the history (did you mean login-form?)");
        assertThatThrownBy(() -> t.rows("nothing-like-it", AnalysisFilter.all()))
                .isInstanceOf(AnvilException.class)
                .hasMessage("unknown story 'nothing-like-it': no results for it in the history");
    }

    @Test
    void aKnownStoryOutsideTheFilterIsAnEmptyAnswer() {
        assertThat(new StoryTimeline(h.jdbi()).rows("login-form", AnalysisFilter.all().withMode("nope"))).isEmpty();
    }
}
