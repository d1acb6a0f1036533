package dev.anvil.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.synthetic.GeneratorSpec;
import dev.anvil.synthetic.GroundTruth;
import dev.anvil.synthetic.GroundTruth.Kind;
import dev.anvil.synthetic.GroundTruth.SeriesTruth;
import dev.anvil.synthetic.Patterns;
import dev.anvil.synthetic.SyntheticHistory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which found changes are dated more than two runs from the truth, and what the outcomes around
 * them look like: the tool behind the location work of {@link ChangePoints} (a main, as
 * generating a million results takes a minute and a half; the history and its truth are kept so
 * that a change of the method is measured on the same outcomes).
 * <pre>
 * java -cp target/classes:target/test-classes:$(deps) dev.anvil.analysis.LocationMisses gen 41 400 830 0.02 h.db h.json
 * java -cp ... dev.anvil.analysis.LocationMisses score h.db h.json
 * </pre>
 * Each miss is one line (analysis, pattern, levels, true and found run index, every cut, and how
 * much likelier the outcomes are with the change where it was found than at the truth) and the
 * outcomes 25 runs either side of the truth ({@code .} pass, {@code x} failure, {@code |} before the
 * true change run, {@code ^} before the one found); the last line is the share located.
 */
public final class LocationMisses {
    private LocationMisses() {
    }

    public static void main(String[] a) throws Exception {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        if (a[0].equals("gen")) {
            GeneratorSpec spec = GeneratorSpec.of(Long.parseLong(a[1]), Integer.parseInt(a[2]), GeneratorSpec.MODES,
                    Integer.parseInt(a[3]), Duration.ofHours(12)).withNoise(Double.parseDouble(a[4]));
            try (HistoryDatabase db = HistoryDatabase.open(Path.of(a[5]))) {
                GroundTruth truth = SyntheticHistory.generate(spec, Patterns.REALISTIC, db.repository());
                json.writeValue(Path.of(a[6]).toFile(), truth);
            }
            return;
        }
        GroundTruth truth = json.readValue(Path.of(a[2]).toFile(), GroundTruth.class);
        try (HistoryDatabase db = HistoryDatabase.open(Path.of(a[1]))) {
            OutcomeHistory h = OutcomeHistory.load(db.jdbi(), AnalysisFilter.all());
            Map<String, OutcomeSeries> byKey = new HashMap<>();
            Map<String, List<ChangePoints.Change>> changes = new HashMap<>();
            List<List<ChangePoints.Change>> all = h.changes(ChangePointSettings.DEFAULT);
            for (int k = 0; k < h.series().size(); k++) {
                OutcomeSeries s = h.series().get(k);
                byKey.put(GroundTruth.key(s.storyId(), s.mode()), s);
                changes.put(GroundTruth.key(s.storyId(), s.mode()), all.get(k));
            }
            Map<String, Regression> open = new HashMap<>();
            new Regressions(db.jdbi()).rows(h).forEach(r -> open.put(GroundTruth.key(r.storyId(), r.mode()), r));
            Map<String, Regression> fixed = new HashMap<>();
            new Regressions(db.jdbi(), ChangePointSettings.DEFAULT, true).rows(h).stream()
                    .filter(r -> Regressions.FIXED.equals(r.status()))
                    .forEach(r -> fixed.putIfAbsent(GroundTruth.key(r.storyId(), r.mode()), r));
            Map<String, Fix> fixes = new HashMap<>();
            new Fixes(db.jdbi()).rows(h).forEach(r -> fixes.put(GroundTruth.key(r.storyId(), r.mode()), r));
            int found = 0;
            int located = 0;
            for (SeriesTruth t : truth.series()) {
                String key = GroundTruth.key(t.storyId(), t.mode());
                OutcomeSeries s = byKey.get(key);
                String[] what = {null, null};
                int[] at = {-1, -1};
                if (t.kind() == Kind.REGRESSED && open.containsKey(key)) {
                    what[0] = "regression";
                    at[0] = truth.runIndex(t.mode(), open.get(key).firstFailingRunId());
                }
                if (t.kind() == Kind.EPISODE && fixed.containsKey(key)) {
                    what[0] = "episode drop";
                    at[0] = truth.runIndex(t.mode(), fixed.get(key).firstFailingRunId());
                }
                if ((t.kind() == Kind.FIXED || t.kind() == Kind.EPISODE) && fixes.containsKey(key)) {
                    what[1] = "fix";
                    at[1] = truth.runIndex(t.mode(), fixes.get(key).firstPassingRunId());
                }
                for (int w = 0; w < 2; w++) {
                    if (what[w] == null) {
                        continue;
                    }
                    int truthAt = w == 1 && t.kind() == Kind.EPISODE ? t.fixIndex() : t.changeIndex();
                    found++;
                    if (Math.abs(at[w] - truthAt) <= 2) {
                        located++;
                        continue;
                    }
                    StringBuilder line = new StringBuilder();
                    line.append(String.format("%-12s %-28s %.2f->%.2f truth %d found %d  cuts", what[w],
                            RealisticScores.pattern(t, truth.spec().runsPerMode()), t.passBefore(), t.passAfter(), truthAt, at[w]));
                    for (ChangePoints.Change c : changes.get(key)) {
                        line.append(' ').append(truth.runIndex(t.mode(), h.runId(s.run(c.index()))));
                    }
                    line.append(String.format("  log-likelihood found - truth %+.2f", likelihoodGap(s, changes.get(key), h,
                            truth, t.mode(), truthAt)));
                    line.append("\n   ");
                    for (int i = 0; i < s.size(); i++) {
                        int ti = truth.runIndex(t.mode(), h.runId(s.run(i)));
                        if (ti >= truthAt - 25 && ti <= truthAt + 25) {
                            if (ti == truthAt) {
                                line.append('|');
                            }
                            if (ti == at[w]) {
                                line.append('^');
                            }
                            line.append(s.passed(i) ? '.' : 'x');
                        }
                    }
                    System.out.println(line);
                }
            }
            System.out.printf("located %d of %d = %.3f%n", located, found, (double) located / found);
        }
    }

    /**
     * How much likelier the outcomes are with the change where it was found than at the truth,
     * between the found change's neighbours (the two-level likelihood of that stretch, rates
     * fitted): positive when the outcomes themselves favour the date found.
     */
    private static double likelihoodGap(OutcomeSeries s, List<ChangePoints.Change> changes, OutcomeHistory h,
                                        GroundTruth truth, String mode, int truthAt) {
        int at = 0;
        while (at < s.size() && truth.runIndex(mode, h.runId(s.run(at))) < truthAt) {
            at++;
        }
        ChangePoints.Change nearest = null;
        for (ChangePoints.Change c : changes) {
            if (nearest == null || Math.abs(c.index() - at) < Math.abs(nearest.index() - at)) {
                nearest = c;
            }
        }
        if (nearest == null || at <= nearest.from() || at >= nearest.to()) {
            return Double.NaN;
        }
        return twoLevels(s, nearest.from(), nearest.index(), nearest.to()) - twoLevels(s, nearest.from(), at, nearest.to());
    }

    private static double twoLevels(OutcomeSeries s, int from, int k, int to) {
        return level(s.passes(from, k), k - from) + level(s.passes(k, to), to - k);
    }

    private static double level(int passes, int n) {
        return xLogX(passes) + xLogX(n - passes) - xLogX(n);
    }

    private static double xLogX(double x) {
        return x == 0 ? 0 : x * Math.log(x);
    }
}
