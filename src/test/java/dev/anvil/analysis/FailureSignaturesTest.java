package dev.anvil.analysis;

import dev.anvil.testing.TestHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static dev.anvil.testing.TestHistory.error;
import static dev.anvil.testing.TestHistory.failed;
import static dev.anvil.testing.TestHistory.passed;
import static org.assertj.core.api.Assertions.assertThat;

class FailureSignaturesTest {
    private static final Instant T0 = Instant.parse("2026-01-05T06:00:00Z");

    @Test
    void messagesThatDifferOnlyInNumbersAndPathsGroupTogether(@TempDir Path tmp) {
        TestHistory h = TestHistory.create(tmp);
        h.run("cli", T0, List.of(
                failed("a", "tests/test_a.py::test_x FAILED - AssertionError: assert 3 == 4"),
                failed("b", "tests/test_b.py::test_x FAILED - AssertionError: assert 10 == 12"),
                error("c", "agent timed out after 300 s in /tmp/anvil/wt-1234"),
                passed("d")));
        h.run("ui", T0.plusSeconds(3600), List.of(
                failed("a", "tests/test_a.py::test_x FAILED - AssertionError: assert 5 == 6"),
                error("e", "agent timed out after 300 s in /tmp/anvil/wt-9876"),
                failed("f", "something else entirely"),
                failed("g", null)));
        List<FailureSignatures.Row> rows = new FailureSignatures(h.jdbi()).rows(AnalysisFilter.all());
        assertThat(rows).extracting(FailureSignatures.Row::signature).containsExactly(
                "<path>::test_x FAILED - AssertionError: assert <n> == <n>",
                "agent timed out after <n> s in <path>",
                "(no message)",
                "something else entirely");
        FailureSignatures.Row assertion = rows.get(0);
        assertThat(assertion.count()).isEqualTo(3);
        assertThat(assertion.errors()).isZero();
        assertThat(assertion.stories()).isEqualTo(2);
        assertThat(assertion.storyIds()).isEqualTo("a, b");
        assertThat(assertion.modes()).isEqualTo("cli, ui");
        assertThat(assertion.firstSeen()).isEqualTo(T0.plusSeconds(1));
        assertThat(assertion.lastSeen()).isEqualTo(T0.plusSeconds(3601));
        assertThat(assertion.example()).isEqualTo("tests/test_a.py::test_x FAILED - AssertionError: assert 5 == 6");
        assertThat(rows.get(1).errors()).isEqualTo(2);
    }

    @Test
    void messagesWithControlCharactersEmptyOnesAndMissingOnesKeepTheirGroups(@TempDir Path tmp) {
        TestHistory h = TestHistory.create(tmp);
        h.run("cli", T0, List.of(
                failed("a", "step 1\u0001 failed\u0002 badly\u0003"),
                failed("b", "step 2\u0001 failed\u0002 badly\u0003"),
                failed("c", ""),
                failed("d", null)));

        List<FailureSignatures.Row> rows = new FailureSignatures(h.jdbi()).rows(AnalysisFilter.all());

        assertThat(rows).extracting(FailureSignatures.Row::signature, FailureSignatures.Row::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("(no message)", 2),
                        org.assertj.core.groups.Tuple.tuple("step <n> failed\u0002 badly\u0003", 2));
        assertThat(rows.get(1).example()).isEqualTo("step 2  failed\u0002 badly\u0003");
        assertThat(rows.get(0).example()).isNull(); // the latest of the two has no message at all
    }

    @Test
    void manyStoriesAreCountedAndAFewNamed(@TempDir Path tmp) {
        TestHistory h = TestHistory.create(tmp);
        h.run("cli", T0, List.of(failed("s1", "exit 1"), failed("s2", "exit 2"), failed("s3", "exit 3"),
                failed("s4", "exit 4"), failed("s5", "exit 5")));
        FailureSignatures.Row row = new FailureSignatures(h.jdbi()).rows(AnalysisFilter.all()).get(0);
        assertThat(row.stories()).isEqualTo(5);
        assertThat(row.storyIds()).isEqualTo("s1, s2, s3 +2 more");
    }

    @Test
    void filtersApplyAndNoFailuresIsAnEmptyAnswer(@TempDir Path tmp) {
        TestHistory h = TestHistory.create(tmp);
        h.run("cli", T0, List.of(passed("a"), failed("b", "x 1")));
        FailureSignatures f = new FailureSignatures(h.jdbi());
        assertThat(f.rows(AnalysisFilter.all().withMode("ui"))).isEmpty();
        assertThat(f.rows(AnalysisFilter.all().withStory("a"))).isEmpty();
        assertThat(f.rows(AnalysisFilter.all().withStory("b"))).hasSize(1);
    }
}
