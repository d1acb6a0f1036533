package dev.anvil.analysis;

import dev.anvil.AnvilException;
import dev.anvil.testing.TestHistory;
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

class RunComparisonTest {
    private static final Instant T0 = Instant.parse("2026-01-05T06:00:00Z");

    @Test
    void eachStoryIsClassifiedByItsTwoOutcomes(@TempDir Path tmp) {
        TestHistory h = TestHistory.create(tmp);
        String a = h.run("cli", T0, List.of(passed("breaks"), failed("heals", "x"), failed("stuck", "x"),
                passed("gone"), passed("steady"), passed("slows").withDuration(1000), passed("crashes"), skipped("was-skipped")));
        String b = h.run("cli", T0.plusSeconds(3600), List.of(failed("breaks", "new bug"), passed("heals"),
                error("stuck", "timeout"), passed("steady"), passed("new"), passed("slows").withDuration(3000),
                error("crashes", "oom"), failed("was-skipped", "y")));
        RunComparison.Comparison c = new RunComparison(h.jdbi()).compare(a, b, AnalysisFilter.all());
        assertThat(c.before().id()).isEqualTo(a);
        assertThat(c.after().id()).isEqualTo(b);
        assertThat(c.rows()).extracting(r -> r.change() + ":" + r.storyId()).containsExactly(
                "newly-failing:breaks", "newly-failing:crashes", "newly-passing:heals", "still-failing:stuck",
                "added:new", "removed:gone", "slower:slows");
        RunComparison.Row crashes = c.rows().get(1);
        assertThat(crashes.statusBefore()).isEqualTo("passed");
        assertThat(crashes.statusAfter()).isEqualTo("error");
        assertThat(crashes.errorMessage()).isEqualTo("oom");
        RunComparison.Row slows = c.rows().get(6);
        assertThat(slows.durationBeforeMs()).isEqualTo(1000L);
        assertThat(slows.durationAfterMs()).isEqualTo(3000L);
        assertThat(slows.durationRatio()).isEqualTo(3.0);
        assertThat(c.title()).startsWith("compare " + a.substring(0, 8) + " (cli, 2026-01-05 06:00) -> " + b.substring(0, 8));
    }

    @Test
    void byDefaultTheLatestRunIsComparedWithThePreviousRunOfItsMode(@TempDir Path tmp) {
        TestHistory h = TestHistory.create(tmp);
        String cli1 = h.run("cli", T0, List.of(passed("s")));
        h.run("ui", T0.plusSeconds(10), List.of(failed("s", "x")));
        String cli2 = h.run("cli", T0.plusSeconds(20), List.of(failed("s", "x")));
        String ui2 = h.run("ui", T0.plusSeconds(30), List.of(passed("s")));
        RunComparison rc = new RunComparison(h.jdbi());
        RunComparison.Comparison latest = rc.compare(null, null, AnalysisFilter.all());
        assertThat(latest.after().id()).isEqualTo(ui2);
        assertThat(latest.rows()).extracting(RunComparison.Row::change).containsExactly("newly-passing");
        RunComparison.Comparison cli = rc.compare(null, null, AnalysisFilter.all().withMode("cli"));
        assertThat(cli.before().id()).isEqualTo(cli1);
        assertThat(cli.after().id()).isEqualTo(cli2);
        RunComparison.Comparison named = rc.compare("latest~3", "latest", AnalysisFilter.all());
        assertThat(named.before().id()).isEqualTo(cli1);
        assertThat(named.after().id()).isEqualTo(ui2);
        // one name: that run against the latest, as 'latest' means everywhere (of the filter's mode, if any)
        RunComparison.Comparison sinceOne = rc.compare(cli1.substring(0, 8), null, AnalysisFilter.all());
        assertThat(sinceOne.after().id()).isEqualTo(ui2);
        RunComparison.Comparison sinceOneOfMode = rc.compare(cli1.substring(0, 8), null, AnalysisFilter.all().withMode("cli"));
        assertThat(sinceOneOfMode.after().id()).isEqualTo(cli2);
    }

    @Test
    void identicalRunsAreAnEmptyAnswer(@TempDir Path tmp) {
        TestHistory h = TestHistory.create(tmp);
        h.run("cli", T0, List.of(passed("a"), passed("b")));
        h.run("cli", T0.plusSeconds(60), List.of(passed("a"), passed("b")));
        assertThat(new RunComparison(h.jdbi()).compare(null, null, AnalysisFilter.all()).rows()).isEmpty();
    }

    @Test
    void whatCannotBeComparedIsSaidInOneLine(@TempDir Path tmp) {
        TestHistory h = TestHistory.create(tmp);
        RunComparison rc = new RunComparison(h.jdbi());
        assertThatThrownBy(() -> rc.compare(null, null, AnalysisFilter.all()))
                .isInstanceOf(AnvilException.class).hasMessageContaining("no runs recorded yet");
        String only = h.run("cli", T0, List.of(passed("a")));
        assertThatThrownBy(() -> rc.compare(null, null, AnalysisFilter.all()))
                .isInstanceOf(AnvilException.class).hasMessageContaining("first run of mode 'cli'");
        assertThatThrownBy(() -> rc.compare("zzzz", only, AnalysisFilter.all()))
                .isInstanceOf(AnvilException.class).hasMessageContaining("unknown run 'zzzz'");
        assertThatThrownBy(() -> rc.compare(null, null, AnalysisFilter.all().withMode("ui")))
                .isInstanceOf(AnvilException.class).hasMessageContaining("no runs of mode 'ui'");
    }
}
