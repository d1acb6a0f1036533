package dev.anvil.report;

import dev.anvil.history.ExpectationResult;
import dev.anvil.history.HistoryRepository;
import dev.anvil.history.Ids;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.RunStart;
import dev.anvil.history.RunStatus;
import dev.anvil.history.StoryResult;
import dev.anvil.testing.TestHistory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.anvil.testing.TestHistory.failed;
import static dev.anvil.testing.TestHistory.passed;

/**
 * Histories whose story the report must tell: {@code parse-config} passed for twelve runs and has
 * failed ever since (revision {@code rev-bad}), {@code flaky-cache} alternates, {@code add-endpoint}
 * always passes; the last run carries expectations, an agent log, a kept worktree and generated files.
 */
final class ReportHistories {
    static final String MODE = "copilot-cli";
    static final int RUNS = 20;
    static final Duration INTERVAL = Duration.ofHours(12);

    private ReportHistories() {
    }

    /** Returns the id of the last run. */
    static String regressionAndFlaky(TestHistory h, Path logs) throws IOException {
        for (int i = 0; i < RUNS - 1; i++) {
            boolean broken = i >= 12;
            h.run(MODE, TestHistory.at(i, INTERVAL), broken ? "rev-bad" : "rev-good", List.of(
                    passed("add-endpoint"),
                    broken ? failed("parse-config", "tests_pass: 3 of 41 tests failed") : passed("parse-config"),
                    i % 2 == 0 ? passed("flaky-cache") : failed("flaky-cache", "timeout waiting for cache warm-up")));
        }
        Path log = Files.createDirectories(logs).resolve("parse-config.log");
        Files.writeString(log, "agent: reading src/config.py\nagent: editing parse_config\n"
                + "FAILED tests/test_config.py::test_nested_keys - KeyError: 'db'\n");
        Instant start = TestHistory.at(RUNS - 1, INTERVAL);
        String id = Ids.newId();
        return lastRun(h.repository(), id, start, List.of(
                result(id, "add-endpoint", ResultStatus.PASSED, null, null, start.plusSeconds(30),
                        List.of(exp(0, "compiles", ResultStatus.PASSED, null),
                                exp(1, "tests_pass", ResultStatus.PASSED, null)), List.of("src/api/endpoint.py")),
                result(id, "parse-config", ResultStatus.FAILED, "tests_pass: 3 of 41 tests failed", log, start.plusSeconds(60),
                        List.of(exp(0, "compiles", ResultStatus.PASSED, null),
                                exp(1, "tests_pass", ResultStatus.FAILED, "3 of 41 tests failed: test_nested_keys, test_empty, test_unicode <&>"),
                                exp(2, "index_usage", ResultStatus.PASSED, "semantic 7 of 9 discovery calls (0.78), first edit after 4 steps")),
                        List.of("src/config.py", "tests/test_config.py")),
                result(id, "flaky-cache", ResultStatus.FAILED, "timeout waiting for cache warm-up", null, start.plusSeconds(90),
                        List.of(exp(0, "run_output", ResultStatus.FAILED, "timeout waiting for cache warm-up")), List.of())));
    }

    static String lastRun(HistoryRepository repo, String id, Instant start, List<StoryResult> results) {
        repo.startRun(new RunStart(id, start, MODE, "nightly", "rev-bad", "ci-runner-7", 4242L, "0.1.0"));
        repo.appendResults(results);
        repo.finishRun(id, RunStatus.COMPLETED, start.plusSeconds(120));
        return id;
    }

    static StoryResult result(String runId, String story, ResultStatus status, String message, Path log, Instant at,
                              List<ExpectationResult> expectations, List<String> generated) {
        return new StoryResult(Ids.newId(), runId, story, "stories/" + story + ".yaml", "python", status, 30_000L,
                message, generated, at, "hash", log == null ? null : log.toString(),
                status == ResultStatus.PASSED ? null : "/var/anvil/worktrees/" + story, expectations);
    }

    static ExpectationResult exp(int position, String type, ResultStatus status, String message) {
        return new ExpectationResult(position, type, type.replace('_', ' '), status, message);
    }

    /** A run of {@code stories} stories (every tenth failing) as the only run of a history. */
    static String bigRun(HistoryRepository repo, int stories, Instant start) {
        String id = Ids.newId();
        List<StoryResult> results = new ArrayList<>();
        for (int i = 0; i < stories; i++) {
            boolean fails = i % 10 == 3;
            results.add(new StoryResult(Ids.newId(), id, String.format("story-%04d", i), "stories/s" + i + ".yaml",
                    "java", fails ? ResultStatus.FAILED : ResultStatus.PASSED, 1000L + i, fails ? "compile error in Story" + i + ".java" : null,
                    List.of("src/Story" + i + ".java"), start.plusMillis(i), null, null, fails ? "/tmp/wt/story-" + i : null,
                    List.of(exp(0, "compiles", fails ? ResultStatus.FAILED : ResultStatus.PASSED, fails ? "cannot find symbol" : null),
                            exp(1, "tests_pass", fails ? ResultStatus.SKIPPED : ResultStatus.PASSED, null))));
        }
        repo.startRun(new RunStart(id, start, MODE, null, null, "ci", 1L, "0.1.0"));
        repo.appendResults(results);
        repo.finishRun(id, RunStatus.COMPLETED, start.plusSeconds(stories));
        return id;
    }
}
