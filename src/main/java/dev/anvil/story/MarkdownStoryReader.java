package dev.anvil.story;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads ADR-008 Markdown stories: YAML front matter between {@code ---} lines, then the story
 * text given to the agent.
 * <pre>
 * ---
 * id: greeting-cli
 * title: Add a greeting command
 * language: python
 * category: cli
 * tags: [beginner]
 * repository: fixtures/python-cli            # none: a greenfield story, starting in an empty git repository
 * expected_files: ["src/**&#47;greet.py"]          # each a file_exists expectation (glob)
 * validation: {build: true, tests: true, run_command: "python -m app", run_output: "Hello"}
 *                                               # or the list form: [build, test]
 * timeoutSeconds: 600
 * ---
 * Add a command that ...
 * </pre>
 * {@code validation.run_output} is a regular expression searched in the command's output, like
 * every run_output pattern. The scenario format's {@code expectations} list is accepted too.
 */
final class MarkdownStoryReader {
    /** The front matter must open the file; a .md file without it is documentation, not a story. */
    static boolean hasFrontMatter(String text) {
        String t = stripBom(text);
        return t.startsWith("---\n") || t.startsWith("---\r\n") || t.equals("---");
    }

    private MarkdownStoryReader() {
    }

    static LoadedStory read(Path shown, Path file, String text, String hash, List<StoryProblem> problems) {
        String[] lines = stripBom(text).split("\\R", -1);
        int close = -1;
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i].stripTrailing();
            if (l.equals("---") || l.equals("...")) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            problems.add(new StoryProblem(shown, 1, "front matter opened with --- on line 1 is never closed with ---"));
            return null;
        }
        String frontMatter = String.join("\n", java.util.Arrays.asList(lines).subList(1, close));
        String body = String.join("\n", java.util.Arrays.asList(lines).subList(close + 1, lines.length)).strip();
        YamlTree tree;
        try {
            tree = YamlTree.parse(frontMatter, 1); // front matter line 1 is file line 2
        } catch (JsonProcessingException e) {
            problems.add(new StoryProblem(shown, ScenarioReader.lineOf(e, 1),
                    "bad YAML in front matter: " + ScenarioReader.yamlMessage(e)));
            return null;
        }
        if (tree.empty() || !tree.root().isObject()) {
            problems.add(new StoryProblem(shown, 1, "front matter must be a YAML mapping (id, title, language, ...)"));
            return null;
        }
        int before = problems.size();
        StoryFields f = new StoryFields(shown, tree, problems);
        // `name` is accepted too, as in the scenario format; `id` is ADR-008's word
        String idField = f.node("/id").isMissingNode() && !f.node("/name").isMissingNode() ? "/name" : "/id";
        String id = f.requiredText(idField, idField.substring(1), "the story id");
        String language = f.requiredText("/language", "language", "e.g. csharp, python, java");
        String title = f.text("/title", "title");
        if (title == null || title.isBlank()) {
            title = firstHeading(body);
            if (title == null) {
                f.problem("/title", "missing 'title' (in the front matter, or a '# heading' in the text)");
            }
        }
        if (body.isEmpty()) {
            problems.add(new StoryProblem(shown, close + 1, "the story text after the front matter is empty"));
        }
        String category = f.text("/category", "category");
        String repositoryText = f.text("/repository", "repository");
        Path repository = f.repository("/repository", repositoryText);
        List<Expectation> expectations = new ArrayList<>();
        List<String> expectedFiles = f.textList("/expected_files", "expected_files");
        JsonNode listed = f.node("/expected_files");
        for (int i = 0; i < expectedFiles.size(); i++) {
            String glob = expectedFiles.get(i);
            String at = listed.isArray() ? "/expected_files/" + i : "/expected_files";
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("path", glob);
            f.addChecked(expectations, at, "file_exists", "expected file " + glob, params);
        }
        validation(f, expectations);
        expectations.addAll(f.expectations("/expectations"));
        var timeout = f.timeout("/timeoutSeconds");
        String executor = f.executor("/executor");
        List<String> tags = f.textList("/tags", "tags");
        if (problems.size() > before) {
            return null;
        }
        Story story = new Story(id, title.strip(), body, language, category, tags, file, StoryFormat.MARKDOWN,
                repository, repositoryText, expectations, timeout, executor, hash);
        return new LoadedStory(story, shown, f.line(idField));
    }

    /**
     * {@code validation} as expectations, in either form ADR-008's examples write it: a mapping
     * ({@code {build: true, tests: true, run_command: ..., run_output: ...}}) or a list of checks
     * ({@code [build, test]}, or entries of one key each: {@code - build: true}, {@code - run_output: "Hello"}).
     */
    private static void validation(StoryFields f, List<Expectation> out) {
        JsonNode v = f.node("/validation");
        if (v.isMissingNode() || v.isNull()) {
            return;
        }
        Map<String, String> at = new LinkedHashMap<>(); // check -> pointer of its value (true for a bare word)
        if (v.isObject()) {
            v.fieldNames().forEachRemaining(k -> at.put(k, "/validation/" + k));
        } else if (v.isArray()) {
            for (int i = 0; i < v.size(); i++) {
                JsonNode e = v.get(i);
                String pointer = "/validation/" + i;
                if (e.isTextual()) {
                    String word = e.asText().strip().toLowerCase(java.util.Locale.ROOT);
                    String check = CHECK_WORDS.get(word);
                    if (check == null) {
                        f.problem(pointer, "unknown validation check '" + e.asText() + "' (build, test, or run_command/run_output entries)");
                    } else {
                        at.put(check, pointer);
                    }
                } else if (e.isObject() && e.size() == 1) {
                    String key = e.fieldNames().next();
                    at.put(key, pointer + "/" + key);
                } else {
                    f.problem(pointer, "a validation entry is a check (build, test) or one key: value (e.g. run_output: \"Hello\")");
                }
            }
        } else {
            f.problem("/validation", "'validation' must be a list of checks ([build, test]) or a mapping (build, tests, run_command, run_output)");
            return;
        }
        for (String key : at.keySet()) {
            if (!VALIDATION_KEYS.contains(key)) {
                f.problem(at.get(key), "unknown validation key '" + key + "' (" + String.join(", ", VALIDATION_KEYS) + ")");
            }
        }
        if (at.containsKey("build") && flag(f, at.get("build"))) {
            f.addChecked(out, at.get("build"), "compiles", "the code builds", new LinkedHashMap<>());
        }
        String tests = at.containsKey("tests") ? at.get("tests") : at.get("test");
        if (tests != null && flag(f, tests)) {
            f.addChecked(out, tests, "tests_pass", "the tests pass", new LinkedHashMap<>());
        }
        String output = at.containsKey("run_output") ? f.text(at.get("run_output"), "validation.run_output") : null;
        String command = at.containsKey("run_command") ? f.text(at.get("run_command"), "validation.run_command") : null;
        if (output != null) {
            if (command == null || command.isBlank()) {
                f.problem(at.get("run_output"), "validation.run_output needs validation.run_command (the command whose output to match)");
                return;
            }
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("command", command);
            params.put("pattern", output);
            f.addChecked(out, at.get("run_output"), "run_output", "output of " + command, params);
        } else if (command != null && !command.isBlank()) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("command", command);
            f.addChecked(out, at.get("run_command"), "command", "runs: " + command, params);
        }
    }

    private static final Map<String, String> CHECK_WORDS = Map.of("build", "build", "compile", "build", "compiles", "build",
            "test", "tests", "tests", "tests");
    private static final List<String> VALIDATION_KEYS = List.of("build", "tests", "test", "run_command", "run_output");

    private static boolean flag(StoryFields f, String pointer) {
        JsonNode n = f.node(pointer);
        if (n.isMissingNode() || n.isNull()) {
            return false;
        }
        if (n.isTextual() && CHECK_WORDS.containsKey(n.asText().strip().toLowerCase(java.util.Locale.ROOT))) {
            return true; // a bare word in the list form: [build, test]
        }
        if (!n.isBoolean()) {
            f.problem(pointer, pointer.substring(1).replace('/', '.') + " must be true or false, not '" + n.asText() + "'");
            return false;
        }
        return n.asBoolean();
    }

    private static String firstHeading(String body) {
        for (String line : body.split("\\R")) {
            if (line.startsWith("# ")) {
                return line.substring(2).strip();
            }
        }
        return null;
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
