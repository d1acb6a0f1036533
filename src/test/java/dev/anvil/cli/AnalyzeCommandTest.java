package dev.anvil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anvil.testing.TestHistory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.anvil.testing.TestHistory.error;
import static dev.anvil.testing.TestHistory.failed;
import static dev.anvil.testing.TestHistory.passed;
import static org.assertj.core.api.Assertions.assertThat;

class AnalyzeCommandTest {
    private static final Instant T0 = Instant.parse("2026-01-05T06:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path db;
    static Path empty;
    static List<String> runs = new ArrayList<>();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void histories() {
        TestHistory h = TestHistory.create(tmp.resolve("full"));
        db = h.path();
        runs.add(h.run("cli", T0, List.of(passed("login"), passed("search"), failed("export", "expected 3 rows, got 2"))));
        runs.add(h.run("cli", T0.plusSeconds(3600), List.of(failed("login", "expected 200, got 500"), passed("search"),
                error("export", "timed out after 300 s"))));
        empty = TestHistory.create(tmp.resolve("empty")).path();
    }

    private int anvil(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private JsonNode json() throws Exception {
        return JSON.readTree(out.toString());
    }

    @Test
    void trendAsJsonIsAnArrayOfObjectsWithCamelCaseFieldsAndNumbers() throws Exception {
        assertThat(anvil("analyze", "trend", "--db", db.toString(), "--every", "run", "--format", "json")).isZero();
        JsonNode rows = json();
        assertThat(rows.isArray()).isTrue();
        assertThat(rows).hasSize(2);
        JsonNode first = rows.get(0);
        assertThat(first.fieldNames()).toIterable().containsExactly("period", "periodStart", "mode", "language", "runs",
                "results", "passed", "failed", "errors", "passRate", "passRateLow", "passRateHigh");
        assertThat(first.get("passed").isIntegralNumber()).isTrue();
        assertThat(first.get("passRate").asDouble()).isEqualTo(2 / 3.0);
        assertThat(first.get("periodStart").asText()).isEqualTo("2026-01-05T06:00:00.000Z");
        assertThat(rows.get(1).get("errors").asInt()).isEqualTo(1);
    }

    @Test
    void everyVerbWritesCsvMarkdownAndTable() {
        assertThat(anvil("analyze", "failures", "--db", db.toString(), "--format", "csv")).isZero();
        assertThat(out.toString()).startsWith("signature,count,errors,stories,storyIds,modes,firstSeen,lastSeen,example\n");
        out.getBuffer().setLength(0);
        assertThat(anvil("analyze", "durations", "--db", db.toString(), "--format", "markdown")).isZero();
        assertThat(out.toString()).startsWith("| storyId | mode | language | runs |");
        out.getBuffer().setLength(0);
        assertThat(anvil("analyze", "story", "login", "--db", db.toString())).isZero();
        assertThat(out.toString()).contains("✓✗").contains("cli");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void compareDefaultsToTheLatestTwoRunsOfAMode() throws Exception {
        assertThat(anvil("analyze", "compare", "--db", db.toString())).isZero();
        assertThat(out.toString()).startsWith("compare " + runs.get(0).substring(0, 8));
        assertThat(out.toString()).contains("newly-failing").contains("still-failing");
        out.getBuffer().setLength(0);
        assertThat(anvil("analyze", "compare", "latest~1", "latest", "--db", db.toString(), "-f", "json")).isZero();
        JsonNode rows = json();
        assertThat(rows.get(0).get("storyId").asText()).isEqualTo("login");
        assertThat(rows.get(0).get("change").asText()).isEqualTo("newly-failing");
        assertThat(rows.get(0).get("statusBefore").asText()).isEqualTo("passed");
        assertThat(rows.get(0).get("statusAfter").asText()).isEqualTo("failed");
        assertThat(rows.get(0).has("durationBeforeMs")).isTrue();
    }

    @Test
    void anEmptyAnswerIsAnEmptyTableNotAnError() {
        assertThat(anvil("analyze", "trend", "--db", empty.toString(), "--format", "json")).isZero();
        assertThat(out.toString().strip()).isEqualTo("[ ]");
        out.getBuffer().setLength(0);
        assertThat(anvil("analyze", "failures", "--db", db.toString(), "--mode", "nope")).isZero();
        assertThat(out.toString().strip()).isEqualTo("(no rows)");
    }

    @Test
    void aBadSinceIsOneLineAndExitTwo() {
        assertThat(anvil("analyze", "trend", "--db", db.toString(), "--since", "yesterday")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("anvil: bad --since 'yesterday': use a span such as 30m, 12h, 7d or "
                + "2w, a date such as 2026-11-01, or an instant such as 2026-11-01T06:00:00Z");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void unknownRunsAndStoriesAndAnEmptyHistoryWhereARunIsNeededAreOneLineAndExitTwo() {
        assertThat(anvil("analyze", "compare", "nosuchrun", "latest", "--db", db.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("anvil: unknown run 'nosuchrun'").doesNotContain("\n");
        err.getBuffer().setLength(0);
        assertThat(anvil("analyze", "story", "nobody", "--db", db.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("anvil: unknown story 'nobody': no results for it in the history");
        err.getBuffer().setLength(0);
        assertThat(anvil("analyze", "compare", "--db", empty.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("anvil: no runs recorded yet").doesNotContain("\n");
    }

    @Test
    void badPeriodsFormatsAndAMissingVerbAreUsageErrors() {
        assertThat(anvil("analyze", "trend", "--db", db.toString(), "--every", "month")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("anvil: unknown period 'month': use day, week or run");
        err.getBuffer().setLength(0);
        assertThat(anvil("analyze", "trend", "--db", db.toString(), "--format", "yaml")).isEqualTo(2);
        err.getBuffer().setLength(0);
        assertThat(anvil("analyze", "--db", db.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("name a verb").contains("trend").contains("compare");
    }
}
