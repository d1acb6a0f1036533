package dev.anvil.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The user's folders as every XDG tool finds them: $HOME, then XDG_DATA_HOME / XDG_CONFIG_HOME / XDG_CACHE_HOME. */
@EnabledOnOs(OS.LINUX)
class PlatformTest {
    @TempDir
    Path tmp;

    @Test
    void homeComesFromTheEnvironmentNotThePasswordDatabase() {
        Map<String, String> env = Map.of("HOME", "/tmp/x");
        assertThat(Platform.home(env)).isEqualTo(Path.of("/tmp/x"));
        assertThat(Platform.dataDir(env)).isEqualTo(Path.of("/tmp/x/.local/share/anvil"));
        assertThat(Platform.userConfigDir(env)).isEqualTo(Path.of("/tmp/x/.config/anvil"));
        assertThat(Platform.cacheDir(env)).isEqualTo(Path.of("/tmp/x/.cache/anvil"));
    }

    @Test
    void xdgVariablesWinOverHomeAndRelativeOnesAreIgnoredAsTheSpecSays() {
        Map<String, String> env = Map.of("HOME", "/tmp/x", "XDG_DATA_HOME", "/d", "XDG_CONFIG_HOME", "/c",
                "XDG_CACHE_HOME", "relative/cache");
        assertThat(Platform.dataDir(env)).isEqualTo(Path.of("/d/anvil"));
        assertThat(Platform.userConfigDir(env)).isEqualTo(Path.of("/c/anvil"));
        assertThat(Platform.cacheDir(env)).isEqualTo(Path.of("/tmp/x/.cache/anvil"));
    }

    @Test
    void withoutHomeJavasUserHomeIsTheLastResort() {
        assertThat(Platform.home(Map.of())).isEqualTo(Path.of(System.getProperty("user.home")));
    }

    private int anvil(Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.anvil.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("XDG_") || k.equals("ANVIL_DB"));
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    @Test
    void aProcessStartedWithAnotherHomeOpensTheHistoryThere() throws Exception {
        Path home = tmp.resolve("x");
        assertThat(anvil(Map.of("HOME", home.toString()), "runs")).isZero();
        assertThat(home.resolve(".local/share/anvil/anvil.db")).isRegularFile();

        Path data = tmp.resolve("data");
        assertThat(anvil(Map.of("HOME", home.toString(), "XDG_DATA_HOME", data.toString()), "runs")).isZero();
        assertThat(data.resolve("anvil/anvil.db")).isRegularFile();
    }
}
