package dev.anvil.record.aura;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anvil.history.IndexUsage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Index usage of a story's tool calls, by the .NET Anvil's rules: the share of Aura's semantic
 * tools among the discovery calls (semantic + file-level), how many calls it took to reach the
 * first edit, how many files were read and then left alone, and the patterns of the search.
 */
final class IndexUsageAnalyzer {
    /** File-level calls in a row, with no semantic call between them, that make "fishing". */
    static final int FISHING_RUN = 5;

    private final ToolKinds kinds;

    IndexUsageAnalyzer(ToolKinds kinds) {
        this.kinds = kinds;
    }

    boolean isSemantic(String tool) {
        return kinds.isSemantic(tool);
    }

    IndexUsage analyze(List<ToolCall> calls) {
        int semantic = 0;
        int fileLevel = 0;
        for (ToolCall c : calls) {
            semantic += kinds.isSemantic(c.tool()) ? 1 : 0;
            fileLevel += kinds.isFileLevel(c.tool()) ? 1 : 0;
        }
        int discovery = semantic + fileLevel;
        Double ratio = discovery == 0 ? null : Math.round(1000.0 * semantic / discovery) / 1000.0;
        return new IndexUsage(calls.size(), semantic, fileLevel, ratio, stepsToFirstEdit(calls), backtracking(calls),
                patterns(calls, semantic > 0));
    }

    /** Calls up to and including the first edit; all of them when nothing was edited. */
    private int stepsToFirstEdit(List<ToolCall> calls) {
        for (int i = 0; i < calls.size(); i++) {
            if (kinds.isEdit(calls.get(i).tool())) {
                return i + 1;
            }
        }
        return calls.size();
    }

    /** Files read and never edited (paths from the calls' filePath, path or file argument). */
    private int backtracking(List<ToolCall> calls) {
        Set<String> read = new HashSet<>();
        Set<String> edited = new HashSet<>();
        for (ToolCall c : calls) {
            String file = filePath(c.arguments());
            if (file == null) {
                continue;
            }
            if (kinds.isRead(c.tool())) {
                read.add(file);
            } else if (kinds.isEdit(c.tool())) {
                edited.add(file);
            }
        }
        read.removeAll(edited);
        return read.size();
    }

    private List<String> patterns(List<ToolCall> calls, boolean anySemantic) {
        List<String> out = new ArrayList<>();
        int run = 0;
        for (ToolCall c : calls) {
            if (kinds.isFileLevel(c.tool())) {
                if (++run >= FISHING_RUN) {
                    out.add("fishing");
                    break;
                }
            } else if (kinds.isSemantic(c.tool())) {
                run = 0;
            }
        }
        if (!anySemantic && calls.stream().anyMatch(c -> c.tool().equalsIgnoreCase("grep_search"))) {
            out.add("guessing");
        }
        for (int i = 0; i + 1 < calls.size(); i++) {
            if (kinds.isSemantic(calls.get(i).tool()) && kinds.isEdit(calls.get(i + 1).tool())) {
                out.add("direct");
                break;
            }
        }
        return out;
    }

    private static String filePath(String arguments) {
        if (arguments == null || !arguments.strip().startsWith("{")) {
            return null;
        }
        try {
            JsonNode args = AuraClient.JSON.readTree(arguments);
            for (String name : new String[] {"filePath", "path", "file"}) {
                JsonNode v = args.path(name);
                if (v.isTextual() && !v.asText().isBlank()) {
                    return v.asText().toLowerCase(Locale.ROOT); // as the .NET Anvil: paths compared case-insensitively
                }
            }
        } catch (java.io.IOException e) {
            // arguments that are not JSON name no file
        }
        return null;
    }
}
