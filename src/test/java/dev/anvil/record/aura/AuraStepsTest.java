package dev.anvil.record.aura;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuraStepsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void toolCallsAreReadFromTheStepsOutputAsAuraStoresIt() throws Exception {
        var story = JSON.readTree("""
                {"steps":[
                  {"name":"react","output":"{\\"toolSteps\\":[{\\"action\\":\\"aura_search\\",\\"actionInput\\":\\"{\\\\\\"query\\\\\\":\\\\\\"Greeter\\\\\\"}\\"}]}"},
                  {"name":"deterministic","output":{"toolCalls":[{"toolName":"roslyn.add_method","input":{"filePath":"src/A.cs"}}]}},
                  {"name":"direct","toolCalls":[{"name":"read_file","arguments":"{\\"path\\":\\"a\\"}"}]},
                  {"name":"single","tool":"grep_search"}
                ]}""");
        assertThat(AuraSteps.from(story)).containsExactly(
                new ToolCall("react", "aura_search", "{\"query\":\"Greeter\"}"),
                new ToolCall("deterministic", "roslyn.add_method", "{\"filePath\":\"src/A.cs\"}"),
                new ToolCall("direct", "read_file", "{\"path\":\"a\"}"),
                new ToolCall("single", "grep_search", null));
    }

    @Test
    void aStoryWithoutStepsOrWithFreeTextOutputHasNoToolCalls() throws Exception {
        assertThat(AuraSteps.from(JSON.readTree("{\"status\":\"Completed\"}"))).isEmpty();
        assertThat(AuraSteps.from(JSON.readTree("{\"steps\":[{\"name\":\"x\",\"output\":\"{not json\"}]}"))).isEmpty();
        assertThat(AuraSteps.from(JSON.readTree("{\"steps\":\"nope\"}"))).isEmpty();
    }
}
