package dev.anvil.record.aura;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.anvil.record.AgentOutcome.AgentStep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tool calls in an Aura story, for {@code index_usage}. Each entry of the story's
 * {@code steps[]} may carry its tool calls as {@code toolCalls[]} (entries with {@code toolName},
 * {@code name} or {@code tool}) or {@code toolSteps[]} (entries with {@code action}), either on the
 * step itself or inside its {@code output} (an object, or a JSON text as Aura stores it); a step
 * with only a {@code tool}/{@code toolName} field is one call. A call is an Aura tool call when it
 * says so ({@code auraTool} or {@code isAuraTool} true/false) or, failing that, when its name
 * starts with {@code aura_} or {@code aura.} (Aura's semantic index tools: aura_search,
 * aura_navigate, aura_inspect, ...), case-insensitively.
 */
final class AuraSteps {
    private AuraSteps() {
    }

    static List<AgentStep> from(JsonNode story) {
        List<AgentStep> out = new ArrayList<>();
        JsonNode steps = story.path("steps");
        if (!steps.isArray()) {
            return out;
        }
        for (JsonNode step : steps) {
            String stepName = text(step, "name", "title", "description");
            int before = out.size();
            addCalls(out, stepName, step);
            JsonNode output = step.path("output");
            if (output.isTextual()) {
                output = parse(output.asText());
            }
            if (output.isObject()) {
                addCalls(out, stepName, output);
            }
            if (out.size() == before) {
                String tool = text(step, "toolName", "tool");
                if (tool != null) {
                    out.add(new AgentStep(stepName, tool, isAura(step, tool)));
                }
            }
        }
        return out;
    }

    /** Whether a tool name is one of Aura's own (the rule used when a call does not say). */
    static boolean isAuraToolName(String tool) {
        String t = tool.toLowerCase(Locale.ROOT);
        return t.startsWith("aura_") || t.startsWith("aura.");
    }

    private static void addCalls(List<AgentStep> out, String stepName, JsonNode holder) {
        for (JsonNode call : holder.path("toolCalls")) {
            String tool = text(call, "toolName", "name", "tool");
            if (tool != null) {
                out.add(new AgentStep(stepName, tool, isAura(call, tool)));
            }
        }
        for (JsonNode call : holder.path("toolSteps")) {
            String tool = text(call, "action", "toolName", "tool");
            if (tool != null) {
                out.add(new AgentStep(stepName, tool, isAura(call, tool)));
            }
        }
    }

    private static boolean isAura(JsonNode call, String tool) {
        for (String flag : new String[] {"auraTool", "isAuraTool"}) {
            if (call.path(flag).isBoolean()) {
                return call.path(flag).asBoolean();
            }
        }
        return isAuraToolName(tool);
    }

    private static String text(JsonNode n, String... names) {
        for (String name : names) {
            JsonNode v = n.path(name);
            if (v.isTextual() && !v.asText().isBlank()) {
                return v.asText();
            }
        }
        return null;
    }

    private static JsonNode parse(String text) {
        String t = text.strip();
        if (!t.startsWith("{")) {
            return AuraClient.JSON.missingNode();
        }
        try {
            return AuraClient.JSON.readTree(t);
        } catch (JsonProcessingException e) {
            return AuraClient.JSON.missingNode(); // free text output: no tool calls to count
        }
    }
}
