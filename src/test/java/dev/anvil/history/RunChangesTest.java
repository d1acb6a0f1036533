package dev.anvil.history;

import dev.anvil.testing.TestHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.anvil.testing.TestHistory.error;
import static dev.anvil.testing.TestHistory.failed;
import static dev.anvil.testing.TestHistory.passed;
import static org.assertj.core.api.Assertions.assertThat;

class RunChangesTest {
    private static final Duration DAY = Duration.ofDays(1);

    @Test
    void storiesStoppedByCtrlCAreNeitherNewlyFailingNorNewlyPassing(@TempDir Path tmp) {
        TestHistory h = TestHistory.create(tmp);
        h.run("m", TestHistory.at(0, DAY), List.of(passed("a"), passed("b"), passed("c")));
        String stopped = h.run("m", TestHistory.at(1, DAY), List.of(passed("a"), failed("b", "assert"),
                error("c", RunChanges.INTERRUPTED)));
        String next = h.run("m", TestHistory.at(2, DAY), List.of(passed("a"), failed("b", "assert"), passed("c")));

        RunChanges interrupted = RunChanges.of(h.repository(), h.repository().findRun(stopped).orElseThrow());
        assertThat(interrupted.newlyFailing()).containsExactly("b");
        RunChanges after = RunChanges.of(h.repository(), h.repository().findRun(next).orElseThrow());
        assertThat(after.newlyFailing()).isEmpty();
        assertThat(after.newlyPassing()).isEmpty();
    }

    @Test
    void anInfrastructureErrorStillCountsAsFailing(@TempDir Path tmp) {
        TestHistory h = TestHistory.create(tmp);
        h.run("m", TestHistory.at(0, DAY), List.of(passed("a")));
        String run = h.run("m", TestHistory.at(1, DAY), List.of(error("a", "infrastructure: agent crashed")));
        assertThat(RunChanges.of(h.repository(), h.repository().findRun(run).orElseThrow()).newlyFailing())
                .containsExactly("a");
    }
}
