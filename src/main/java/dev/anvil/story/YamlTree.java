package dev.anvil.story;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML document read into a Jackson tree that remembers where each node was written. Jackson's
 * trees drop locations, so the tree is built from the parser's tokens and every node's line is
 * kept under its JSON pointer ({@code /expectations/0/pattern}); a mapping entry's line is the
 * line of its key.
 */
final class YamlTree {
    private static final YAMLFactory FACTORY = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String SECOND_DOCUMENT = "#second-document";

    private final JsonNode root;
    private final Map<String, Integer> lines;
    private final java.util.List<String> duplicates;

    private YamlTree(JsonNode root, Map<String, Integer> lines, java.util.List<String> duplicates) {
        this.root = root;
        this.lines = lines;
        this.duplicates = duplicates;
    }

    /** Parses {@code text}; lines are shifted by {@code lineOffset} (front matter starts below line 1). */
    static YamlTree parse(String text, int lineOffset) throws JsonProcessingException {
        Map<String, Integer> lines = new HashMap<>();
        java.util.List<String> duplicates = new java.util.ArrayList<>();
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new YamlTree(NODES.missingNode(), lines, duplicates);
            }
            JsonNode root = read(p, "", lines, duplicates, lineOffset);
            if (p.nextToken() != null) { // Jackson reads a YAML stream's documents one after another
                lines.put(SECOND_DOCUMENT, p.currentTokenLocation().getLineNr() + lineOffset);
            }
            return new YamlTree(root, lines, duplicates);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("reading YAML from a string", e);
        }
    }

    JsonNode root() {
        return root;
    }

    /** Keys written twice in one mapping, as {@code pointer} of the second occurrence (its line via {@link #line}). */
    java.util.List<String> duplicateKeys() {
        return duplicates;
    }

    /** The line where a second YAML document starts, or 0 when the text holds one. */
    int secondDocumentLine() {
        return lines.getOrDefault(SECOND_DOCUMENT, 0);
    }

    boolean empty() {
        return root.isMissingNode() || root.isNull();
    }

    /** The line where the node at {@code pointer} was written, or the nearest enclosing node's line; 1 at worst. */
    int line(String pointer) {
        String p = pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int slash = p.lastIndexOf('/');
            if (slash < 0) {
                return lines.getOrDefault("", 1);
            }
            p = p.substring(0, slash);
        }
    }

    private static JsonNode read(JsonParser p, String pointer, Map<String, Integer> lines, java.util.List<String> duplicates,
                                 int offset) throws IOException {
        lines.putIfAbsent(pointer, p.currentTokenLocation().getLineNr() + offset);
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                ObjectNode node = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    String child = pointer + "/" + escape(name);
                    if (node.has(name)) {
                        String again = child + "#" + duplicates.size();
                        lines.put(again, p.currentTokenLocation().getLineNr() + offset);
                        duplicates.add(again);
                        p.nextToken();
                        read(p, again, lines, duplicates, offset); // parsed and dropped: the first one counts
                        continue;
                    }
                    lines.put(child, p.currentTokenLocation().getLineNr() + offset);
                    p.nextToken();
                    node.set(name, read(p, child, lines, duplicates, offset));
                }
                return node;
            }
            case START_ARRAY: {
                ArrayNode node = NODES.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    node.add(read(p, pointer + "/" + i++, lines, duplicates, offset));
                }
                return node;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                return NODES.numberNode(p.getLongValue());
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                return NODES.textNode(p.getText());
        }
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
