package dev.anvil.analysis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * The evaluation of {@link RealisticQualityTest} on larger histories with the realistic patterns,
 * up to a million results (minutes, so a main rather than a test):
 * {@code java -cp target/classes:target/test-classes:$(deps) dev.anvil.analysis.RealisticQualityReport [SEED ...]}.
 * Each seed gives a history of 400 stories x 3 modes x 830 runs (about 1,000,000 results, noise
 * 0.02) and one of 100 x 3 x 140 (about 40,000, noise 0.03). Writes
 * {@code target/analysis-quality-realistic-large.txt} and exits 1 when a score is below what the
 * test asserts.
 */
public final class RealisticQualityReport {
    private RealisticQualityReport() {
    }

    public static void main(String[] args) throws Exception {
        long[] seeds = args.length == 0 ? new long[] {41} : java.util.Arrays.stream(args).mapToLong(Long::parseLong).toArray();
        Path dir = Files.createTempDirectory("anvil-realistic");
        RealisticScores scores = new RealisticScores();
        StringBuilder report = new StringBuilder();
        try {
            for (long seed : seeds) {
                report.append(RealisticQualityTest.analyse(dir, seed, 400, 830, 0.02, scores));
                report.append(RealisticQualityTest.analyse(dir, seed + 1000, 100, 140, 0.03, scores));
                System.out.print(report);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        report.append("pooled\n").append(scores.report());
        System.out.print(scores.report());
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "analysis-quality-realistic-large.txt"), report.toString());
        boolean ok = true;
        for (String what : new String[] {"regressions", "fixes", "flaky"}) {
            ok &= scores.get(what).precision() >= 0.95 && scores.get(what).recall() >= 0.90;
        }
        ok &= scores.get("later fixed (--all)").precision() >= 0.90 && scores.get("later fixed (--all)").recall() >= 0.80;
        ok &= scores.get("slowdowns").precision() >= 0.95 && scores.get("slowdowns").recall() >= 0.95;
        System.exit(ok ? 0 : 1);
    }
}
