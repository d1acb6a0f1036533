package dev.anvil.bench;

import dev.anvil.history.ExpectationResult;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.HistoryRepository;
import dev.anvil.history.Ids;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Run;
import dev.anvil.history.RunStart;
import dev.anvil.history.StoryResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Appending 100,000 story results to a history in batches (target: at most 2 s). Each
 * measurement starts from a fresh database file with one run, so every iteration pays for
 * the same inserts into the same indexes. Run with bench/append.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class AppendBenchmark {
    static final int RESULTS = 100_000;

    /** Results per transaction: a run's worth (400 stories), and larger batches. */
    @Param({"400", "5000"})
    int batch;

    /** Whether each result carries two expectation results (what anvil record writes). */
    @Param({"false", "true"})
    boolean expectations;

    Path dir;
    HistoryDatabase db;
    HistoryRepository repo;
    List<List<StoryResult>> batches;

    @Setup(Level.Invocation)
    public void freshDatabase() throws IOException {
        dir = Files.createTempDirectory("anvil-append-bench");
        db = HistoryDatabase.open(dir.resolve("anvil.db"));
        repo = db.repository();
        Run run = repo.startRun(RunStart.now("copilot-cli", "bench", null));
        Instant t = Instant.parse("2026-11-27T06:00:00Z");
        batches = new ArrayList<>();
        List<StoryResult> current = new ArrayList<>();
        for (int i = 0; i < RESULTS; i++) {
            ResultStatus status = i % 10 == 0 ? ResultStatus.FAILED : ResultStatus.PASSED;
            List<ExpectationResult> e = expectations
                    ? List.of(new ExpectationResult(1, "compiles", "it compiles", ResultStatus.PASSED, null),
                            new ExpectationResult(2, "tests_pass", "tests pass", status, null))
                    : List.of();
            current.add(new StoryResult(Ids.newId(), run.id(), "story-" + (i % 400), "stories/story-" + (i % 400) + ".yaml",
                    "java", status, 1000L + i % 5000, status == ResultStatus.FAILED ? "expected 3, got 4" : null,
                    List.of(), t.plusMillis(i), null, null, null, e));
            if (current.size() == batch) {
                batches.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
    }

    @Benchmark
    public long append100kResults() {
        for (List<StoryResult> b : batches) {
            repo.appendResults(b);
        }
        return batches.size();
    }

    @TearDown(Level.Invocation)
    public void removeDatabase() throws IOException {
        db.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
