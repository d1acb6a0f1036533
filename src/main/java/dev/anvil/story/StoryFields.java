package dev.anvil.story;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the fields both story formats share from one file's YAML tree, and collects every
 * problem it meets with the line it was written on. Readers go on after a problem so that one
 * pass reports all of them.
 */
final class StoryFields {
    static final List<String> EXECUTORS = List.of("internal", "copilot");

    private final Path file;
    private final YamlTree tree;
    private final List<StoryProblem> problems;

    StoryFields(Path file, YamlTree tree, List<StoryProblem> problems) {
        this.file = file;
        this.tree = tree;
        this.problems = problems;
        if (tree.secondDocumentLine() > 0) {
            problems.add(new StoryProblem(file, tree.secondDocumentLine(),
                    "a second YAML document starts here: one story per file (split it into two files)"));
        }
        for (String again : tree.duplicateKeys()) {
            String key = again.substring(again.lastIndexOf('/') + 1, again.lastIndexOf('#'));
            problem(again, "'" + key.replace("~1", "/").replace("~0", "~") + "' is given twice (the first one at line "
                    + line(again.substring(0, again.lastIndexOf('#'))) + " counts)");
        }
    }

    JsonNode node(String pointer) {
        return tree.root().at(pointer);
    }

    int line(String pointer) {
        return tree.line(pointer);
    }

    void problem(String pointer, String message) {
        problems.add(new StoryProblem(file, line(pointer), message));
    }

    /** Text at {@code pointer}, or null when absent; a mapping or list there is a problem. */
    String text(String pointer, String name) {
        JsonNode n = node(pointer);
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (!n.isValueNode()) {
            problem(pointer, "'" + name + "' must be text, not a " + (n.isArray() ? "list" : "mapping"));
            return null;
        }
        return n.asText();
    }

    String requiredText(String pointer, String name, String what) {
        JsonNode n = node(pointer);
        String v = text(pointer, name);
        if (v == null || v.isBlank()) {
            if (!n.isContainerNode()) { // a list or mapping there was reported by text()
                problem(pointer, "missing '" + name + "' (" + what + ")");
            }
            return null;
        }
        return v.strip();
    }

    /** A list of text, or one text as a list of one. */
    List<String> textList(String pointer, String name) {
        JsonNode n = node(pointer);
        List<String> out = new ArrayList<>();
        if (n.isMissingNode() || n.isNull()) {
            return out;
        }
        if (n.isValueNode()) {
            out.add(n.asText());
            return out;
        }
        if (!n.isArray()) {
            problem(pointer, "'" + name + "' must be a list");
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            if (e.isValueNode() && !e.isNull() && !e.asText().isBlank()) {
                out.add(e.asText().strip());
            } else {
                problem(pointer + "/" + i, "'" + name + "' entries must be text");
            }
        }
        return out;
    }

    Duration timeout(String pointer) {
        JsonNode n = node(pointer);
        if (n.isMissingNode() || n.isNull()) {
            return Story.DEFAULT_TIMEOUT;
        }
        long seconds;
        if (n.isIntegralNumber()) {
            seconds = n.asLong();
        } else if (n.isTextual() && n.asText().strip().matches("\\d+")) {
            seconds = Long.parseLong(n.asText().strip());
        } else {
            problem(pointer, "bad timeoutSeconds '" + n.asText() + "': a whole number of seconds above 0");
            return Story.DEFAULT_TIMEOUT;
        }
        if (seconds <= 0) {
            problem(pointer, "bad timeoutSeconds " + seconds + ": a whole number of seconds above 0");
            return Story.DEFAULT_TIMEOUT;
        }
        return Duration.ofSeconds(seconds);
    }

    String executor(String pointer) {
        String v = text(pointer, "executor");
        if (v == null || v.isBlank()) {
            return null;
        }
        String e = v.strip().toLowerCase(Locale.ROOT);
        if (!EXECUTORS.contains(e)) {
            problem(pointer, "unknown executor '" + v + "' (internal or copilot)");
            return null;
        }
        return e;
    }

    /** The fixture repository resolved to an absolute folder; a problem when it is not found. */
    Path repository(String pointer, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return RepositoryResolver.resolve(file, text).orElseGet(() -> {
            Path given = Path.of(text.strip());
            problem(pointer, given.isAbsolute()
                    ? "repository " + text.strip() + " does not exist (or is not a folder)"
                    : "repository '" + text.strip() + "' not found in " + file.toAbsolutePath().getParent()
                            + " or any folder above it");
            return null;
        });
    }

    /** The {@code expectations} list of the .NET scenario format (also allowed in front matter). */
    List<Expectation> expectations(String pointer) {
        JsonNode n = node(pointer);
        List<Expectation> out = new ArrayList<>();
        if (n.isMissingNode() || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            problem(pointer, "'expectations' must be a list");
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            String at = pointer + "/" + i;
            JsonNode e = n.get(i);
            if (!e.isObject()) {
                problem(at, "an expectation must be a mapping with a 'type'");
                continue;
            }
            String type = text(at + "/type", "type");
            if (node(at + "/type").isContainerNode()) {
                continue; // reported by text(): a type must be a word
            }
            String description = text(at + "/description", "description");
            Map<String, Object> params = new LinkedHashMap<>();
            Map<String, String> keyOf = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getKey().equals("type") || f.getKey().equals("description")) {
                    continue;
                }
                String key = ExpectationRules.camelCase(f.getKey());
                params.put(key, plain(f.getValue()));
                keyOf.put(key, f.getKey());
            }
            int before = problems.size();
            ExpectationRules.check(type, params, (param, message) ->
                    problem(param == null ? at : at + "/" + keyOf.getOrDefault(param, param), message));
            if (problems.size() == before) {
                out.add(new Expectation(type.strip().toLowerCase(Locale.ROOT), description, params, line(at)));
            }
        }
        return out;
    }

    /** Adds an expectation built from front-matter shorthand, checking it like any other. */
    void addChecked(List<Expectation> out, String pointer, String type, String description, Map<String, Object> params) {
        int before = problems.size();
        ExpectationRules.check(type, params, (param, message) -> problem(pointer, message));
        if (problems.size() == before) {
            out.add(new Expectation(type, description, params, line(pointer)));
        }
    }

    /** A YAML value as plain Java: text, numbers, booleans, lists and maps. */
    static Object plain(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isTextual()) {
            return n.asText();
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isArray()) {
            List<Object> list = new ArrayList<>();
            n.forEach(e -> list.add(plain(e)));
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        n.fields().forEachRemaining(f -> map.put(f.getKey(), plain(f.getValue())));
        return map;
    }
}
