package dev.anvil.synthetic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a synthetic history really contains: the kind of every (story, mode) series, where its
 * behaviour changed, and the run ids of every mode in time order (to measure how far a reported
 * change run is from the true one).
 */
public record GroundTruth(GeneratorSpec spec, List<SeriesTruth> series, Map<String, List<String>> runIds,
                         long results) {

    /** How a series behaves over the history. */
    public enum Kind {
        /** Passes, except for stray failures at the noise level. */
        STABLE,
        /** Passes with a probability between 0.3 and 0.8 throughout. */
        FLAKY,
        /** Passed (like a stable story) until its change run, fails from it on (pass probability at most 0.05). */
        REGRESSED,
        /** The mirror of REGRESSED: failed until its change run, passes from it on. */
        FIXED,
        /** Fails (almost) always: pass probability at most 0.05. */
        BROKEN,
        /** Regressed at its change run (fully or partly) and was fixed again at its fix run: an episode. */
        EPISODE,
        /** Stationary flaky (pass rate 0.6-0.85) whose failures come in streaks: a two-state Markov chain. */
        STREAKY
    }

    /**
     * The truth about one series.
     *
     * @param passBefore      pass probability before the change (the whole series when there is none)
     * @param passAfter       pass probability from the change run on (equal to passBefore without a change)
     * @param changeIndex     index of the first run of the new behaviour among the mode's runs, or -1
     * @param changeRunId     id of that run, or null
     * @param slowerFromIndex index of the first run with longer durations, or -1
     * @param slowerFromRunId id of that run, or null
     * @param slowdownFactor  how much longer durations are from that run on (1 when not slower)
     * @param medianMs        median duration before any slowdown
     * @param failureMessage  the template of this series' failure messages (numbers vary per result)
     * @param fixIndex        for an {@link Kind#EPISODE}, index of the first run passing again, else -1
     * @param fixRunId        id of that run, or null
     * @param firstIndex      index of the mode's first run that has this story (0 unless added mid-history)
     * @param endIndex        index after the mode's last run that has it (all the runs unless removed)
     */
    public record SeriesTruth(String storyId, String mode, String language, Kind kind, double passBefore,
                              double passAfter, int changeIndex, String changeRunId, int slowerFromIndex,
                              String slowerFromRunId, double slowdownFactor, double medianMs,
                              String failureMessage, int fixIndex, String fixRunId, int firstIndex, int endIndex) {

        /** The series as a clean history writes it: no episode, present in every run. */
        public SeriesTruth(String storyId, String mode, String language, Kind kind, double passBefore,
                           double passAfter, int changeIndex, String changeRunId, int slowerFromIndex,
                           String slowerFromRunId, double slowdownFactor, double medianMs, String failureMessage) {
            this(storyId, mode, language, kind, passBefore, passAfter, changeIndex, changeRunId, slowerFromIndex,
                    slowerFromRunId, slowdownFactor, medianMs, failureMessage, -1, null, 0, Integer.MAX_VALUE);
        }

        /** A drop of the pass rate, open or fixed later (an episode). */
        public boolean regressed() {
            return kind == Kind.REGRESSED || kind == Kind.EPISODE;
        }

        /** Flaky throughout: the pass rate never changes. */
        public boolean flakyThroughout() {
            return kind == Kind.FLAKY || kind == Kind.STREAKY;
        }

        public boolean changed() {
            return changeIndex >= 0;
        }

        public boolean slower() {
            return slowerFromIndex >= 0;
        }

        /** Results recorded after (and including) the change run. */
        public int runsAfterChange(int runsPerMode) {
            return changeIndex < 0 ? 0 : runsPerMode - changeIndex;
        }
    }

    public GroundTruth {
        series = List.copyOf(series);
        Map<String, List<String>> copy = new HashMap<>();
        runIds.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        runIds = Map.copyOf(copy);
    }

    public Optional<SeriesTruth> series(String storyId, String mode) {
        for (SeriesTruth s : series) {
            if (s.storyId().equals(storyId) && s.mode().equals(mode)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public List<SeriesTruth> ofKind(Kind kind) {
        List<SeriesTruth> out = new ArrayList<>();
        for (SeriesTruth s : series) {
            if (s.kind() == kind) {
                out.add(s);
            }
        }
        return out;
    }

    /** The position of a run among the runs of its mode (0 = first), or -1 when unknown. */
    public int runIndex(String mode, String runId) {
        List<String> ids = runIds.get(mode);
        return ids == null ? -1 : ids.indexOf(runId);
    }

    /** Series keys {@code storyId + '\t' + mode} of one kind, for set comparisons in evaluations. */
    public java.util.Set<String> keysOfKind(Kind kind) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (SeriesTruth s : ofKind(kind)) {
            keys.add(key(s.storyId(), s.mode()));
        }
        return keys;
    }

    public static String key(String storyId, String mode) {
        return storyId + '\t' + mode;
    }
}
