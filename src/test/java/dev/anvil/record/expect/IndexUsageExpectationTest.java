package dev.anvil.record.expect;

import dev.anvil.history.AuraResult;
import dev.anvil.history.ExpectationResult;
import dev.anvil.history.IndexUsage;
import dev.anvil.history.ResultStatus;
import dev.anvil.record.AgentOutcome;
import dev.anvil.story.Expectation;
import dev.anvil.story.Story;
import dev.anvil.story.StoryFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** index_usage against the metrics the Aura executor measured, with the .NET Anvil's thresholds. */
class IndexUsageExpectationTest {
    @TempDir
    Path tmp;

    private static final IndexUsage TWO_THIRDS = new IndexUsage(5, 2, 1, 0.667, 4, 1, List.of("direct"));

    private ExpectationResult check(IndexUsage usage, Object... kv) throws InterruptedException {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            params.put((String) kv[i], kv[i + 1]);
        }
        Story story = new Story("s", "t", "d", "csharp", null, List.of(), null, StoryFormat.YAML, null, null, List.of(),
                null, null, null);
        AgentOutcome outcome = new AgentOutcome(AgentOutcome.Kind.COMPLETED, tmp, null, null, List.of(),
                new AuraResult("id", "Completed", usage), null);
        ExpectationContext ctx = new ExpectationContext(tmp, story, outcome, true, new LanguageCommands(Map.of()),
                Duration.ofSeconds(10), tmp.resolve("story.log"), Map.of());
        return new ExpectationEvaluator().evaluate(0, new Expectation("index_usage", "d", params, 3), ctx);
    }

    @Test
    void passesWithinBothThresholdsAndSaysWhatItMeasured() throws Exception {
        ExpectationResult r = check(TWO_THIRDS, "minAuraToolRatio", 0.6, "maxStepsToTarget", 4);
        assertThat(r.status()).isEqualTo(ResultStatus.PASSED);
        assertThat(r.message()).isEqualTo("index usage OK: 67% Aura tool ratio (2 semantic, 1 file-level of 5 calls), "
                + "4 steps to the first edit, patterns: direct");
    }

    @Test
    void failsBelowTheRatioOrAboveTheSteps() throws Exception {
        ExpectationResult r = check(TWO_THIRDS, "minAuraToolRatio", 0.7, "maxStepsToTarget", 3);
        assertThat(r.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(r.message()).startsWith("Aura tool ratio 67% < required 70%; steps to target 4 > allowed 3 (");
    }

    @Test
    void failsWithoutToolCallsOrWithoutDiscoveryCallsForARatio() throws Exception {
        assertThat(check(new IndexUsage(0, 0, 0, null, 0, 0, List.of())).message())
                .isEqualTo("no tool calls found in the story's steps");
        ExpectationResult r = check(new IndexUsage(2, 0, 0, null, 1, 0, List.of()), "minAuraToolRatio", 0.5);
        assertThat(r.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(r.message()).startsWith("no discovery calls to take an Aura tool ratio of (required 50%)");
        assertThat(check(new IndexUsage(2, 0, 0, null, 1, 0, List.of()), "maxStepsToTarget", 1).status())
                .as("no ratio asked for: only the steps count").isEqualTo(ResultStatus.PASSED);
    }
}
