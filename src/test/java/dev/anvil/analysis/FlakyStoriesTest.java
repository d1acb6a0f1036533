package dev.anvil.analysis;

import dev.anvil.history.HistoryDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.anvil.analysis.HandWrittenHistory.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FlakyStoriesTest {
    private HistoryDatabase db;

    @BeforeEach
    void open(@TempDir Path tmp) {
        db = HistoryDatabase.open(tmp.resolve("h.db"));
    }

    @Test
    void aStoryThatAlternatesIsFlakyWithItsFlipRateAndWilsonInterval() {
        record(db.repository(), "copilot-cli", "python", new String[] {"coin"}, "+-++-+--+-++-+-+--+-");
        List<FlakyStory> rows = new FlakyStories(db.jdbi()).rows(AnalysisFilter.all());
        assertThat(rows).singleElement().satisfies(f -> {
            assertThat(f.storyId()).isEqualTo("coin");
            assertThat(f.runs()).isEqualTo(20);
            assertThat(f.passRate()).isEqualTo(0.5);
            PassRate wilson = PassRate.of(10, 20);
            assertThat(f.passRateLow()).isCloseTo(wilson.low(), within(1e-12));
            assertThat(f.passRateHigh()).isCloseTo(wilson.high(), within(1e-12));
            assertThat(f.flipRate()).isCloseTo(15.0 / 19, within(1e-12));
            assertThat(f.score()).isBetween(0.0, 1.0);
        });
    }

    @Test
    void stableStoriesWithStrayFailuresBrokenStoriesAndSingleChangesAreNotFlaky() {
        record(db.repository(), "copilot-cli", "python", new String[] {"stable", "broken", "regressed", "fixed"},
                "+++++++-+++++++++++++++-++++++++",
                "--------+-------------------+---",
                "++++++++++++++++++++------------",
                "---------------++++++++++++++++");
        assertThat(new FlakyStories(db.jdbi()).rows(AnalysisFilter.all())).isEmpty();
    }

    @Test
    void aFlakyStoryThatWasFixedIsNoLongerFlaky() {
        record(db.repository(), "copilot-cli", "python", new String[] {"was-flaky"},
                "+-+-+--+-+-++-+-+--+-+-+" + "+".repeat(40));
        assertThat(new FlakyStories(db.jdbi()).rows(AnalysisFilter.all())).isEmpty();
    }

    @Test
    void recentFlipsRankAboveOldFlipsAtTheSameFlipRate() {
        record(db.repository(), "copilot-cli", "python", new String[] {"old", "recent"},
                "+-+-+-+-+-+-+-++++++++++-+-+",
                "+-+-++++++++++-+-+-+-+-+-+-+");
        List<FlakyStory> rows = new FlakyStories(db.jdbi()).rows(AnalysisFilter.all());
        assertThat(rows).extracting(FlakyStory::storyId).containsExactly("recent", "old");
    }

    @Test
    void sinceLimitsTheSeriesToRecentRuns() {
        record(db.repository(), "copilot-cli", "python", new String[] {"coin"}, "+".repeat(30) + "+-++-+--+-++-+-+--+-");
        AnalysisFilter recent = AnalysisFilter.all().withSince(HandWrittenHistory.START.plus(java.time.Duration.ofDays(30)));
        assertThat(new FlakyStories(db.jdbi()).rows(recent)).extracting(FlakyStory::runs).containsExactly(20);
    }
}
