package dev.anvil.record.aura;

import dev.anvil.cli.Cli;
import dev.anvil.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code anvil health}, as the .NET Anvil has it, against the in-process Aura. */
class HealthCommandTest {
    @TempDir
    Path tmp;
    String out;
    String err;

    private int anvil(String... args) {
        Cli.Outcome o = Cli.run(args);
        out = o.out();
        err = o.err();
        return o.exitCode();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aHealthyAuraAnswersWithItsVersion() throws Exception {
        try (FakeAura aura = new FakeAura()) {
            assertThat(anvil("health", "--aura-url", aura.url())).as(err).isZero();
            assertThat(out).isEqualTo("Aura at " + aura.url() + " is healthy (version 0.1.0)\n");
            assertThat(aura.requestLines()).containsExactly("GET /health");
        }
    }

    @Test
    void anAuraThatAnswersButIsNotHealthyExitsWithOne() throws Exception {
        try (FakeAura aura = new FakeAura()) {
            aura.health(503, "{\"status\":\"starting\"}");
            assertThat(anvil("health", "--url", aura.url())).isEqualTo(1);
            assertThat(out).isEqualTo("Aura at " + aura.url() + " is not healthy: GET /health returned HTTP 503\n");
        }
    }

    @Test
    void anUnreachableAuraIsOneLineAndExitTwo() throws Exception {
        int port = freePort();
        assertThat(anvil("health", "--aura-url", "http://127.0.0.1:" + port)).isEqualTo(2);
        assertThat(err.lines().toList()).containsExactly("anvil: Aura is not reachable at http://127.0.0.1:" + port
                + " (GET /health: connection refused); start Aura or point --aura-url (or AURA_URL, or auraUrl in anvil.yaml) at it");
        assertThat(out).isEmpty();
    }

    @Test
    void auraUrlFromTheEnvironmentIsHonoured() throws Exception {
        try (FakeAura aura = new FakeAura()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "health")).directory(tmp.toFile()).redirectErrorStream(true);
            pb.environment().put("AURA_URL", aura.url());
            pb.environment().put("HOME", tmp.toString());
            pb.environment().put("XDG_CONFIG_HOME", tmp.resolve("config").toString());
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(output).isZero();
            assertThat(output).contains("Aura at " + aura.url() + " is healthy (version 0.1.0)");
        }
    }
}
