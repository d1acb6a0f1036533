package dev.anvil.analysis;

import dev.anvil.synthetic.GroundTruth;
import dev.anvil.synthetic.GroundTruth.Kind;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How well an analysis found one kind of series in a synthetic history: precision, recall and, for
 * changes, the share located within two runs of the true change run.
 */
record KnownTruthScore(String what, int truePositives, int falsePositives, int falseNegatives, int located,
                       List<String> missed, List<String> wrong) {

    static final int LOCATION_TOLERANCE = 2;

    double precision() {
        int flagged = truePositives + falsePositives;
        return flagged == 0 ? 1 : (double) truePositives / flagged;
    }

    double recall() {
        int real = truePositives + falseNegatives;
        return real == 0 ? 1 : (double) truePositives / real;
    }

    /** Share of the true positives whose reported change run is within two runs of the truth. */
    double locatedShare() {
        return truePositives == 0 ? 1 : (double) located / truePositives;
    }

    @Override
    public String toString() {
        String where = located < 0 ? "" : String.format(Locale.ROOT, "  located within %d runs %.3f", LOCATION_TOLERANCE, locatedShare());
        return String.format(Locale.ROOT, "%-26s precision %.3f  recall %.3f%s  (tp %d, fp %d, fn %d)",
                what, precision(), recall(), where, truePositives, falsePositives, falseNegatives);
    }

    static KnownTruthScore regressions(String what, GroundTruth truth, List<Regression> rows) {
        Set<String> flagged = new HashSet<>();
        int located = 0;
        for (Regression r : rows) {
            String key = GroundTruth.key(r.storyId(), r.mode());
            flagged.add(key);
            var t = truth.series(r.storyId(), r.mode()).orElseThrow();
            if (t.kind() == Kind.REGRESSED && near(truth, r.mode(), r.firstFailingRunId(), t.changeIndex())) {
                located++;
            }
        }
        return score(what, truth.keysOfKind(Kind.REGRESSED), flagged, located);
    }

    static KnownTruthScore fixes(String what, GroundTruth truth, List<Fix> rows) {
        Set<String> flagged = new HashSet<>();
        int located = 0;
        for (Fix r : rows) {
            flagged.add(GroundTruth.key(r.storyId(), r.mode()));
            var t = truth.series(r.storyId(), r.mode()).orElseThrow();
            if (t.kind() == Kind.FIXED && near(truth, r.mode(), r.firstPassingRunId(), t.changeIndex())) {
                located++;
            }
        }
        return score(what, truth.keysOfKind(Kind.FIXED), flagged, located);
    }

    static KnownTruthScore flaky(String what, GroundTruth truth, List<FlakyStory> rows) {
        Set<String> flagged = new HashSet<>();
        for (FlakyStory r : rows) {
            flagged.add(GroundTruth.key(r.storyId(), r.mode()));
        }
        Set<String> real = truth.keysOfKind(Kind.FLAKY);
        return score(what, real, flagged, -1);
    }

    /** Story-level score of a query that names stories across modes: a story is real when any of its modes is of the kind. */
    static KnownTruthScore stories(String what, GroundTruth truth, Kind kind, List<String> storyIds) {
        Set<String> real = new HashSet<>();
        for (var s : truth.ofKind(kind)) {
            real.add(s.storyId());
        }
        return score(what, real, new HashSet<>(storyIds), -1);
    }

    private static boolean near(GroundTruth truth, String mode, String runId, int changeIndex) {
        int at = truth.runIndex(mode, runId);
        return at >= 0 && Math.abs(at - changeIndex) <= LOCATION_TOLERANCE;
    }

    private static KnownTruthScore score(String what, Set<String> real, Set<String> flagged, int located) {
        Set<String> tp = new HashSet<>(flagged);
        tp.retainAll(real);
        Set<String> fp = new HashSet<>(flagged);
        fp.removeAll(real);
        Set<String> fn = new HashSet<>(real);
        fn.removeAll(flagged);
        return new KnownTruthScore(what, tp.size(), fp.size(), fn.size(), located, List.copyOf(fn), List.copyOf(fp));
    }
}
