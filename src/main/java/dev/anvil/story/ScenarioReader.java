package dev.anvil.story;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads the .NET Anvil's YAML scenarios as they are:
 * <pre>
 * name: hello-world            # the story id
 * description: a summary (not given to the agent)
 * language: csharp
 * repository: fixtures/hello   # relative: the file's folder, then its ancestors
 * story: {title: ..., description: ...}   # the prompt
 * expectations: [{type: file_contains, path: ..., pattern: ...}]
 * timeoutSeconds: 300
 * executor: internal           # or copilot, passed to Aura
 * tags: [beginner]
 * </pre>
 */
final class ScenarioReader {
    private ScenarioReader() {
    }

    static LoadedStory read(Path shown, Path file, String text, String hash, List<StoryProblem> problems) {
        YamlTree tree;
        try {
            tree = YamlTree.parse(text, 0);
        } catch (JsonProcessingException e) {
            problems.add(new StoryProblem(shown, lineOf(e, 0), "bad YAML: " + yamlMessage(e)));
            return null;
        }
        if (tree.empty()) {
            problems.add(new StoryProblem(shown, 1, "empty story file"));
            return null;
        }
        if (!tree.root().isObject()) {
            problems.add(new StoryProblem(shown, 1, "a story file must be a YAML mapping (name, language, story, expectations, ...)"));
            return null;
        }
        int before = problems.size();
        StoryFields f = new StoryFields(shown, tree, problems);
        // `id` is accepted too, as in front matter; `name` is the scenario format's word
        String idField = f.node("/name").isMissingNode() && !f.node("/id").isMissingNode() ? "/id" : "/name";
        String id = f.requiredText(idField, idField.substring(1), "the story id");
        String language = f.requiredText("/language", "language", "e.g. csharp, python, java");
        String title = null;
        String prompt = null;
        if (f.node("/story").isMissingNode() || f.node("/story").isNull()) {
            f.problem("/story", "missing 'story' (its title, and its description: the prompt for the agent)");
        } else if (!f.node("/story").isObject()) {
            f.problem("/story", "'story' must be a mapping with 'title' and 'description'");
        } else {
            title = f.requiredText("/story/title", "story.title", "the story's title");
            prompt = f.requiredText("/story/description", "story.description", "the prompt for the agent");
        }
        f.text("/description", "description");
        String category = f.text("/category", "category");
        String repositoryText = f.text("/repository", "repository");
        Path repository = f.repository("/repository", repositoryText);
        List<Expectation> expectations = f.expectations("/expectations");
        var timeout = f.timeout("/timeoutSeconds");
        String executor = f.executor("/executor");
        List<String> tags = f.textList("/tags", "tags");
        if (problems.size() > before) {
            return null;
        }
        Story story = new Story(id, title, prompt, language, category, tags, file, StoryFormat.YAML, repository,
                repositoryText, expectations, timeout, executor, hash);
        return new LoadedStory(story, shown, f.line(idField));
    }

    static int lineOf(JsonProcessingException e, int offset) {
        return e.getLocation() == null || e.getLocation().getLineNr() <= 0 ? 1 : e.getLocation().getLineNr() + offset;
    }

    /** The YAML parser's complaint without its echo of the source and its own (front-matter relative) line numbers. */
    static String yamlMessage(JsonProcessingException e) {
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblem() != null) {
            return m.getContext() == null ? m.getProblem() : m.getContext() + ": " + m.getProblem();
        }
        return oneLine(e.getOriginalMessage());
    }

    static String oneLine(String message) {
        return message == null ? "unreadable" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
