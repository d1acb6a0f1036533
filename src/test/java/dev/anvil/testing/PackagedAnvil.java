package dev.anvil.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar ({@code anvil.jar}, built by {@code mvn package} before the ITs) run as a user
 * runs it, in a child process of its own, in a folder whose home and XDG folders are its own: no
 * default history, spool or config of the machine leaks in, and no {@code ANVIL_DB} or password
 * file of the machine; {@code PGPASSWORD} is the test servers'.
 */
public final class PackagedAnvil {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    /** How a finished command ended: its exit code, stdout and stderr. */
    public record Outcome(int exitCode, String out, String err) {
    }

    private final Path dir;

    private PackagedAnvil(Path dir) {
        this.dir = dir;
    }

    /** Anvil run in {@code dir}, with home and XDG folders under it. */
    public static PackagedAnvil in(Path dir) {
        return new PackagedAnvil(dir);
    }

    /** HOME and the XDG folders of the child processes (also what {@code Spool.forHistory} needs to find their spool). */
    public Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", dir.resolve("home").toString());
        env.put("XDG_DATA_HOME", dir.resolve("data").toString());
        env.put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        return env;
    }

    /** A process of {@code java -jar anvil.jar ARGS}, not started yet (redirect or start it). */
    public ProcessBuilder process(List<String> args) {
        List<String> command = new ArrayList<>(List.of(JAVA, "-jar", System.getProperty("anvil.jar")));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().remove("ANVIL_DB");
        pb.environment().remove("PGPASSFILE");
        pb.environment().put("PGPASSWORD", TestPostgres.PASSWORD);
        pb.environment().putAll(environment());
        return pb;
    }

    /** Runs {@code anvil ARGS} to its end (at most two minutes) and returns how it ended. */
    public Outcome run(String... args) throws IOException, InterruptedException {
        Process p = process(List.of(args)).start();
        p.getOutputStream().close();
        // stderr on a thread of its own: a child filling one pipe while we read the other would hang
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> text(p.getErrorStream()));
        String out = text(p.getInputStream());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("anvil " + String.join(" ", args) + " did not end within two minutes");
        }
        return new Outcome(p.exitValue(), out, err.join());
    }

    private static String text(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
