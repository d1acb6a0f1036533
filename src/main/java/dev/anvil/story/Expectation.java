package dev.anvil.story;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing a story expects of the agent's work: {@code compiles}, {@code tests_pass},
 * {@code file_exists}, {@code file_contains}, {@code file_not_contains}, {@code command}, {@code run_output},
 * {@code index_usage}. Parameter keys are normalized to camelCase ({@code min_aura_tool_ratio}
 * becomes {@code minAuraToolRatio}); {@code line} is where it was declared, for messages.
 */
public record Expectation(String type, String description, Map<String, Object> parameters, int line) {

    public Expectation {
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** A parameter as text, or null when absent. */
    public String param(String name) {
        Object v = parameters.get(name);
        return v == null ? null : String.valueOf(v);
    }

    public Double doubleParam(String name) {
        String v = param(name);
        return v == null ? null : Double.valueOf(v);
    }

    public Integer intParam(String name) {
        String v = param(name);
        return v == null ? null : Integer.valueOf(v);
    }
}
