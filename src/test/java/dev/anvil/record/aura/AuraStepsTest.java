package dev.anvil.record.aura;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anvil.record.AgentOutcome.AgentStep;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuraStepsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anExplicitFlagWinsOverTheNameRule() throws Exception {
        var story = JSON.readTree("""
                {"steps":[{"name":"s","toolCalls":[
                  {"toolName":"aura_search","auraTool":false},
                  {"toolName":"semantic_lookup","isAuraTool":true},
                  {"name":"Aura.Inspect"},
                  {"tool":"grep_search"}
                ]}]}""");
        assertThat(AuraSteps.from(story)).containsExactly(
                new AgentStep("s", "aura_search", false),
                new AgentStep("s", "semantic_lookup", true),
                new AgentStep("s", "Aura.Inspect", true),
                new AgentStep("s", "grep_search", false));
    }

    @Test
    void aStoryWithoutStepsOrWithFreeTextOutputHasNoToolCalls() throws Exception {
        assertThat(AuraSteps.from(JSON.readTree("{\"status\":\"Completed\"}"))).isEmpty();
        assertThat(AuraSteps.from(JSON.readTree("{\"steps\":[{\"name\":\"x\",\"output\":\"{not json\"}]}"))).isEmpty();
        assertThat(AuraSteps.from(JSON.readTree("{\"steps\":\"nope\"}"))).isEmpty();
    }
}
