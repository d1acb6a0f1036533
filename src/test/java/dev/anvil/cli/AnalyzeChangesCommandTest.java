package dev.anvil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.RunStart;
import dev.anvil.history.RunStatus;
import dev.anvil.history.StoryResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code anvil analyze regressions|fixed|flaky} on a history written run by run. */
class AnalyzeChangesCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path db;

    @BeforeEach
    void history(@TempDir Path tmp) {
        db = tmp.resolve("h.db");
    }

    /** One run a day ending yesterday; story k gets outcomes[k] ('+' pass, '-' fail). */
    private void record(String mode, String[] stories, String... outcomes) {
        try (HistoryDatabase h = HistoryDatabase.open(db)) {
            int runs = outcomes[0].length();
            Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(Duration.ofDays(runs));
            for (int r = 0; r < runs; r++) {
                Instant at = start.plus(Duration.ofDays(r));
                RunStart run = new RunStart(dev.anvil.history.Ids.newId(), at, mode, null, "rev-" + r, "test", null, "test");
                h.repository().startRun(run);
                List<StoryResult> results = new ArrayList<>();
                for (int k = 0; k < stories.length; k++) {
                    boolean pass = outcomes[k].charAt(r) == '+';
                    results.add(StoryResult.of(run.id(), stories[k], "python", pass ? ResultStatus.PASSED : ResultStatus.FAILED,
                            1000, pass ? null : "assert 1 == 2", at.plusSeconds(k + 1)));
                }
                h.repository().appendResults(results);
                h.repository().finishRun(run.id(), RunStatus.COMPLETED, at.plusSeconds(60));
            }
        }
    }

    private int anvil(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("analyze"));
        all.addAll(List.of(args));
        all.add("--db");
        all.add(db.toString());
        return cl.execute(all.toArray(new String[0]));
    }

    @Test
    void regressionsAsJsonAreAnArrayOfObjectsWithTheDocumentedFields() throws Exception {
        record("copilot-cli", new String[] {"api", "ok"}, "++++++++++++++++------", "++++++++++++++++++++++");
        assertThat(anvil("regressions", "--format", "json")).isZero();
        JsonNode rows = JSON.readTree(out.toString());
        assertThat(rows.isArray()).isTrue();
        assertThat(rows).hasSize(1);
        JsonNode r = rows.get(0);
        assertThat(r.get("storyId").asText()).isEqualTo("api");
        assertThat(r.get("mode").asText()).isEqualTo("copilot-cli");
        assertThat(r.get("sutRevision").asText()).isEqualTo("rev-16");
        assertThat(r.get("passRateBefore").asDouble()).isEqualTo(1.0);
        assertThat(r.get("runsAfter").asInt()).isEqualTo(6);
        assertThat(r.get("pValue").asDouble()).isLessThan(0.01);
        assertThat(r.has("status")).isFalse();
        List<String> fields = new ArrayList<>();
        r.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("storyId", "mode", "language", "lastPassingRunId", "firstFailingRunId",
                "changedAt", "sutRevision", "passRateBefore", "passRateAfter", "runsBefore", "runsAfter", "pValue",
                "passRateBeforeLow", "passRateBeforeHigh", "passRateAfterLow", "passRateAfterHigh");
        assertThat(r.get("passRateAfterHigh").asDouble()).isBetween(0.0, 0.5);
    }

    @Test
    void allAddsFixedRegressionsWithTheirStatusAndFixedListsTheFix() throws Exception {
        record("story-ui", new String[] {"ui"}, "++++++++++++++++--------++++++++++");
        assertThat(anvil("regressions", "--format", "json")).isZero();
        assertThat(JSON.readTree(out.toString())).isEmpty();
        out.getBuffer().setLength(0);
        assertThat(anvil("regressions", "--all", "--format", "json")).isZero();
        assertThat(JSON.readTree(out.toString()).get(0).get("status").asText()).isEqualTo("fixed");
        out.getBuffer().setLength(0);
        assertThat(anvil("fixed", "--format", "csv")).isZero();
        assertThat(out.toString()).startsWith("storyId,mode,language,lastFailingRunId,firstPassingRunId,")
                .contains("\nui,story-ui,python,");
    }

    @Test
    void flakyRanksAlternatingStoriesAndPrintsATable() {
        record("aura-agents", new String[] {"coin", "stable"}, "+-++-+--+-++-+-+--+-", "++++++++-+++++++++++");
        assertThat(anvil("flaky")).isZero();
        String text = out.toString();
        assertThat(text.lines().findFirst().orElseThrow()).startsWith("storyId").contains("passRateLow", "flipRate", "score");
        assertThat(text).contains("coin").doesNotContain("stable");
    }

    @Test
    void anEmptyAnswerIsAnEmptyJsonArrayAndAnEmptyTable() throws Exception {
        assertThat(anvil("flaky", "--format", "json")).isZero();
        assertThat(JSON.readTree(out.toString())).isEmpty();
        out.getBuffer().setLength(0);
        assertThat(anvil("regressions")).isZero();
        assertThat(out.toString()).contains("(no rows)");
    }

    @Test
    void aBadSinceIsOneLineAndExitCode2() {
        assertThat(anvil("regressions", "--since", "yesterday")).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("anvil: bad --since 'yesterday'");
    }
}
