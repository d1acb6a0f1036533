package dev.anvil.story;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What each expectation type needs: the known types, their required parameters, and patterns that
 * must compile (with {@link Pattern#MULTILINE}, as the validators use them).
 */
public final class ExpectationRules {
    public static final List<String> TYPES = List.of(
            "compiles", "tests_pass", "file_exists", "file_contains", "file_not_contains", "command", "run_output",
            "index_usage");

    private static final Map<String, List<String>> REQUIRED = Map.of(
            "file_exists", List.of("path"),
            "file_contains", List.of("path", "pattern"),
            "file_not_contains", List.of("path", "pattern"),
            "command", List.of("command"),
            "run_output", List.of("command", "pattern"));

    private static final Set<String> HAS_PATTERN = Set.of("file_contains", "file_not_contains", "run_output");

    private ExpectationRules() {
    }

    /** snake_case or kebab-case to camelCase: {@code min_aura_tool_ratio} -> {@code minAuraToolRatio}. */
    public static String camelCase(String key) {
        StringBuilder sb = new StringBuilder(key.length());
        boolean upper = false;
        for (char c : key.toCharArray()) {
            if (c == '_' || c == '-') {
                upper = sb.length() > 0;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }

    /**
     * Reports every problem of one expectation through {@code problem(parameterName, message)}
     * (parameterName null for the expectation as a whole, "type" for its type).
     */
    static void check(String type, Map<String, Object> params, BiConsumer<String, String> problem) {
        if (type == null || type.isBlank()) {
            problem.accept(null, "expectation without a type (one of " + String.join(", ", TYPES) + ")");
            return;
        }
        String t = type.toLowerCase(Locale.ROOT);
        if (!TYPES.contains(t)) {
            problem.accept("type", "unknown expectation type '" + type + "' (known: " + String.join(", ", TYPES) + ")");
            return;
        }
        for (String name : REQUIRED.getOrDefault(t, List.of())) {
            Object v = params.get(name);
            if (v == null || String.valueOf(v).isBlank()) {
                problem.accept(null, t + " expectation needs '" + name + "'");
            } else if (v instanceof Map || v instanceof List) {
                problem.accept(name, t + " expectation: '" + name + "' must be text");
            }
        }
        Object pattern = params.get("pattern");
        if (HAS_PATTERN.contains(t) && pattern != null && !(pattern instanceof Map) && !(pattern instanceof List)) {
            try {
                Pattern.compile(String.valueOf(pattern), Pattern.MULTILINE);
            } catch (PatternSyntaxException e) {
                problem.accept("pattern", "bad regex in " + t + " pattern: " + e.getDescription()
                        + " near index " + e.getIndex() + " of " + String.valueOf(pattern));
            }
        }
        if (t.equals("index_usage")) {
            Object ratio = params.get("minAuraToolRatio");
            if (ratio != null && !isNumberBetween(ratio, 0, 1)) {
                problem.accept("minAuraToolRatio", "index_usage: min_aura_tool_ratio must be a number from 0 to 1, not '" + ratio + "'");
            }
            Object steps = params.get("maxStepsToTarget");
            if (steps != null && !isPositiveInteger(steps)) {
                problem.accept("maxStepsToTarget", "index_usage: max_steps_to_target must be a positive whole number, not '" + steps + "'");
            }
        }
    }

    private static boolean isNumberBetween(Object v, double lo, double hi) {
        try {
            double d = Double.parseDouble(String.valueOf(v));
            return d >= lo && d <= hi;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isPositiveInteger(Object v) {
        try {
            return Long.parseLong(String.valueOf(v)) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
