package dev.anvil.synthetic;

import dev.anvil.Version;
import dev.anvil.history.HistoryRepository;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.RunStart;
import dev.anvil.history.RunStatus;
import dev.anvil.history.StoryResult;
import dev.anvil.synthetic.GroundTruth.Kind;
import dev.anvil.synthetic.GroundTruth.SeriesTruth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Writes a synthetic history with known truth through the {@link HistoryRepository}: every mode
 * runs every story {@code runsPerMode} times; each (story, mode) series is stable, flaky,
 * regressing, fixed or broken (see {@link Kind}); infrastructure errors and skips are sprinkled
 * over all of them; durations are log-normal per series, some series become slower at a known run;
 * failure messages carry numbers, paths and ids so failure signatures have something to strip.
 */
public final class SyntheticHistory {
    private static final String[] CATEGORIES = {"rest-api", "cli-tool", "library", "refactor", "unit-tests",
            "data-pipeline", "web-ui", "auth", "storage", "parser"};
    private static final String[] SYMBOLS = {"OrderService", "parseConfig", "UserRepository", "renderPage",
            "TokenCache", "retryPolicy", "InvoiceMapper", "tokenize", "HealthCheck", "migrateSchema"};
    /** Outage runs: a few runs in a hundred lose a quarter of their stories to infrastructure errors. */
    private static final double OUTAGE_PROBABILITY = 0.02;
    private static final double OUTAGE_ERROR_RATE = 0.25;
    /** Runs are committed in groups of about this many results: a year is 170 commits, not 2,190. */
    private static final int RESULTS_PER_TRANSACTION = 5_000;

    private SyntheticHistory() {
    }

    /** Generates {@code spec} into the repository and returns what it really contains. */
    public static GroundTruth generate(GeneratorSpec spec, HistoryRepository repository) {
        return generate(spec, Patterns.NONE, repository);
    }

    /** Generates {@code spec} with the realistic {@code patterns} on top (see {@link Patterns}). */
    public static GroundTruth generate(GeneratorSpec spec, Patterns patterns, HistoryRepository repository) {
        // One handle for the whole history: Jdbi reuses a thread's open handle for the repository's
        // nested calls, so runs are not paying for a new connection each; a larger page cache keeps
        // the indexes of a year of results in memory while they grow.
        return repository.jdbi().withHandle(h -> {
            boolean sqlite = isSqlite(h.getConnection());
            if (sqlite) {
                h.execute("PRAGMA cache_size = -262144");
            }
            try {
                return new Writer(spec, patterns, repository).write();
            } finally {
                if (sqlite) {
                    h.execute("PRAGMA cache_size = -2000");
                }
            }
        });
    }

    private static boolean isSqlite(java.sql.Connection c) {
        try {
            return dev.anvil.history.engine.Engine.of(c) == dev.anvil.history.engine.Engine.SQLITE;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot tell the database engine: " + e.getMessage(), e);
        }
    }

    private static final class Writer {
        private final GeneratorSpec spec;
        private final Patterns patterns;
        private final HistoryRepository repository;
        private final SplittableRandom random;
        /** Draws of the realistic patterns only, so a clean history stays the same for the same seed. */
        private final SplittableRandom extra;
        private final int[] activeFrom; // [story] first run slot with the story
        private final int[] activeTo;   // [story] run slot after its last
        private final List<List<String>> modeRuns = new ArrayList<>(); // [mode] run ids in time order, reruns included
        private final int[][] slotIndex; // [mode][slot] index of the slot's run in modeRuns
        private final SplittableRandom idRandom;
        private final int nModes;
        private final String[] storyIds;
        private final String[] languages;
        private final SeriesPlan[][] plans; // [story][mode]
        private final String[][] runIds;    // [mode][run]
        private final String[] revisions;   // [run slot]
        private final double baseErrorRate;

        Writer(GeneratorSpec spec, Patterns patterns, HistoryRepository repository) {
            this.spec = spec;
            this.patterns = patterns;
            this.repository = repository;
            this.random = new SplittableRandom(spec.seed());
            this.extra = new SplittableRandom(spec.seed() * 0x9E3779B97F4A7C15L + 12);
            // Ids come from their own stream, salted with the runs already there, so appending the
            // same seed twice gives new ids (and the same outcomes).
            this.idRandom = new SplittableRandom(spec.seed() * 31 + repository.countRuns());
            this.nModes = spec.modes().size();
            this.storyIds = new String[spec.stories()];
            this.languages = new String[spec.stories()];
            for (int s = 0; s < spec.stories(); s++) {
                storyIds[s] = String.format(Locale.ROOT, "%s-%03d", CATEGORIES[s % CATEGORIES.length], s + 1);
                languages[s] = spec.languages().get(s % spec.languages().size());
            }
            this.runIds = new String[nModes][spec.runsPerMode()];
            for (int m = 0; m < nModes; m++) {
                for (int r = 0; r < spec.runsPerMode(); r++) {
                    runIds[m][r] = uuid();
                }
            }
            this.plans = new SeriesPlan[spec.stories()][nModes];
            for (int s = 0; s < spec.stories(); s++) {
                for (int m = 0; m < nModes; m++) {
                    plans[s][m] = patterns.any() && extra.nextDouble() < patterns.seriesShare() ? patternPlan(s) : plan(s);
                    if (patterns.any() && plans[s][m].slower < 0 && extra.nextDouble() < patterns.lateSlowdownShare()
                            && spec.runsPerMode() >= 30) {
                        plans[s][m].lateSlowdown(spec.runsPerMode() - 6 - extra.nextInt(5), 1.5 + 1.5 * extra.nextDouble());
                    }
                }
            }
            this.activeFrom = new int[spec.stories()];
            this.activeTo = new int[spec.stories()];
            for (int s = 0; s < spec.stories(); s++) {
                activeTo[s] = spec.runsPerMode();
                boolean unchanged = true;
                for (SeriesPlan p : plans[s]) {
                    unchanged &= p.change < 0;
                }
                double u = patterns.any() ? extra.nextDouble() : 1;
                int n = spec.runsPerMode();
                if (unchanged && n >= 40 && u < patterns.addedShare() + patterns.removedShare()) {
                    int at = n / 4 + extra.nextInt(n / 2);
                    if (u < patterns.addedShare()) {
                        activeFrom[s] = at;
                    } else {
                        activeTo[s] = at;
                    }
                    for (SeriesPlan p : plans[s]) {
                        p.noSlowdown(); // a slowdown outside the story's life has no results to show
                    }
                }
            }
            this.slotIndex = new int[nModes][spec.runsPerMode()];
            for (int m = 0; m < nModes; m++) {
                modeRuns.add(new ArrayList<>());
            }
            this.revisions = revisions();
            this.baseErrorRate = Math.max(0, spec.errorRate() - OUTAGE_PROBABILITY * OUTAGE_ERROR_RATE);
        }

        /** One series' behaviour, drawn once up front. */
        private SeriesPlan plan(int story) {
            int n = spec.runsPerMode();
            double stable = 1 - spec.noise();
            double u = random.nextDouble();
            Kind kind;
            double cut = spec.flakyShare();
            boolean changes = n >= 20; // too short a history has no room for a before and an after
            if (u < cut) {
                kind = Kind.FLAKY;
            } else if (changes && u < (cut += spec.regressedShare())) {
                kind = Kind.REGRESSED;
            } else if (changes && u < (cut += spec.fixedShare())) {
                kind = Kind.FIXED;
            } else if (u < cut + spec.brokenShare()) {
                kind = Kind.BROKEN;
            } else {
                kind = Kind.STABLE;
            }
            double before;
            double after;
            int change = -1;
            switch (kind) {
                case FLAKY:
                    before = after = 0.3 + 0.5 * random.nextDouble();
                    break;
                case REGRESSED:
                    before = stable;
                    after = 0.05 * random.nextDouble();
                    change = changeIndex(n);
                    break;
                case FIXED:
                    before = 0.05 * random.nextDouble();
                    after = stable;
                    change = changeIndex(n);
                    break;
                case BROKEN:
                    before = after = 0.05 * random.nextDouble();
                    break;
                default:
                    before = after = stable;
            }
            int slower = -1;
            double factor = 1;
            if (n >= 20 && random.nextDouble() < spec.slowerShare()) {
                slower = n / 4 + random.nextInt(Math.max(1, n - 8 - n / 4));
                factor = 1.6 + 1.4 * random.nextDouble();
            }
            double median = Math.exp(Math.log(45_000) + 0.7 * gaussian());
            return new SeriesPlan(kind, before, after, change, slower, factor, median, failureTemplate(languages[story]));
        }

        /** One of the realistic series patterns, drawn in proportion to their shares. */
        private SeriesPlan patternPlan(int story) {
            int n = spec.runsPerMode();
            double stable = 1 - spec.noise();
            Patterns p = patterns;
            double u = extra.nextDouble() * p.seriesShare();
            SeriesPlan plan;
            if (n >= 20 && u < p.partialRegressionShare()) {
                plan = basePlan(story, Kind.REGRESSED, stable, stable - 0.25 - 0.35 * extra.nextDouble(), changeIndex(n));
            } else if (n >= 20 && u < p.partialRegressionShare() + p.partialFixShare()) {
                plan = basePlan(story, Kind.FIXED, 0.35 + 0.37 * extra.nextDouble(), stable, changeIndex(n));
            } else if (n >= 60 && u < p.partialRegressionShare() + p.partialFixShare() + p.episodeShare()) {
                boolean shortOne = extra.nextBoolean();
                int length = shortOne ? 7 + extra.nextInt(20) : 40 + extra.nextInt(111);
                length = Math.min(length, n / 3);
                double low = extra.nextInt(3) == 0 ? 0.3 + 0.4 * extra.nextDouble() : 0.05 * extra.nextDouble();
                int lo = Math.max(10, n / 10);
                int hi = n - length - 10;
                int change = lo + extra.nextInt(Math.max(1, hi - lo + 1));
                plan = basePlan(story, Kind.EPISODE, stable, low, change);
                plan.fix = change + length;
            } else if (u < p.partialRegressionShare() + p.partialFixShare() + p.episodeShare() + p.streakyShare()) {
                double rate = 0.6 + 0.25 * extra.nextDouble();
                double meanFailureStreak = 2 + 8 * extra.nextDouble();
                plan = basePlan(story, Kind.STREAKY, rate, rate, -1);
                plan.failToPass = 1 / meanFailureStreak;
                plan.passToFail = plan.failToPass * (1 - rate) / rate;
            } else {
                double rate = 0.85 + 0.10 * extra.nextDouble();
                plan = basePlan(story, Kind.FLAKY, rate, rate, -1);
            }
            return plan;
        }

        /** A plan of {@code kind} with the clean mix's durations: an early slowdown for some, x1.3 to x3. */
        private SeriesPlan basePlan(int story, Kind kind, double before, double after, int change) {
            int n = spec.runsPerMode();
            int slower = -1;
            double factor = 1;
            if (n >= 20 && random.nextDouble() < spec.slowerShare()) {
                slower = n / 4 + random.nextInt(Math.max(1, n - 12 - n / 4));
                factor = 1.3 + 1.7 * random.nextDouble();
            }
            double median = Math.exp(Math.log(45_000) + 0.7 * gaussian());
            return new SeriesPlan(kind, before, after, change, slower, factor, median, failureTemplate(languages[story]));
        }

        /** A change late in the history for a share of them (only five runs after), else anywhere with room on both sides. */
        private int changeIndex(int n) {
            if (random.nextDouble() < spec.lateShare()) {
                return n - 5;
            }
            int lo = Math.max(10, n / 10);
            int hi = n - 6;
            return lo + random.nextInt(Math.max(1, hi - lo + 1));
        }

        /** Revisions of the system under test: a new one at about every other run slot, and at every true change. */
        private String[] revisions() {
            int n = spec.runsPerMode();
            boolean[] changeAt = new boolean[n];
            for (SeriesPlan[] row : plans) {
                for (SeriesPlan p : row) {
                    if (p.change >= 0) {
                        changeAt[p.change] = true;
                    }
                }
            }
            String[] out = new String[n];
            String current = sha();
            for (int r = 0; r < n; r++) {
                if (r > 0 && (changeAt[r] || random.nextDouble() < 0.5)) {
                    current = sha();
                }
                out[r] = current;
            }
            return out;
        }

        GroundTruth write() {
            int n = spec.runsPerMode();
            Duration modeGap = spec.interval().dividedBy(nModes);
            Duration step = modeGap.multipliedBy(8).dividedBy(10).dividedBy(spec.stories() + 1L);
            long total = 0;
            int runsPerTransaction = Math.max(1, RESULTS_PER_TRANSACTION / spec.stories());
            for (int first = 0; first < n; first += runsPerTransaction) {
                int from = first;
                int to = Math.min(n, first + runsPerTransaction);
                total += repository.jdbi().inTransaction(h -> writeRuns(from, to, modeGap, step));
            }
            return truth(total);
        }

        /** Writes run slots {@code from} (inclusive) to {@code to} of every mode; returns the number of results. */
        private long writeRuns(int from, int to, Duration modeGap, Duration step) {
            long total = 0;
            for (int r = from; r < to; r++) {
                for (int m = 0; m < nModes; m++) {
                    Instant started = spec.start().plus(spec.interval().multipliedBy(r)).plus(modeGap.multipliedBy(m));
                    String mode = spec.modes().get(m);
                    String runId = runIds[m][r];
                    slotIndex[m][r] = modeRuns.get(m).size();
                    modeRuns.get(m).add(runId);
                    repository.startRun(new RunStart(runId, started, mode, "synthetic #" + (r + 1), revisions[r],
                            "synthetic", null, Version.get()));
                    boolean outage = random.nextDouble() < OUTAGE_PROBABILITY;
                    RunShape shape = shape(m, r);
                    List<StoryResult> results = new ArrayList<>(spec.stories());
                    Instant at = started;
                    for (int s = 0; s < spec.stories(); s++) {
                        at = at.plus(step);
                        if (r < activeFrom[s] || r >= activeTo[s] || (shape.skip > 0 && extra.nextDouble() < shape.skip)) {
                            continue;
                        }
                        results.add(result(runId, s, plans[s][m], r, outage, shape, false, at));
                    }
                    repository.appendResults(results);
                    repository.finishRun(runId, RunStatus.COMPLETED, at.plus(step));
                    total += results.size();
                    if (shape.rerun) {
                        total += rerunFailed(m, r, started.plus(modeGap.multipliedBy(85).dividedBy(100)), step, results);
                    }
                }
            }
            return total;
        }

        /** How a run differs from a plain one under the realistic patterns; a plain run without them. */
        private RunShape shape(int mode, int run) {
            if (!patterns.any()) {
                return RunShape.PLAIN;
            }
            boolean whole = extra.nextDouble() < patterns.outageShare()
                    || (patterns.tailOutage() && mode == 0 && run >= spec.runsPerMode() - 2);
            double skip = extra.nextDouble() < patterns.skippingRunShare() ? 0.1 + 0.2 * extra.nextDouble() : 0;
            double slow = extra.nextDouble() < patterns.slowRunnerShare() ? 1.3 + 0.5 * extra.nextDouble() : 1;
            boolean rerun = extra.nextDouble() < patterns.rerunShare();
            return new RunShape(whole, skip, slow, rerun);
        }

        /** A rerun of the failed stories of a run only, as CI retries do; it is a run of its own. */
        private long rerunFailed(int m, int r, Instant started, Duration step, List<StoryResult> results) {
            List<Integer> failed = new ArrayList<>();
            for (int s = 0, i = 0; s < spec.stories() && i < results.size(); s++) {
                if (results.get(i).storyId().equals(storyIds[s])) {
                    if (results.get(i).status() == ResultStatus.FAILED) {
                        failed.add(s);
                    }
                    i++;
                }
            }
            if (failed.isEmpty()) {
                return 0;
            }
            String runId = uuid();
            modeRuns.get(m).add(runId);
            repository.startRun(new RunStart(runId, started, spec.modes().get(m), "synthetic #" + (r + 1) + " rerun of failed",
                    revisions[r], "synthetic", null, Version.get()));
            List<StoryResult> rerun = new ArrayList<>(failed.size());
            Instant at = started;
            Duration gap = step.dividedBy(4);
            for (int s : failed) {
                at = at.plus(gap);
                rerun.add(result(runId, s, plans[s][m], r, false, RunShape.PLAIN, true, at));
            }
            repository.appendResults(rerun);
            repository.finishRun(runId, RunStatus.COMPLETED, at.plus(gap));
            return rerun.size();
        }

        private StoryResult result(String runId, int story, SeriesPlan plan, int run, boolean outage, RunShape shape,
                                   boolean rerun, Instant at) {
            double u = random.nextDouble();
            double errorRate = shape.wholeOutage ? 1.1 : outage ? OUTAGE_ERROR_RATE : baseErrorRate;
            ResultStatus status;
            String message = null;
            double duration = plan.median * Math.exp(0.25 * gaussian()) * (plan.slower >= 0 && run >= plan.slower ? plan.factor : 1)
                    * shape.slowFactor;
            if (u < spec.skipRate()) {
                status = ResultStatus.SKIPPED;
                duration = 0;
            } else if (u < spec.skipRate() + errorRate) {
                status = ResultStatus.ERROR;
                message = errorMessage();
                duration = 200 + random.nextInt(5_000);
            } else {
                boolean passed = random.nextDouble() < plan.passAt(run, rerun);
                plan.outcome(passed, rerun);
                if (passed) {
                    status = ResultStatus.PASSED;
                } else {
                    status = ResultStatus.FAILED;
                    message = fill(plan.template);
                    duration *= 0.8;
                }
            }
            String id = storyIds[story];
            String category = id.substring(0, id.lastIndexOf('-'));
            return new StoryResult(timeOrderedUuid(at), runId, id, "stories/" + category + "/" + id + ".md", languages[story], status,
                    Math.round(duration), message, List.of(), at, null, null, null, List.of());
        }

        private String failureTemplate(String language) {
            String sym = SYMBOLS[random.nextInt(SYMBOLS.length)];
            switch (random.nextInt(3) == 0 ? "any" : language) {
                case "csharp": return "Build failed: src/App/" + sym + ".cs(#,#): error CS#: ; expected";
                case "python": return "tests/test_" + sym.toLowerCase(Locale.ROOT) + ".py::test_" + sym.toLowerCase(Locale.ROOT)
                        + " FAILED - AssertionError: assert # == #";
                case "typescript": return "src/" + sym + ".ts(#,#): error TS#: Property 'id' does not exist on type '" + sym + "'";
                case "java": return "Compilation failure: src/main/java/com/example/" + sym + ".java:[#,#] cannot find symbol " + sym;
                case "go": return "--- FAIL: Test" + sym + " (#.#s) " + sym.toLowerCase(Locale.ROOT) + "_test.go:#: got #, want #";
                case "rust": return "error[E#]: mismatched types --> src/" + sym.toLowerCase(Locale.ROOT) + ".rs:#:#";
                default:
                    switch (random.nextInt(3)) {
                        case 0: return "expectation file_contains failed: pattern '" + sym + "' not found in 'src/" + sym + ".txt' after # ms";
                        case 1: return "command 'make test' exited with code # after # ms";
                        default: return "agent timed out after # s (request req-@)";
                    }
            }
        }

        private String errorMessage() {
            switch (random.nextInt(3)) {
                case 0: return fill("Aura service unavailable: HTTP 503 from http://localhost:#/api/agents/@ (attempt #)");
                case 1: return fill("LLM provider rate limit: retry after # s (request @)");
                default: return fill("worktree creation failed: /tmp/anvil/worktrees/@: No space left on device");
            }
        }

        /** Replaces {@code #} by a number and {@code @} by a short hex id. */
        private String fill(String template) {
            StringBuilder sb = new StringBuilder(template.length() + 16);
            for (int i = 0; i < template.length(); i++) {
                char c = template.charAt(i);
                if (c == '#') {
                    sb.append(1 + random.nextInt(999));
                } else if (c == '@') {
                    sb.append(Long.toHexString(random.nextLong() & 0xffffffffL));
                } else {
                    sb.append(c);
                }
            }
            return sb.toString();
        }

        private GroundTruth truth(long total) {
            List<SeriesTruth> series = new ArrayList<>();
            for (int s = 0; s < spec.stories(); s++) {
                for (int m = 0; m < nModes; m++) {
                    SeriesPlan p = plans[s][m];
                    int[] at = slotIndex[m];
                    List<String> ids = modeRuns.get(m);
                    int end = activeTo[s] >= spec.runsPerMode() ? ids.size() : at[activeTo[s]];
                    series.add(new SeriesTruth(storyIds[s], spec.modes().get(m), languages[s], p.kind, p.before, p.after,
                            p.change < 0 ? -1 : at[p.change], p.change < 0 ? null : runIds[m][p.change],
                            p.slower < 0 ? -1 : at[p.slower], p.slower < 0 ? null : runIds[m][p.slower], p.factor,
                            p.median, p.template, p.fix < 0 ? -1 : at[p.fix], p.fix < 0 ? null : runIds[m][p.fix],
                            at[activeFrom[s]], end));
                }
            }
            Map<String, List<String>> ids = new HashMap<>();
            for (int m = 0; m < nModes; m++) {
                ids.put(spec.modes().get(m), modeRuns.get(m));
            }
            return new GroundTruth(spec, series, ids, total);
        }

        private double gaussian() {
            // Box-Muller on the seeded generator, so outcomes depend on the seed only.
            double u1 = random.nextDouble();
            double u2 = random.nextDouble();
            return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
        }

        private String uuid() {
            long msb = (idRandom.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
            long lsb = (idRandom.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
            return new UUID(msb, lsb).toString();
        }

        /**
         * A result id that sorts by time (the layout of UUID version 7: 48 bits of milliseconds,
         * then random bits), so a year of inserts appends to the primary-key index instead of
         * landing at random places in it. Run ids stay fully random: users type their prefixes.
         */
        private String timeOrderedUuid(Instant at) {
            long msb = (at.toEpochMilli() << 16) | 0x7000L | (idRandom.nextLong() & 0x0fffL);
            long lsb = (idRandom.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
            return new UUID(msb, lsb).toString();
        }

        private String sha() {
            StringBuilder sb = new StringBuilder(40);
            while (sb.length() < 40) {
                sb.append(String.format(Locale.ROOT, "%016x", random.nextLong()));
            }
            return sb.substring(0, 40);
        }
    }

    /** A run under the realistic patterns: a whole outage, a share of stories left out, a slow runner, a rerun after. */
    private record RunShape(boolean wholeOutage, double skip, double slowFactor, boolean rerun) {
        static final RunShape PLAIN = new RunShape(false, 0, 1, false);
    }

    private static final class SeriesPlan {
        final Kind kind;
        final double before;
        final double after;
        final int change;
        int slower;
        double factor;
        final double median;
        final String template;
        /** First run slot passing again after an episode, or -1. */
        int fix = -1;
        /** Streaky series: transition probabilities of the two-state Markov chain (0 when not streaky). */
        double failToPass;
        double passToFail;
        private boolean lastPassed = true;

        SeriesPlan(Kind kind, double before, double after, int change, int slower, double factor, double median,
                   String template) {
            this.kind = kind;
            this.before = before;
            this.after = after;
            this.change = change;
            this.slower = slower;
            this.factor = factor;
            this.median = median;
            this.template = template;
        }

        /** Pass probability at a run slot; a streaky series' depends on its previous outcome (not in a rerun). */
        double passAt(int run, boolean rerun) {
            if (kind == Kind.STREAKY) {
                return rerun ? before : lastPassed ? 1 - passToFail : failToPass;
            }
            if (fix >= 0) {
                return run >= change && run < fix ? after : before;
            }
            return change >= 0 && run >= change ? after : before;
        }

        void outcome(boolean passed, boolean rerun) {
            if (!rerun) {
                lastPassed = passed;
            }
        }

        void lateSlowdown(int from, double by) {
            slower = from;
            factor = by;
        }

        void noSlowdown() {
            slower = -1;
            factor = 1;
        }
    }
}
