package dev.anvil.kernel;

import dev.anvil.AnvilException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Jupyter's data folders, found the way jupyter_core finds them: the user's
 * ({@code JUPYTER_DATA_DIR}, else {@code $XDG_DATA_HOME/jupyter} or {@code ~/.local/share/jupyter}
 * on Linux, {@code ~/Library/Jupyter} on macOS, {@code %APPDATA%\jupyter} on Windows), the Python
 * environment's ({@code sys.prefix/share/jupyter} of the Python that runs {@code jupyter}), a
 * prefix's ({@code DIR/share/jupyter}), and the system's. Kernelspecs live in {@code kernels/}.
 */
public final class JupyterPaths {
    private final Map<String, String> env;
    private final Path home;

    public JupyterPaths(Map<String, String> env, Path home) {
        this.env = env;
        this.home = home;
    }

    public static JupyterPaths forThisProcess() {
        return new JupyterPaths(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    public Path userDataDir() {
        String explicit = env.get("JUPYTER_DATA_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath();
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac") || os.contains("darwin")) {
            return home.resolve("Library").resolve("Jupyter");
        }
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            return (appData != null && !appData.isBlank() ? Path.of(appData) : home.resolve("AppData").resolve("Roaming"))
                    .resolve("jupyter");
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("share");
        return base.resolve("jupyter");
    }

    public static Path prefixDataDir(Path prefix) {
        return prefix.toAbsolutePath().normalize().resolve("share").resolve("jupyter");
    }

    /** {@code sys.prefix/share/jupyter} of the Python that runs {@code jupyter} (else {@code python3}). */
    public Path sysPrefixDataDir() {
        String python = jupyterPython();
        String prefix = run(List.of(python, "-c", "import sys; print(sys.prefix)"));
        return Path.of(prefix).resolve("share").resolve("jupyter");
    }

    /** Every data folder Jupyter searches for kernelspecs, most specific first. */
    public List<Path> searchPath() {
        LinkedHashSet<Path> dirs = new LinkedHashSet<>();
        String extra = env.get("JUPYTER_PATH");
        if (extra != null && !extra.isBlank()) {
            for (String p : extra.split(java.io.File.pathSeparator)) {
                if (!p.isBlank()) {
                    dirs.add(Path.of(p).toAbsolutePath());
                }
            }
        }
        dirs.add(userDataDir());
        try {
            dirs.add(sysPrefixDataDir());
        } catch (AnvilException noPython) {
            // No Python here: only the user and system folders can hold kernelspecs Jupyter would find.
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String programData = env.get("PROGRAMDATA");
            if (programData != null) {
                dirs.add(Path.of(programData).resolve("jupyter"));
            }
        } else {
            dirs.add(Path.of("/usr/local/share/jupyter"));
            dirs.add(Path.of("/usr/share/jupyter"));
        }
        return new ArrayList<>(dirs);
    }

    private String jupyterPython() {
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path jupyter = Path.of(dir).resolve("jupyter");
            if (Files.isRegularFile(jupyter) && Files.isExecutable(jupyter)) {
                String interpreter = shebangInterpreter(jupyter);
                if (interpreter != null) {
                    return interpreter;
                }
            }
        }
        return "python3";
    }

    /** {@code #!/usr/bin/python3} -> /usr/bin/python3; {@code #!/usr/bin/env python3} -> python3. */
    static String shebangInterpreter(Path script) {
        try (BufferedReader r = Files.newBufferedReader(script, StandardCharsets.ISO_8859_1)) {
            String first = r.readLine();
            if (first == null || !first.startsWith("#!")) {
                return null;
            }
            String[] parts = first.substring(2).trim().split("\\s+");
            if (parts.length == 0 || parts[0].isEmpty()) {
                return null;
            }
            if (parts[0].endsWith("/env") && parts.length > 1) {
                return parts[1];
            }
            return parts[0];
        } catch (IOException e) {
            return null;
        }
    }

    private String run(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
                p.destroyForcibly();
                throw new AnvilException("cannot find the Python environment of Jupyter ('" + String.join(" ", command)
                        + "' failed: " + out + "); use --user or --prefix DIR");
            }
            String[] lines = out.split("\\R");
            return lines[lines.length - 1].trim();
        } catch (IOException e) {
            throw new AnvilException("cannot find the Python environment of Jupyter (" + command.get(0)
                    + ": " + e.getMessage() + "); use --user or --prefix DIR");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnvilException("interrupted while asking Python for sys.prefix");
        }
    }
}
