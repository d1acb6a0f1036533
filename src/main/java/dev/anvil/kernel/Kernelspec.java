package dev.anvil.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anvil.Version;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Jupyter kernelspec ({@code kernel.json}) that starts the Anvil kernel with the Java and the
 * Anvil build that installed it. Interrupts come as messages (a SIGINT would otherwise end the
 * JVM). The database is pinned in {@code env} only when asked ({@code anvil --db PATH kernel
 * install}); otherwise the kernel finds it as every command does, when it starts.
 */
public record Kernelspec(String name, String displayName, List<String> argv, Map<String, String> env,
                         String anvilVersion) {
    public static final String DEFAULT_NAME = "anvil";
    public static final String DISPLAY_NAME = "Anvil (Java)";
    static final ObjectMapper JSON = new ObjectMapper();
    /** The command-line entry point; named here so the kernel package does not depend on the cli package. */
    static final String MAIN_CLASS = "dev.anvil.cli.Main";

    public Kernelspec {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
    }

    /** The kernelspec for this JVM and this Anvil jar (or class path, when run from a build tree). */
    public static Kernelspec forThisProcess(String name, String displayName, Path pinnedDatabase) {
        return pinnedTo(name, displayName, pinnedDatabase == null ? null : pinnedDatabase.toAbsolutePath().normalize().toString());
    }

    /**
     * @param pinnedDatabase an absolute file path or a PostgreSQL URL without password (the kernel
     *                       takes the password from PGPASSWORD or ~/.pgpass when it starts)
     */
    public static Kernelspec pinnedTo(String name, String displayName, String pinnedDatabase) {
        List<String> argv = new ArrayList<>();
        argv.add(currentJava());
        // Charts are drawn off-screen; no window system is needed (or wanted) behind a notebook.
        argv.add("-Djava.awt.headless=true");
        Path codeSource = codeSource();
        if (codeSource != null && Files.isRegularFile(codeSource) && codeSource.toString().endsWith(".jar")) {
            argv.add("-jar");
            argv.add(codeSource.toString());
        } else {
            argv.add("-cp");
            argv.add(System.getProperty("java.class.path"));
            argv.add(MAIN_CLASS);
        }
        argv.addAll(List.of("kernel", "run", "--connection-file", "{connection_file}"));
        Map<String, String> env = new LinkedHashMap<>();
        if (pinnedDatabase != null) {
            env.put(dev.anvil.history.DatabaseLocation.ENV, pinnedDatabase);
        }
        return new Kernelspec(name, displayName, argv, env, Version.get());
    }

    static String currentJava() {
        return ProcessHandle.current().info().command()
                .filter(c -> Files.isExecutable(Path.of(c)))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static Path codeSource() {
        try {
            return Path.of(Kernelspec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode args = root.putArray("argv");
        argv.forEach(args::add);
        root.put("display_name", displayName);
        root.put("language", "java");
        root.put("interrupt_mode", "message");
        if (!env.isEmpty()) {
            ObjectNode e = root.putObject("env");
            env.forEach(e::put);
        }
        ObjectNode metadata = root.putObject("metadata");
        metadata.put("debugger", false);
        metadata.putObject("anvil").put("version", anvilVersion);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a kernel.json; {@code anvilVersion} is null when the kernelspec was not written by Anvil. */
    static Kernelspec parse(String name, JsonNode root) {
        List<String> argv = new ArrayList<>();
        root.path("argv").forEach(a -> argv.add(a.asText()));
        Map<String, String> env = new LinkedHashMap<>();
        root.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        JsonNode anvil = root.path("metadata").path("anvil");
        return new Kernelspec(name, root.path("display_name").asText(name), argv, env,
                anvil.isMissingNode() ? null : anvil.path("version").asText("?"));
    }
}
