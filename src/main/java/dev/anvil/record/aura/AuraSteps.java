package dev.anvil.record.aura;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The tool calls in an Aura story, as the .NET Anvil reads them for {@code index_usage}: each
 * entry of the story's {@code steps[]} carries its agent's output, a JSON text (or object) with
 * {@code toolSteps[]} (a ReAct agent: {@code action}, {@code actionInput}) and/or
 * {@code toolCalls[]} (a deterministic agent: {@code toolName}, {@code input}). The same lists
 * directly on the step, and {@code name}/{@code tool} for the tool's name or {@code arguments}
 * for its input, are read too; a step with only a {@code tool}/{@code toolName} field is one call.
 */
final class AuraSteps {
    private AuraSteps() {
    }

    static List<ToolCall> from(JsonNode story) {
        List<ToolCall> out = new ArrayList<>();
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
                    out.add(new ToolCall(stepName, tool, input(step, "input", "arguments", "actionInput")));
                }
            }
        }
        return out;
    }

    private static void addCalls(List<ToolCall> out, String stepName, JsonNode holder) {
        for (JsonNode call : holder.path("toolSteps")) {
            String tool = text(call, "action", "toolName", "tool", "name");
            if (tool != null) {
                out.add(new ToolCall(stepName, tool, input(call, "actionInput", "input", "arguments")));
            }
        }
        for (JsonNode call : holder.path("toolCalls")) {
            String tool = text(call, "toolName", "name", "tool", "action");
            if (tool != null) {
                out.add(new ToolCall(stepName, tool, input(call, "input", "arguments", "actionInput")));
            }
        }
    }

    /** The call's input as text: a JSON string as it is, an object as its JSON. */
    private static String input(JsonNode call, String... names) {
        for (String name : names) {
            JsonNode v = call.path(name);
            if (v.isTextual()) {
                return v.asText();
            }
            if (v.isContainerNode()) {
                return v.toString();
            }
        }
        return null;
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
