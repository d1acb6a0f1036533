package dev.anvil.report;

import dev.anvil.cli.Cli;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.synthetic.GeneratorSpec;
import dev.anvil.synthetic.GroundTruth;
import dev.anvil.synthetic.SyntheticHistory;
import dev.anvil.testing.TestHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.anvil.testing.TestHistory.failed;
import static dev.anvil.testing.TestHistory.passed;
import static org.assertj.core.api.Assertions.assertThat;

/** The CI gate on generated histories whose truth is known, and on hand-made ones. */
class GateTest {
    private static final String MODE = "copilot-cli";

    @TempDir
    Path tmp;

    /** One mode, 30 stories, 40 runs; the given shares of flaky and regressed series, every change late. */
    private GroundTruth generate(Path db, long seed, double flaky, double regressed) {
        GeneratorSpec spec = new GeneratorSpec(seed, 30, List.of(MODE), 40,
                GeneratorSpec.startEndingNow(40, Duration.ofHours(12)), Duration.ofHours(12),
                0.02, 0.02, 0.005, flaky, regressed, 0, 0, 0, 1.0, GeneratorSpec.LANGUAGES);
        try (HistoryDatabase h = HistoryDatabase.open(db)) {
            return SyntheticHistory.generate(spec, h.repository());
        }
    }

    @Test
    void aFreshFullRegressionFailsTheGateNamingTheStoryAndItsEvidence() {
        Path db = tmp.resolve("regressed.db");
        GroundTruth truth = generate(db, 7, 0.10, 0.10);
        List<GroundTruth.SeriesTruth> regressed = truth.ofKind(GroundTruth.Kind.REGRESSED);
        assertThat(regressed).isNotEmpty();

        Cli.Outcome gate = Cli.run("gate", "--db", db.toString());

        assertThat(gate.exitCode()).as(gate.out() + gate.err()).isEqualTo(1);
        assertThat(gate.out()).startsWith("gate: FAIL");
        for (GroundTruth.SeriesTruth s : regressed) {
            assertThat(gate.out()).containsPattern("regression: " + s.storyId() + " \\(" + MODE + "\\): passed [0-9.]+% of \\d+ before run "
                    + s.changeRunId().substring(0, 8));
        }
    }

    @Test
    void onlyFlakyNoiseAndStrayFailuresPassTheGate() {
        for (long seed = 1; seed <= 3; seed++) {
            Path db = tmp.resolve("noise-" + seed + ".db");
            generate(db, seed, 0.20, 0);

            Cli.Outcome gate = Cli.run("gate", "--db", db.toString());

            assertThat(gate.exitCode()).as("seed " + seed + ": " + gate.out() + gate.err()).isZero();
            assertThat(gate.out()).startsWith("gate: PASS").contains("no new significant regression");
            assertThat(gate.out()).contains("flaky, not counted: ");
        }
    }

    @Test
    void oneFailureAfterALongRunOfPassesIsNotARegression() {
        TestHistory h = TestHistory.create(tmp);
        for (int i = 0; i < 30; i++) {
            h.run(MODE, TestHistory.at(i, Duration.ofHours(12)), List.of(passed("a"), passed("b"), passed("c")));
        }
        h.run(MODE, TestHistory.at(30, Duration.ofHours(12)), List.of(passed("a"), failed("b", "boom"), passed("c")));

        Cli.Outcome gate = Cli.run("gate", "--db", h.path().toString(), "--max-drop", "0.5");

        assertThat(gate.exitCode()).as(gate.out()).isZero();
        assertThat(gate.out()).contains("failed, not a significant change: b: boom");
    }

    @Test
    void aSustainedDropOfThePassRateFailsTheGateEvenWithoutOneStoryToBlame() {
        TestHistory h = TestHistory.create(tmp);
        for (int i = 0; i < 20; i++) {
            h.run(MODE, TestHistory.at(i, Duration.ofHours(12)), stories(40, 0));
        }
        h.run(MODE, TestHistory.at(20, Duration.ofHours(12)), stories(40, 12));

        Cli.Outcome gate = Cli.run("gate", "--db", h.path().toString(), "--baseline", "30d");

        assertThat(gate.exitCode()).as(gate.out()).isEqualTo(1);
        assertThat(gate.out()).contains("pass rate: 70.0%", "a significant drop");
        Cli.Outcome tolerant = Cli.run("gate", "--db", h.path().toString(), "--max-drop", "0.4");
        assertThat(tolerant.exitCode()).as(tolerant.out()).isZero();
    }

    @Test
    void aNamedRunCanBeTheBaselineAndMarkdownGoesToTheJobSummary() {
        TestHistory h = TestHistory.create(tmp);
        for (int i = 0; i < 20; i++) {
            h.run(MODE, TestHistory.at(i, Duration.ofHours(12)), stories(40, 0));
        }
        h.run(MODE, TestHistory.at(20, Duration.ofHours(12)), stories(40, 12));

        Cli.Outcome gate = Cli.run("gate", "--db", h.path().toString(), "--baseline", "latest~1", "--format", "markdown");

        assertThat(gate.exitCode()).isEqualTo(1);
        assertThat(gate.out()).startsWith("## Anvil gate: ❌ failed").contains("against run ")
                .contains("| Pass rate | 70.0% [");
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        TestHistory h = TestHistory.create(tmp);
        assertThat(Cli.run("gate", "--db", h.path().toString()).err()).isEqualTo(
                "anvil: no runs recorded yet: nothing to gate (record one with anvil record)\n");
        h.run(MODE, TestHistory.START, List.of(passed("a")));
        h.run("other-mode", TestHistory.START.plusSeconds(60), List.of(passed("a")));
        Cli.Outcome otherMode = Cli.run("gate", "--db", h.path().toString(), "--baseline", "latest~1");
        assertThat(otherMode.exitCode()).isEqualTo(2);
        assertThat(otherMode.err()).startsWith("anvil: --baseline latest~1 is run").contains("of mode copilot-cli");
        Cli.Outcome drop = Cli.run("gate", "--db", h.path().toString(), "--max-drop", "5");
        assertThat(drop.exitCode()).isEqualTo(2);
        assertThat(drop.err()).startsWith("anvil: --max-drop must be a fraction between 0 and 1");
        Cli.Outcome unknownRun = Cli.run("gate", "--db", h.path().toString(), "--baseline", "nosuchrun");
        assertThat(unknownRun.exitCode()).isEqualTo(2);
        assertThat(unknownRun.err()).startsWith("anvil: --baseline nosuchrun: not a span (30m, 12h, 14d, 2w), a date or a run: "
                + "unknown run 'nosuchrun'");
        Cli.Outcome badDate = Cli.run("gate", "--db", h.path().toString(), "--baseline", "2026-13-45");
        assertThat(badDate.exitCode()).isEqualTo(2);
        assertThat(badDate.err()).startsWith("anvil: --baseline 2026-13-45: not a date such as 2026-11-01");
    }

    private static List<TestHistory.Outcome> stories(int n, int failing) {
        List<TestHistory.Outcome> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(i < failing ? failed("s" + i, "broken " + i) : passed("s" + i));
        }
        return out;
    }
}
