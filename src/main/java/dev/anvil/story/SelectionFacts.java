package dev.anvil.story;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads from a story file with problems as much as a filter looks at (name, tags, language), so
 * that a file the user did not select cannot block the stories they did.
 */
final class SelectionFacts {
    private SelectionFacts() {
    }

    /** Null when the filter selects the file's story; else why its problems do not block. */
    static String whyUnselected(Path file, StoryFilter filter) {
        JsonNode root;
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md")) {
                text = frontMatter(text);
            }
            root = text == null ? null : YamlTree.parse(text, 0).root();
        } catch (IOException | RuntimeException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            return "ignored: the filters select by name, tags and language, which this file does not tell";
        }
        String name = text(root.get("name"));
        if (name == null) {
            name = text(root.get("id"));
        }
        List<String> tags = new ArrayList<>();
        JsonNode t = root.get("tags");
        if (t != null && t.isArray()) {
            t.forEach(e -> tags.add(e.asText()));
        } else if (t != null && t.isValueNode()) {
            tags.add(t.asText());
        }
        Story partial = new Story(name == null ? "" : name, null, null, text(root.get("language")), null, tags, file,
                StoryFormat.YAML, null, null, null, null, null, null);
        return filter.matches(partial) ? null : "not selected by the filters: ignored";
    }

    private static String text(JsonNode n) {
        return n != null && n.isValueNode() && !n.isNull() ? n.asText().strip() : null;
    }

    private static String frontMatter(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] lines = t.split("\\R", -1);
        if (lines.length == 0 || !lines[0].stripTrailing().equals("---")) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i].stripTrailing();
            if (l.equals("---") || l.equals("...")) {
                return sb.toString();
            }
            sb.append(lines[i]).append('\n');
        }
        return null;
    }
}
