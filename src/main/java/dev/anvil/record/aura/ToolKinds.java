package dev.anvil.record.aura;

import dev.anvil.config.AnvilConfig;

import java.util.List;
import java.util.Locale;

/**
 * Which tools count as what for index usage, case-insensitively; a name ending in {@code *} is a
 * prefix. The defaults are the .NET Anvil's lists (its IndexEffectivenessAnalyzer); each list can
 * be replaced per mode in anvil.yaml ({@code modes.NAME.indexUsage.semanticTools} and so on).
 */
record ToolKinds(List<String> semantic, List<String> fileLevel, List<String> edit, List<String> read) {

    /** Aura's semantic tools: its MCP discovery tools, code generation, Roslyn and the code graph. */
    static final List<String> SEMANTIC = List.of(
            "aura_search", "aura_navigate", "aura_inspect",
            "mcp_aura_codebase_search", "mcp_aura_codebase_navigate", "mcp_aura_codebase_inspect",
            "aura.generate", "aura.refactor", "aura.validate",
            "roslyn.list_projects", "roslyn.list_classes", "roslyn.get_class_info", "roslyn.validate_compilation",
            "roslyn.find_usages", "roslyn.get_project_references",
            "roslyn.add_method", "roslyn.add_property", "roslyn.create_type", "roslyn.implement_interface",
            "roslyn.generate_constructor", "roslyn.generate_tests", "roslyn.rename",
            "graph.index_code", "graph.find_implementations", "graph.find_callers", "graph.get_type_members");
    /** Tools that bypass the index (Copilot's own semantic_search included: it is not Aura's). */
    static final List<String> FILE_LEVEL = List.of(
            "read_file", "file.read", "file.list", "grep_search", "list_dir", "semantic_search", "file_search");
    static final List<String> EDIT = List.of(
            "replace_string_in_file", "create_file", "edit_file", "multi_replace_string_in_file",
            "aura_generate*", "aura_refactor*", "mcp_aura_codebase_generate*", "mcp_aura_codebase_refactor*");
    static final List<String> READ = List.of("read_file", "file.read");

    static final ToolKinds DEFAULT = new ToolKinds(SEMANTIC, FILE_LEVEL, EDIT, READ);

    ToolKinds {
        semantic = normalize(semantic);
        fileLevel = normalize(fileLevel);
        edit = normalize(edit);
        read = normalize(read);
    }

    /** The defaults with the lists a mode's anvil.yaml gives in their place. */
    static ToolKinds of(AnvilConfig.ToolLists lists) {
        if (lists == null) {
            return DEFAULT;
        }
        return new ToolKinds(or(lists.semanticTools(), SEMANTIC), or(lists.fileLevelTools(), FILE_LEVEL),
                or(lists.editTools(), EDIT), or(lists.readTools(), READ));
    }

    boolean isSemantic(String tool) {
        return matches(semantic, tool);
    }

    boolean isFileLevel(String tool) {
        return matches(fileLevel, tool);
    }

    boolean isEdit(String tool) {
        return matches(edit, tool);
    }

    boolean isRead(String tool) {
        return matches(read, tool);
    }

    private static boolean matches(List<String> names, String tool) {
        String t = tool.toLowerCase(Locale.ROOT);
        for (String n : names) {
            if (n.endsWith("*") ? t.startsWith(n.substring(0, n.length() - 1)) : t.equals(n)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> or(List<String> given, List<String> fallback) {
        return given == null ? fallback : given;
    }

    private static List<String> normalize(List<String> names) {
        return names.stream().filter(n -> n != null && !n.isBlank())
                .map(n -> n.strip().toLowerCase(Locale.ROOT)).toList();
    }
}
