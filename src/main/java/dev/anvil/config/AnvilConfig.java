package dev.anvil.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.nio.file.Path;
import java.util.Map;

/**
 * The contents of {@code anvil.yaml}. Every section is optional; unknown keys are ignored so an
 * older Anvil can read a newer team's file.
 *
 * <pre>
 * db: ~/anvil/history.db
 * modes:
 *   copilot-cli: {command: "copilot -p {prompt} --allow-all-tools"}
 * languages:
 *   java: {build: "mvn -q compile", test: "mvn -q test"}
 * </pre>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AnvilConfig(
        @JsonProperty("db") String db,
        @JsonProperty("modes") Map<String, ModeConfig> modes,
        @JsonProperty("languages") Map<String, LanguageConfig> languages,
        @JsonProperty("auraUrl") String auraUrl,
        Path source) {

    public static final AnvilConfig EMPTY = new AnvilConfig(null, Map.of(), Map.of(), null, null);

    public AnvilConfig {
        modes = modes == null ? Map.of() : Map.copyOf(modes);
        languages = languages == null ? Map.of() : Map.copyOf(languages);
    }

    public AnvilConfig withSource(Path file) {
        return new AnvilConfig(db, modes, languages, auraUrl, file);
    }

    /**
     * How a mode runs its agent: a shell command, or the Aura executor. For Aura, {@code decompose}
     * is the body of {@code POST .../decompose} (default {@code {maxParallelism: 1, includeTests:
     * false}}) and {@code indexUsage} replaces the tool lists index usage is measured with.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ModeConfig(
            @JsonProperty("command") String command,
            @JsonProperty("executor") String executor,
            @JsonProperty("auraUrl") String auraUrl,
            @JsonProperty("timeoutSeconds") Integer timeoutSeconds,
            @JsonProperty("env") Map<String, String> env,
            @JsonProperty("decompose") Map<String, Object> decompose,
            @JsonProperty("indexUsage") ToolLists indexUsage) {

        public ModeConfig(String command, String executor, String auraUrl, Integer timeoutSeconds, Map<String, String> env) {
            this(command, executor, auraUrl, timeoutSeconds, env, null, null);
        }
    }

    /**
     * The tool names index usage sorts an agent's calls by (case-insensitive). A list that is
     * given replaces Anvil's default for it; one left out keeps the default.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ToolLists(
            @JsonProperty("semanticTools") java.util.List<String> semanticTools,
            @JsonProperty("fileLevelTools") java.util.List<String> fileLevelTools,
            @JsonProperty("editTools") java.util.List<String> editTools,
            @JsonProperty("readTools") java.util.List<String> readTools) {
    }

    /** Build and test commands of a language, overriding Anvil's defaults. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LanguageConfig(
            @JsonProperty("build") String build,
            @JsonProperty("test") String test) {
    }
}
