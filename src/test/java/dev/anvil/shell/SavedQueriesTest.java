package dev.anvil.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anvil.frame.TableFormat;
import dev.anvil.synthetic.GroundTruth;
import dev.anvil.synthetic.GroundTruth.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every saved query in {@code queries/} run against a generated history whose truth is known, and
 * checked for a sensible answer: the right stories, consistent numbers, the promised order.
 */
class SavedQueriesTest {
    private static final Path QUERIES = Path.of(System.getProperty("anvil.projectDir", "."), "queries");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static String run(String name, TableFormat format, String... params) {
        Map<String, String> values = new HashMap<>();
        for (String p : params) {
            values.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1));
        }
        StringWriter out = new StringWriter();
        Path file = new SavedQueries(List.of(QUERIES)).resolve(name);
        new QueryRunner(GeneratedHistory.path(), format, out, new PrintStream(PrintStream.nullOutputStream()))
                .run(file, values);
        return out.toString();
    }

    private static List<JsonNode> rows(String name, String... params) {
        try {
            List<JsonNode> rows = new ArrayList<>();
            JSON.readTree(run(name, TableFormat.JSON, params)).forEach(rows::add);
            return rows;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String key(JsonNode row) {
        return GroundTruth.key(row.get("storyId").asText(), row.get("mode").asText());
    }

    @Test
    void everySavedQuerySaysWhatItAnswersAndWhichParametersItTakes() throws IOException {
        List<SavedQueries.SavedQuery> all = new SavedQueries(List.of(QUERIES)).list();
        assertThat(all).extracting(SavedQueries.SavedQuery::name).contains("open-regressions", "flaky-stories",
                "pass-rate-trend", "mode-comparison", "slowest-stories", "duration-changes", "top-failure-reasons",
                "story-history", "weekly-summary");
        assertThat(all).anyMatch(SavedQueries.SavedQuery::isSql).anyMatch(q -> !q.isSql());
        for (SavedQueries.SavedQuery q : all) {
            assertThat(q.description()).as(q.name()).isNotBlank();
            assertThat(Files.readString(q.file())).as(q.name()).containsIgnoringCase("Parameters:");
        }
    }

    @Test
    void openRegressionsAreTrueRegressionsWithTheirChangeRun() {
        List<JsonNode> rows = rows("open-regressions");
        Set<String> regressed = GeneratedHistory.truth().keysOfKind(Kind.REGRESSED);
        assertThat(rows).isNotEmpty();
        for (JsonNode r : rows) {
            assertThat(regressed).as("a reported regression is a true one").contains(key(r));
            assertThat(r.get("passRateBefore").asDouble()).isGreaterThan(r.get("passRateAfter").asDouble());
            assertThat(r.get("firstFailingRunId").asText()).isNotBlank();
        }
        assertThat(rows("open-regressions", "mode=story-ui")).allMatch(r -> r.get("mode").asText().equals("story-ui"));
    }

    @Test
    void flakyStoriesAreTheFlakySeriesFlakiestFirst() {
        List<JsonNode> rows = rows("flaky-stories", "since=60d", "limit=5");
        Set<String> flaky = GeneratedHistory.truth().keysOfKind(Kind.FLAKY);
        assertThat(rows).hasSizeBetween(1, 5);
        assertThat(rows).allMatch(r -> flaky.contains(key(r)));
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).get("score").asDouble()).isLessThanOrEqualTo(rows.get(i - 1).get("score").asDouble());
        }
    }

    @Test
    void passRateTrendHasEveryModeWithTheRateInsideItsIntervalAndDrawsThePlot() {
        Path png = tmp.resolve("trend.png");
        List<JsonNode> rows = rows("pass-rate-trend", "every=week", "plot=" + png);
        assertThat(rows).extracting(r -> r.get("mode").asText()).containsOnly("copilot-cli", "aura-agents", "story-ui");
        for (JsonNode r : rows) {
            double rate = r.get("passRate").asDouble();
            assertThat(rate).isBetween(r.get("passRateLow").asDouble(), r.get("passRateHigh").asDouble());
            assertThat(r.get("results").asInt()).isPositive();
        }
        assertThat(rows.stream().mapToInt(r -> r.get("runs").asInt()).sum()).isEqualTo(120);
        assertThat(png).isRegularFile();
    }

    @Test
    void modeComparisonListsEveryStoryWithItsSpreadLargestFirst() {
        List<JsonNode> rows = rows("mode-comparison");
        assertThat(rows).hasSize(30);
        for (int i = 0; i < rows.size(); i++) {
            JsonNode r = rows.get(i);
            assertThat(r.get("spread").asDouble()).isBetween(0.0, 1.0);
            if (i > 0) {
                assertThat(r.get("spread").asDouble()).isLessThanOrEqualTo(rows.get(i - 1).get("spread").asDouble());
            }
        }
        // a story regressed in one mode only makes the modes disagree
        GroundTruth.SeriesTruth broken = GeneratedHistory.truth().ofKind(Kind.BROKEN).get(0);
        JsonNode row = rows.stream().filter(r -> r.get("storyId").asText().equals(broken.storyId())).findFirst().orElseThrow();
        assertThat(row.get("spread").asDouble()).isGreaterThan(0.3);
    }

    @Test
    void slowestStoriesComeSlowestFirst() {
        List<JsonNode> rows = rows("slowest-stories");
        assertThat(rows).hasSizeBetween(1, 20);
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).get("meanMsRecent").asLong()).isLessThanOrEqualTo(rows.get(i - 1).get("meanMsRecent").asLong());
        }
        assertThat(rows).allMatch(r -> r.get("maxMsRecent").asLong() >= r.get("meanMsRecent").asLong());
    }

    @Test
    void durationChangesAreSeriesThatTrulyGotSlower() {
        List<JsonNode> rows = rows("duration-changes");
        assertThat(rows).isNotEmpty();
        for (JsonNode r : rows) {
            GroundTruth.SeriesTruth truth = GeneratedHistory.truth().series(r.get("storyId").asText(), r.get("mode").asText()).orElseThrow();
            assertThat(truth.slower()).as(key(r)).isTrue();
            assertThat(r.get("medianAfterMs").asDouble()).isGreaterThan(r.get("medianBeforeMs").asDouble());
        }
    }

    @Test
    void topFailureReasonsAreCountedMostFrequentFirst() {
        List<JsonNode> rows = rows("top-failure-reasons", "since=60d", "limit=3");
        assertThat(rows).hasSize(3);
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).get("count").asInt()).isLessThanOrEqualTo(rows.get(i - 1).get("count").asInt());
        }
        assertThat(rows.get(0).get("signature").asText()).doesNotContainPattern("\\d{3,}");
    }

    @Test
    void storyHistoryHasEveryOutcomeOfTheStoryNewestFirst() {
        String story = GeneratedHistory.truth().series().get(0).storyId();
        List<JsonNode> rows = rows("story-history", "story=" + story);
        assertThat(rows).hasSize(3 * 40);
        assertThat(rows).extracting(r -> r.get("status").asText()).isSubsetOf("passed", "failed", "error", "skipped");
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).get("startedAt").asText()).isLessThanOrEqualTo(rows.get(i - 1).get("startedAt").asText());
        }
    }

    @Test
    void weeklySummaryCoversEveryModeAndEverySection() {
        String out = run("weekly-summary", TableFormat.TABLE);
        assertThat(out).contains("Pass rate per mode, last 7 days against the 7 before", "Regressions that changed this week",
                "Fixed this week", "Flakiest stories (last 30 days)", "Top failure reasons this week");
        assertThat(out).contains("copilot-cli").contains("aura-agents").contains("story-ui");
        String md = run("weekly-summary", TableFormat.MARKDOWN, "days=14", "top=3");
        assertThat(md).contains("**Pass rate per mode, last 14 days against the 14 before**").contains("| mode |");
    }
}
