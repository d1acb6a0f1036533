package dev.anvil.story;

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
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Loading and validating a suite of 1,000 stories (500 YAML scenarios, 500 Markdown stories, in
 * ten folders, one fixture) against the anchor: only listing and reading the same files' bytes.
 * Run: {@code mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * -Dmdep.includeScope=test && java -cp target/test-classes:target/classes:$(cat cp.txt)
 * dev.anvil.story.StoryLoaderBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StoryLoaderBenchmark {
    private Path suite;

    @Setup(Level.Trial)
    public void writeSuite() throws IOException {
        suite = Files.createTempDirectory("anvil-bench-suite");
        Files.createDirectories(suite.resolve("fixtures/app"));
        for (int i = 1; i <= 500; i++) {
            Path dir = Files.createDirectories(suite.resolve("stories/group" + i % 10));
            Files.writeString(dir.resolve("story-" + i + ".yaml"), """
                    name: story-%1$d
                    description: generated story %1$d
                    language: java
                    repository: fixtures/app
                    story:
                      title: Story %1$d
                      description: |
                        Create out-%1$d.txt with the word done.
                    expectations:
                      - type: file_exists
                        path: out-%1$d.txt
                      - type: file_contains
                        path: out-%1$d.txt
                        pattern: "^done$"
                    tags: [generated, g%2$d]
                    """.formatted(i, i % 10));
            Files.writeString(dir.resolve("story-md-" + i + ".md"), """
                    ---
                    id: md-%1$d
                    title: Markdown story %1$d
                    language: java
                    repository: fixtures/app
                    expected_files: ["out-%1$d.txt"]
                    validation: {build: true}
                    ---
                    Create out-%1$d.txt.
                    """.formatted(i));
        }
    }

    @TearDown(Level.Trial)
    public void removeSuite() throws IOException {
        try (Stream<Path> s = Files.walk(suite)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public StorySet loadAndValidate() {
        StorySet set = new StoryLoader().load(List.of(suite.resolve("stories")));
        if (set.stories().size() != 1000 || !set.valid()) {
            throw new IllegalStateException("the suite did not load: " + set.problems());
        }
        return set;
    }

    /** The anchor: what any loader must do at least, find the files and read their bytes. */
    @Benchmark
    public long readFilesOnly() throws IOException {
        long bytes = 0;
        try (Stream<Path> s = Files.walk(suite.resolve("stories"))) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                bytes += Files.readAllBytes(p).length;
            }
        }
        return bytes;
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(StoryLoaderBenchmark.class.getSimpleName()).build()).run();
    }
}
