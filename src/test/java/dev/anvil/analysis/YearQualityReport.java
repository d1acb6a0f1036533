package dev.anvil.analysis;

import dev.anvil.history.HistoryDatabase;
import dev.anvil.synthetic.GeneratorSpec;
import dev.anvil.synthetic.GroundTruth;
import dev.anvil.synthetic.GroundTruth.Kind;
import dev.anvil.synthetic.SyntheticHistory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The known-truth evaluation of {@link KnownTruthQualityTest} on {@link GeneratorSpec#year()}
 * (876,000 results), with the ADR queries for comparison. Minutes, so a main rather than a test:
 * {@code java -cp target/classes:target/test-classes:$(deps) dev.anvil.analysis.YearQualityReport [SEED]}
 * (see {@code src/bench/analysis-quality-year}). Writes {@code target/analysis-quality-year.txt} and
 * exits 1 when a score is below what {@link KnownTruthQualityTest} asserts.
 */
public final class YearQualityReport {
    private YearQualityReport() {
    }

    public static void main(String[] args) throws Exception {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 42;
        Path dir = Files.createTempDirectory("anvil-year");
        boolean ok;
        try (HistoryDatabase db = HistoryDatabase.open(dir.resolve("year.db"))) {
            GroundTruth truth = SyntheticHistory.generate(GeneratorSpec.year(seed), db.repository());
            OutcomeHistory history = OutcomeHistory.load(db.jdbi(), AnalysisFilter.all());
            KnownTruthScore regressions = KnownTruthScore.regressions("regressions", truth, new Regressions(db.jdbi()).rows(history));
            KnownTruthScore fixes = KnownTruthScore.fixes("fixes", truth, new Fixes(db.jdbi()).rows(history));
            KnownTruthScore flaky = KnownTruthScore.flaky("flaky", truth, new FlakyStories(db.jdbi()).rows(history));
            AdrQueries adr = new AdrQueries(db.jdbi());
            KnownTruthScore adrRegressions = KnownTruthScore.stories("ADR-005 regressions (7d)", truth, Kind.REGRESSED, adr.regressions());
            KnownTruthScore adrFlaky = KnownTruthScore.stories("ADR-012 flaky (7d)", truth, Kind.FLAKY, adr.flaky());
            StringBuilder report = new StringBuilder("year of history: 400 stories x 3 modes x 730 runs, seed " + seed + ", noise 0.02\n");
            for (KnownTruthScore s : List.of(regressions, fixes, flaky, adrRegressions, adrFlaky)) {
                report.append("  ").append(s).append('\n');
            }
            System.out.print(report);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "analysis-quality-year.txt"), report.toString());
            ok = true;
            for (KnownTruthScore s : List.of(regressions, fixes, flaky)) {
                ok &= s.precision() >= 0.95 && s.recall() >= 0.95;
            }
            ok &= regressions.locatedShare() >= 0.9 && fixes.locatedShare() >= 0.9;
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(ok ? 0 : 1);
    }
}
