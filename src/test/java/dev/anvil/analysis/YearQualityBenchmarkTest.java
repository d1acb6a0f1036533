package dev.anvil.analysis;

import dev.anvil.history.HistoryDatabase;
import dev.anvil.synthetic.GeneratorSpec;
import dev.anvil.synthetic.GroundTruth;
import dev.anvil.synthetic.GroundTruth.Kind;
import dev.anvil.synthetic.SyntheticHistory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The known-truth evaluation on {@link GeneratorSpec#year()} (876,000 results), with the ADR
 * queries for comparison; minutes, so tagged {@code benchmark}:
 * {@code mvn -B -o test -Dtest=YearQualityBenchmarkTest -DexcludedGroups= -Dgroups=benchmark}.
 * Writes {@code target/analysis-quality-year.txt}.
 */
@Tag("benchmark")
class YearQualityBenchmarkTest {

    @Test
    void aYearOfHistoryIsJudgedAsWellAsTheSmallOnes(@TempDir Path tmp) throws Exception {
        try (HistoryDatabase db = HistoryDatabase.open(tmp.resolve("year.db"))) {
            GroundTruth truth = SyntheticHistory.generate(GeneratorSpec.year(), db.repository());
            OutcomeHistory history = OutcomeHistory.load(db.jdbi(), AnalysisFilter.all());
            KnownTruthScore regressions = KnownTruthScore.regressions("regressions", truth, new Regressions(db.jdbi()).rows(history));
            KnownTruthScore fixes = KnownTruthScore.fixes("fixes", truth, new Fixes(db.jdbi()).rows(history));
            KnownTruthScore flaky = KnownTruthScore.flaky("flaky", truth, new FlakyStories(db.jdbi()).rows(history));
            AdrQueries adr = new AdrQueries(db.jdbi());
            KnownTruthScore adrRegressions = KnownTruthScore.stories("ADR-005 regressions (7d)", truth, Kind.REGRESSED, adr.regressions());
            KnownTruthScore adrFlaky = KnownTruthScore.stories("ADR-012 flaky (7d)", truth, Kind.FLAKY, adr.flaky());
            StringBuilder report = new StringBuilder("year of history: 400 stories x 3 modes x 730 runs, seed 42, noise 0.02\n");
            for (KnownTruthScore s : List.of(regressions, fixes, flaky, adrRegressions, adrFlaky)) {
                report.append("  ").append(s).append('\n');
            }
            System.out.print(report);
            Path target = Path.of(System.getProperty("anvil.projectDir", "."), "target");
            Files.createDirectories(target);
            Files.writeString(target.resolve("analysis-quality-year.txt"), report.toString());
            for (KnownTruthScore s : List.of(regressions, fixes, flaky)) {
                assertThat(s.precision()).as(s.toString()).isGreaterThanOrEqualTo(0.95);
                assertThat(s.recall()).as(s.toString()).isGreaterThanOrEqualTo(0.95);
            }
            assertThat(regressions.locatedShare()).isGreaterThanOrEqualTo(0.9);
            assertThat(fixes.locatedShare()).isGreaterThanOrEqualTo(0.9);
        }
    }
}
