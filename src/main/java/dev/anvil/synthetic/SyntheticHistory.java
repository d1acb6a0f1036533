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
        // One handle for the whole history: Jdbi reuses a thread's open handle for the repository's
        // nested calls, so runs are not paying for a new connection each; a larger page cache keeps
        // the indexes of a year of results in memory while they grow.
        return repository.jdbi().withHandle(h -> {
            boolean sqlite = isSqlite(h.getConnection());
            if (sqlite) {
                h.execute("PRAGMA cache_size = -262144");
            }
            try {
                return new Writer(spec, repository).write();
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
        private final HistoryRepository repository;
        private final SplittableRandom random;
        private final SplittableRandom idRandom;
        private final int nModes;
        private final String[] storyIds;
        private final String[] languages;
        private final SeriesPlan[][] plans; // [story][mode]
        private final String[][] runIds;    // [mode][run]
        private final String[] revisions;   // [run slot]
        private final double baseErrorRate;

        Writer(GeneratorSpec spec, HistoryRepository repository) {
            this.spec = spec;
            this.repository = repository;
            this.random = new SplittableRandom(spec.seed());
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
                    plans[s][m] = plan(s);
                }
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
                    repository.startRun(new RunStart(runId, started, mode, "synthetic #" + (r + 1), revisions[r],
                            "synthetic", null, Version.get()));
                    boolean outage = random.nextDouble() < OUTAGE_PROBABILITY;
                    List<StoryResult> results = new ArrayList<>(spec.stories());
                    Instant at = started;
                    for (int s = 0; s < spec.stories(); s++) {
                        at = at.plus(step);
                        results.add(result(runId, s, plans[s][m], r, outage, at));
                    }
                    repository.appendResults(results);
                    repository.finishRun(runId, RunStatus.COMPLETED, at.plus(step));
                    total += results.size();
                }
            }
            return total;
        }

        private StoryResult result(String runId, int story, SeriesPlan plan, int run, boolean outage, Instant at) {
            double u = random.nextDouble();
            double errorRate = outage ? OUTAGE_ERROR_RATE : baseErrorRate;
            ResultStatus status;
            String message = null;
            double duration = plan.median * Math.exp(0.25 * gaussian()) * (plan.slower >= 0 && run >= plan.slower ? plan.factor : 1);
            if (u < spec.skipRate()) {
                status = ResultStatus.SKIPPED;
                duration = 0;
            } else if (u < spec.skipRate() + errorRate) {
                status = ResultStatus.ERROR;
                message = errorMessage();
                duration = 200 + random.nextInt(5_000);
            } else {
                double pass = plan.change >= 0 && run >= plan.change ? plan.after : plan.before;
                if (random.nextDouble() < pass) {
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
                    series.add(new SeriesTruth(storyIds[s], spec.modes().get(m), languages[s], p.kind, p.before, p.after,
                            p.change, p.change < 0 ? null : runIds[m][p.change], p.slower,
                            p.slower < 0 ? null : runIds[m][p.slower], p.factor, p.median, p.template));
                }
            }
            Map<String, List<String>> ids = new HashMap<>();
            for (int m = 0; m < nModes; m++) {
                ids.put(spec.modes().get(m), List.of(runIds[m]));
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

    private static final class SeriesPlan {
        final Kind kind;
        final double before;
        final double after;
        final int change;
        final int slower;
        final double factor;
        final double median;
        final String template;

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
    }
}
