package dev.anvil.cli;

import dev.anvil.AnvilException;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.HistoryRepository;
import dev.anvil.synthetic.GeneratorSpec;
import dev.anvil.synthetic.GroundTruth;
import dev.anvil.synthetic.Patterns;
import dev.anvil.synthetic.SyntheticHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fill the history with a synthetic one whose truth is known, for demos, notebooks and benchmarks.",
                "",
                "Every mode (copilot-cli, aura-agents, story-ui) runs every story at each run. Each (story, mode) series "
                        + "is stable (stray failures at the noise level), flaky (passes 30-80%% of the time), regressed or "
                        + "fixed at a known run (a fifth of them only five runs before the end), or broken; a few percent of "
                        + "results are infrastructure errors or skips. The last run starts within the past hour, so "
                        + "'the last 7 days' has data. The same seed gives the same history.",
                "",
                "With --realistic, the patterns of real agent histories on top (see --realistic).",
                "",
                "Refuses a database that already has runs unless --append is given."})
final class GenerateCommand extends HistoryCommand implements Callable<Integer> {

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the random draws (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--stories", paramLabel = "N", description = "Stories per mode (default: 40; 400 with --year).")
    Integer stories;

    @Option(names = "--days", paramLabel = "N", description = "Days of history (default: 30; 365 with --year).")
    Integer days;

    @Option(names = "--runs-per-day", paramLabel = "N", description = "Runs a day of each mode (default: ${DEFAULT-VALUE}).")
    int runsPerDay = 2;

    @Option(names = "--runs", paramLabel = "N",
            description = "Runs of each mode in all (instead of --days x --runs-per-day).")
    Integer runs;

    @Option(names = "--noise", paramLabel = "P", description = "Failure probability of a stable story (default: ${DEFAULT-VALUE}).")
    double noise = 0.02;

    @Option(names = "--year", description = "A year of history: 400 stories, 3 modes, 2 runs a day (876,000 results).")
    boolean year;

    @Option(names = "--realistic", description = {"Add the realistic patterns of real agent histories: partial "
            + "regressions and fixes, flaky stories that become stable, regressions fixed later (short and long), "
            + "streaky flakiness, flaky stories at 0.85-0.95, stories added and removed, runs that skip stories, "
            + "failed-only reruns, whole-run outages (the first mode ends with two), late slowdowns, slow runners."})
    boolean realistic;

    @Option(names = "--append", description = "Add to a history that already has runs.")
    boolean append;

    @Override
    public Integer call() {
        if (runsPerDay < 1 || runsPerDay > 48) {
            throw new AnvilException("--runs-per-day must be between 1 and 48, not " + runsPerDay);
        }
        int nStories = stories != null ? stories : year ? 400 : 40;
        int nDays = days != null ? days : year ? 365 : 30;
        if (nStories < 1 || nDays < 1) {
            throw new AnvilException("--stories and --days must be at least 1");
        }
        if (noise < 0 || noise > 0.5) {
            throw new AnvilException("--noise must be between 0 and 0.5, not " + noise);
        }
        if (runs != null && runs < 1) {
            throw new AnvilException("--runs must be at least 1, not " + runs);
        }
        Duration interval = Duration.ofMinutes(24 * 60 / runsPerDay);
        long wanted = runs != null ? runs : (long) nDays * runsPerDay;
        refuseWhatCannotFit(nStories, wanted, GeneratorSpec.MODES.size(), Runtime.getRuntime().maxMemory());
        int runsPerMode = (int) wanted;
        GeneratorSpec spec = GeneratorSpec.of(seed, nStories, GeneratorSpec.MODES, runsPerMode, interval).withNoise(noise);
        try (HistoryDatabase db = openHistoryForWriting("generate")) {
            HistoryRepository repo = db.repository();
            long existing = repo.countRuns();
            if (existing > 0 && !append) {
                throw new AnvilException(db.display() + " already has " + existing
                        + " run(s); give --append to add a synthetic history to it, or --db a new file");
            }
            long t0 = System.nanoTime();
            GroundTruth truth = SyntheticHistory.generate(spec, realistic ? Patterns.REALISTIC : Patterns.NONE, repo);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            out().printf("generated %,d results in %,d runs (%d stories, %d modes, seed %d) into %s in %.1f s%n",
                    truth.results(), (long) runsPerMode * spec.modes().size(), nStories, spec.modes().size(), seed,
                    db.display(), ms / 1000.0);
            for (GroundTruth.Kind kind : GroundTruth.Kind.values()) {
                out().printf("  %-9s %d series%n", kind.name().toLowerCase(java.util.Locale.ROOT), truth.ofKind(kind).size());
            }
            out().flush();
        }
        return 0;
    }

    /**
     * What the generator keeps in memory while it writes: a plan per (story, mode) series and its
     * truth (~400 bytes), the id of every run and its revision (~200 bytes a run per mode), and one
     * run's results before they are written (~1 kB a story). Refused up front with one line, so a
     * typo such as {@code --stories 40000000} does not end in an OutOfMemoryError half way.
     */
    static void refuseWhatCannotFit(long stories, long runsPerMode, int modes, long maxMemory) {
        long needed = stories * modes * 400 + runsPerMode * modes * 200 + stories * 1_000;
        if (runsPerMode > Integer.MAX_VALUE || needed > maxMemory / 2) {
            throw new AnvilException(String.format(java.util.Locale.ROOT,
                    "%,d stories x %,d runs per mode cannot fit in memory: generating needs about %,d MB, this JVM may "
                            + "use %,d MB (generate fewer, or give Java more with ANVIL_JAVA_OPTS=-Xmx...)",
                    stories, runsPerMode, Math.max(needed, 0) / (1 << 20) * 2, maxMemory / (1 << 20)));
        }
    }
}
