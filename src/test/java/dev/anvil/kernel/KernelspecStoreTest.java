package dev.anvil.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anvil.AnvilException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KernelspecStoreTest {

    @Test
    void theKernelspecStartsTheKernelWithThisJavaAndThisAnvilAndInterruptsByMessage(@TempDir Path data) throws Exception {
        Path dir = KernelspecStore.install(data, Kernelspec.forThisProcess("anvil", "Anvil (Java)", null));

        JsonNode json = new ObjectMapper().readTree(dir.resolve("kernel.json").toFile());
        assertThat(dir).isEqualTo(data.resolve("kernels").resolve("anvil"));
        assertThat(json.path("display_name").asText()).isEqualTo("Anvil (Java)");
        assertThat(json.path("language").asText()).isEqualTo("java");
        assertThat(json.path("interrupt_mode").asText()).isEqualTo("message");
        List<String> argv = new ObjectMapper().convertValue(json.path("argv"), List.class);
        assertThat(argv.get(0)).isEqualTo(ProcessHandle.current().info().command().orElseThrow());
        assertThat(argv).endsWith("kernel", "run", "--connection-file", "{connection_file}");
        assertThat(argv).containsAnyOf("-jar", "-cp");
        assertThat(json.has("env")).as("no database pinned unless asked").isFalse();
    }

    @Test
    void aPinnedDatabaseGoesIntoTheKernelsEnvironment(@TempDir Path data) throws Exception {
        Path db = data.resolve("team.db");

        Path dir = KernelspecStore.install(data, Kernelspec.forThisProcess("anvil-team", "Anvil (team)", db));

        JsonNode json = new ObjectMapper().readTree(dir.resolve("kernel.json").toFile());
        assertThat(json.path("env").path("ANVIL_DB").asText()).isEqualTo(db.toAbsolutePath().toString());
    }

    @Test
    void listFindsAnvilKernelspecsOnlyAndTellsWhetherTheyStillStart(@TempDir Path user, @TempDir Path sys) throws Exception {
        KernelspecStore.install(user, Kernelspec.forThisProcess("anvil", "Anvil (Java)", null));
        KernelspecStore.install(sys, new Kernelspec("anvil-old", "old", List.of("/no/such/java", "-jar", "/no/anvil.jar"),
                java.util.Map.of(), "0.0.1"));
        Path python = Files.createDirectories(sys.resolve("kernels").resolve("python3"));
        Files.writeString(python.resolve("kernel.json"), "{\"argv\": [\"python3\"], \"display_name\": \"Python 3\"}");

        List<KernelspecStore.Installed> found = KernelspecStore.list(List.of(user, sys, user.resolve("missing")));

        assertThat(found).extracting(k -> k.spec().name()).containsExactly("anvil", "anvil-old");
        assertThat(found.get(0).runnable()).isTrue();
        assertThat(found.get(1).runnable()).isFalse();
    }

    @Test
    void removeDeletesTheKernelspecAndRefusesWhatIsNotThereOrNotAnvils(@TempDir Path data) throws Exception {
        KernelspecStore.install(data, Kernelspec.forThisProcess("anvil", "Anvil (Java)", null));
        Path other = Files.createDirectories(data.resolve("kernels").resolve("python3"));
        Files.writeString(other.resolve("kernel.json"), "{\"argv\": [\"python3\"], \"display_name\": \"Python 3\"}");

        KernelspecStore.remove(data, "anvil");

        assertThat(data.resolve("kernels").resolve("anvil")).doesNotExist();
        assertThatThrownBy(() -> KernelspecStore.remove(data, "anvil")).isInstanceOf(AnvilException.class)
                .hasMessageContaining("no kernelspec 'anvil' in " + data.resolve("kernels"));
        assertThatThrownBy(() -> KernelspecStore.remove(data, "python3")).isInstanceOf(AnvilException.class)
                .hasMessageContaining("not an Anvil kernelspec");
        assertThat(other.resolve("kernel.json")).exists();
    }

    @Test
    void kernelNamesFollowJupytersRule(@TempDir Path data) {
        assertThatThrownBy(() -> KernelspecStore.install(data, Kernelspec.forThisProcess("../evil", "x", null)))
                .isInstanceOf(AnvilException.class).hasMessageContaining("invalid kernel name '../evil'");
    }
}
