package dev.anvil.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Real processes for the kernel's integration tests: the built Anvil jar, Python's Jupyter client, nbconvert. */
final class JupyterTools {
    private JupyterTools() {
    }

    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("anvil.jar", "target/anvil.jar"));
        assumeTrue(Files.isRegularFile(jar), "the Anvil jar is built by 'mvn package' before the ITs: " + jar);
        return jar;
    }

    static Path projectDir() {
        return Path.of(System.getProperty("anvil.projectDir", ".")).toAbsolutePath();
    }

    /** A Python 3 that has Jupyter's client (Debian's jupyter-client, python3-nbclient); skips the test when none. */
    static String pythonWithJupyterClient() {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Result r = run(List.of(candidate, "-c", "import jupyter_client, zmq, nbformat"), Map.of(), null, 60);
                if (r.exitCode() == 0) {
                    return candidate;
                }
            } catch (RuntimeException notThere) {
                // try the next one
            }
        }
        assumeTrue(false, "python3 with jupyter_client is not installed (CI installs jupyter-client, "
                + "python3-nbclient and jupyter-nbconvert from Debian)");
        return null;
    }

    static Optional<String> jupyter() {
        for (String candidate : List.of("/usr/bin/jupyter", "jupyter")) {
            try {
                if (run(List.of(candidate, "nbconvert", "--version"), Map.of(), null, 60).exitCode() == 0) {
                    return Optional.of(candidate);
                }
            } catch (RuntimeException notThere) {
                // try the next one
            }
        }
        return Optional.empty();
    }

    static Result anvil(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Kernelspec.currentJava(), "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        return run(cmd, env, null, 600);
    }

    static Result run(List<String> command, Map<String, String> env, Path workDir, long timeoutSeconds) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().putAll(env);
            if (workDir != null) {
                pb.directory(workDir.toFile());
            }
            Path out = Files.createTempFile("anvil-it", ".out");
            Path err = Files.createTempFile("anvil-it", ".err");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("timed out after " + timeoutSeconds + " s: " + String.join(" ", command)
                        + "\n" + Files.readString(err));
            }
            Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return r;
        } catch (IOException e) {
            throw new RuntimeException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }
}
