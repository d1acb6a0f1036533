package dev.anvil.record;

import dev.anvil.AnvilException;
import dev.anvil.config.AnvilConfig;
import dev.anvil.config.ConfigLoader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides how a mode runs its agent. Strongest first: {@code --agent-command}; the mode's entry in
 * the user's anvil.yaml (working folder, then config folder); the mode's entry in the suite's
 * anvil.yaml (the nearest one above the story paths, so a suite brings its own modes). A mode
 * with {@code executor: aura}, or {@code aura-agents} without a command, runs through Aura.
 */
public final class ModeResolver {
    public static final String AURA_MODE = "aura-agents";
    public static final String DEFAULT_AURA_URL = "http://localhost:5300";

    /** The environment variable the .NET Anvil reads Aura's URL from. */
    public static final String AURA_URL_ENV = "AURA_URL";

    private final List<AnvilConfig> configs;
    private final Map<String, String> env;

    /** @param configs the configurations to consult, strongest first */
    public ModeResolver(List<AnvilConfig> configs) {
        this(configs, System.getenv());
    }

    /** @param env the environment ({@value #AURA_URL_ENV} is read from it) */
    public ModeResolver(List<AnvilConfig> configs, Map<String, String> env) {
        this.configs = List.copyOf(configs);
        this.env = env == null ? Map.of() : env;
    }

    public static ModeResolver forStories(AnvilConfig userConfig, List<Path> storyPaths) {
        List<AnvilConfig> list = new ArrayList<>();
        list.add(userConfig);
        suiteConfig(storyPaths, userConfig.source()).ifPresent(list::add);
        return new ModeResolver(list);
    }

    /** The nearest anvil.yaml in a story path's folder or above it (other than the one already loaded). */
    public static Optional<AnvilConfig> suiteConfig(List<Path> storyPaths, Path alreadyLoaded) {
        Path loaded = alreadyLoaded == null ? null : alreadyLoaded.toAbsolutePath().normalize();
        for (Path p : storyPaths) {
            Path dir = p.toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                dir = dir.getParent();
            }
            for (; dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(ConfigLoader.FILE_NAME);
                if (Files.isRegularFile(candidate)) {
                    if (candidate.equals(loaded)) {
                        break;
                    }
                    return Optional.of(ConfigLoader.read(candidate));
                }
            }
        }
        return Optional.empty();
    }

    /** The languages section merged over all configurations (stronger ones win per language). */
    public Map<String, AnvilConfig.LanguageConfig> languages() {
        Map<String, AnvilConfig.LanguageConfig> merged = new LinkedHashMap<>();
        for (int i = configs.size() - 1; i >= 0; i--) {
            merged.putAll(configs.get(i).languages());
        }
        return merged;
    }

    /** The strongest anvil.yaml entry of a mode, or null when no configuration defines it. */
    public AnvilConfig.ModeConfig modeConfig(String mode) {
        for (AnvilConfig c : configs) {
            AnvilConfig.ModeConfig m = c.modes().get(mode);
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    /**
     * Aura's URL: {@code --aura-url}, then the mode's {@code auraUrl} in anvil.yaml, then
     * {@code AURA_URL}, then the top-level {@code auraUrl}, then {@value #DEFAULT_AURA_URL}.
     */
    public String auraUrl(String explicit, AnvilConfig.ModeConfig mode) {
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        if (mode != null && mode.auraUrl() != null) {
            return mode.auraUrl();
        }
        String fromEnv = env.get(AURA_URL_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        for (AnvilConfig c : configs) {
            if (c.auraUrl() != null) {
                return c.auraUrl();
            }
        }
        return DEFAULT_AURA_URL;
    }

    /**
     * @param auraFactory makes the Aura executor from its base URL (null when this build has none)
     */
    public AgentMode resolve(String mode, String agentCommand, String auraUrl,
                             java.util.function.Function<String, AgentExecutor> auraFactory) {
        return resolve(mode, agentCommand, auraUrl,
                auraFactory == null ? null : (url, config) -> auraFactory.apply(url));
    }

    /**
     * @param auraFactory makes the Aura executor from its base URL and the mode's anvil.yaml entry
     *                    (null when there is none), which carries its decompose body and index usage tool lists
     */
    public AgentMode resolve(String mode, String agentCommand, String auraUrl,
                             java.util.function.BiFunction<String, AnvilConfig.ModeConfig, AgentExecutor> auraFactory) {
        if (mode == null || mode.isBlank()) {
            throw new AnvilException("--mode is empty: name the mode the run is recorded under (e.g. copilot-cli)");
        }
        AnvilConfig.ModeConfig configured = null;
        AnvilConfig definedIn = null;
        for (AnvilConfig c : configs) {
            AnvilConfig.ModeConfig m = c.modes().get(mode);
            if (m != null) {
                configured = m;
                definedIn = c;
                break;
            }
        }
        Integer timeout = configured == null ? null : configured.timeoutSeconds();
        Map<String, String> env = configured == null || configured.env() == null ? Map.of() : configured.env();
        Path configDir = definedIn == null || definedIn.source() == null ? null
                : definedIn.source().toAbsolutePath().normalize().getParent();
        if (agentCommand != null && !agentCommand.isBlank()) {
            return new AgentMode(mode, new CommandExecutor(agentCommand, env, configDir), false, "--agent-command", timeout);
        }
        boolean aura = configured != null && configured.executor() != null
                && configured.executor().trim().toLowerCase(Locale.ROOT).equals("aura");
        if (configured != null && configured.command() != null && !configured.command().isBlank() && !aura) {
            return new AgentMode(mode, new CommandExecutor(configured.command(), env, configDir), false,
                    String.valueOf(definedIn.source()), timeout);
        }
        boolean noCommand = configured == null || configured.command() == null || configured.command().isBlank();
        if (aura || (mode.equals(AURA_MODE) && noCommand && (configured == null || configured.executor() == null))) {
            if (auraFactory == null) {
                throw new AnvilException("mode '" + mode + "' runs through Aura, and this build has no Aura executor; "
                        + "give --agent-command to run it as a command");
            }
            String url = auraUrl(auraUrl, configured);
            return new AgentMode(mode, auraFactory.apply(url, configured), true, "Aura at " + url, timeout);
        }
        if (configured != null) {
            throw new AnvilException("mode '" + mode + "' in " + definedIn.source()
                    + " has no command; add 'command: ...' (or 'executor: aura') under modes." + mode);
        }
        throw new AnvilException("unknown mode '" + mode + "': no command for it; define modes." + mode
                + ".command in anvil.yaml" + known() + " or pass --agent-command \"...\"");
    }

    private String known() {
        List<String> names = new ArrayList<>();
        for (AnvilConfig c : configs) {
            for (String n : c.modes().keySet()) {
                if (!names.contains(n)) {
                    names.add(n);
                }
            }
        }
        names.sort(null);
        return names.isEmpty() ? "" : " (modes defined: " + String.join(", ", names) + ")";
    }
}
