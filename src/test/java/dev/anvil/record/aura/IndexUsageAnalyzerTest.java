package dev.anvil.record.aura;

import dev.anvil.config.AnvilConfig;
import dev.anvil.history.IndexUsage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Index usage by the .NET Anvil's rules, on traces written out by hand. */
class IndexUsageAnalyzerTest {
    private final IndexUsageAnalyzer analyzer = new IndexUsageAnalyzer(ToolKinds.DEFAULT);

    private static ToolCall call(String tool) {
        return new ToolCall("s", tool, null);
    }

    private static ToolCall call(String tool, String file) {
        return new ToolCall("s", tool, "{\"filePath\":\"" + file + "\"}");
    }

    @Test
    void theRatioIsSemanticOverDiscoveryCallsAndStepsCountUpToTheFirstEdit() {
        IndexUsage u = analyzer.analyze(List.of(call("aura_search"), call("mcp_aura_codebase_navigate"),
                call("read_file", "src/A.cs"), call("run_in_terminal"), call("replace_string_in_file", "src/A.cs"),
                call("graph.find_callers")));

        assertThat(u.toolCalls()).isEqualTo(6);
        assertThat(u.semanticToolCalls()).isEqualTo(3);
        assertThat(u.fileLevelToolCalls()).isEqualTo(1);
        assertThat(u.auraToolRatio()).as("3 of 4 discovery calls; run_in_terminal is neither").isEqualTo(0.75);
        assertThat(u.stepsToFirstRelevantCode()).isEqualTo(5);
        assertThat(u.backtrackingEvents()).as("A.cs was read and then edited").isZero();
        assertThat(u.detectedPatterns()).isEmpty();
    }

    @Test
    void namesAreComparedWithoutCaseAndEditPrefixesCount() {
        IndexUsage u = analyzer.analyze(List.of(call("AURA_SEARCH"), call("aura_generate_method")));
        assertThat(u.semanticToolCalls()).isEqualTo(1);
        assertThat(u.stepsToFirstRelevantCode()).isEqualTo(2);
        assertThat(u.detectedPatterns()).containsExactly("direct");
    }

    @Test
    void fiveFileLevelCallsInARowAreFishingAndGrepWithoutTheIndexIsGuessing() {
        List<ToolCall> calls = new ArrayList<>();
        for (String f : List.of("a", "b", "c", "d")) {
            calls.add(call("read_file", f));
        }
        calls.add(call("grep_search"));
        calls.add(call("create_file", "e"));

        IndexUsage u = analyzer.analyze(calls);

        assertThat(u.auraToolRatio()).isEqualTo(0.0);
        assertThat(u.detectedPatterns()).containsExactly("fishing", "guessing");
        assertThat(u.backtrackingEvents()).as("four files read, none edited").isEqualTo(4);
        assertThat(u.stepsToFirstRelevantCode()).isEqualTo(6);
    }

    @Test
    void aSemanticCallBreaksARunOfFileReads() {
        IndexUsage u = analyzer.analyze(List.of(call("read_file"), call("list_dir"), call("aura_inspect"),
                call("read_file"), call("file_search"), call("grep_search"), call("file.list")));
        assertThat(u.detectedPatterns()).isEmpty();
    }

    @Test
    void withoutDiscoveryCallsThereIsNoRatioAndWithoutEditsEveryCallCounts() {
        IndexUsage u = analyzer.analyze(List.of(call("run_in_terminal"), call("dotnet.build")));
        assertThat(u.auraToolRatio()).isNull();
        assertThat(u.stepsToFirstRelevantCode()).isEqualTo(2);
        assertThat(analyzer.analyze(List.of())).isEqualTo(new IndexUsage(0, 0, 0, null, 0, 0, List.of()));
    }

    @Test
    void aModeCanReplaceAToolListInAnvilYaml() {
        IndexUsageAnalyzer custom = new IndexUsageAnalyzer(ToolKinds.of(new AnvilConfig.ToolLists(
                List.of("codebase.*"), null, List.of("write_file"), null)));
        IndexUsage u = custom.analyze(List.of(call("codebase.lookup"), call("aura_search"), call("read_file"),
                call("write_file")));
        assertThat(u.semanticToolCalls()).as("the given list replaces the default").isEqualTo(1);
        assertThat(u.fileLevelToolCalls()).as("the default file-level list stays").isEqualTo(1);
        assertThat(u.stepsToFirstRelevantCode()).isEqualTo(4);
    }
}
