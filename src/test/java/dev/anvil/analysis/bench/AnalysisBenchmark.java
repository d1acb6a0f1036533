package dev.anvil.analysis.bench;

import dev.anvil.analysis.AdrQueries;
import dev.anvil.analysis.AnalysisFilter;
import dev.anvil.analysis.FlakyStories;
import dev.anvil.analysis.FlakyStory;
import dev.anvil.analysis.Regression;
import dev.anvil.analysis.Regressions;
import dev.anvil.history.HistoryDatabase;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The analyses in process on a year of synthetic history, to compare with the sqlite3 shell
 * running the hand-written SQL of {@code src/bench/sql} (see {@code src/bench/analysis-bench}). The
 * database is {@code -Danvil.bench.db=PATH} (default {@code target/bench/year.db}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error"})
public class AnalysisBenchmark {
    private HistoryDatabase db;
    private AnalysisFilter lastWeek;

    @Setup(Level.Trial)
    public void open() {
        db = HistoryDatabase.open(Path.of(System.getProperty("anvil.bench.db", "target/bench/year.db")));
        lastWeek = AnalysisFilter.all().withSince(Instant.now().minus(Duration.ofDays(7)));
    }

    @TearDown(Level.Trial)
    public void close() {
        db.close();
    }

    @Benchmark
    public List<FlakyStory> flaky7d() {
        return new FlakyStories(db.jdbi()).rows(lastWeek);
    }

    @Benchmark
    public List<Regression> regressions7d() {
        return new Regressions(db.jdbi()).rows(lastWeek);
    }

    @Benchmark
    public List<Regression> regressionsFull() {
        return new Regressions(db.jdbi()).rows(AnalysisFilter.all());
    }

    @Benchmark
    public List<String> adr012FlakyAsWritten() {
        return new AdrQueries(db.jdbi()).flaky();
    }
}
