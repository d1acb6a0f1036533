package dev.anvil.kernel;

import dev.anvil.AnvilException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionFileTest {

    private static String file(String ip, String key, String scheme) {
        return "{\"shell_port\": 5001, \"iopub_port\": 5002, \"stdin_port\": 5003, \"control_port\": 5004, "
                + "\"hb_port\": 5005, \"ip\": \"" + ip + "\", \"key\": \"" + key + "\", \"transport\": \"tcp\", "
                + "\"signature_scheme\": \"" + scheme + "\", \"kernel_name\": \"anvil\"}";
    }

    @Test
    void readsPortsAddressAndKey(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("c.json"), file("127.0.0.1", "s3cret", "hmac-sha256"));

        var p = ConnectionFile.read(f);

        assertThat(p.getShellPort()).isEqualTo(5001);
        assertThat(p.getHbPort()).isEqualTo(5005);
        assertThat(p.getKey()).isEqualTo("s3cret");
        assertThat(ConnectionFile.isLocalOnly(p)).isTrue();
    }

    @Test
    void refusesAFileWithoutAKeyBecauseMessagesWouldGoUnsigned(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("c.json"), file("127.0.0.1", "", "hmac-sha256"));

        assertThatThrownBy(() -> ConnectionFile.read(f)).isInstanceOf(AnvilException.class)
                .hasMessageContaining("c.json").hasMessageContaining("no key");
    }

    @Test
    void refusesASchemeThatIsNotAnHmac(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("c.json"), file("127.0.0.1", "k", "none"));

        assertThatThrownBy(() -> ConnectionFile.read(f)).isInstanceOf(AnvilException.class)
                .hasMessageContaining("signature_scheme 'none'");
    }

    @Test
    void saysWhichFileIsMissingOrNotAConnectionFile(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ConnectionFile.read(dir.resolve("gone.json"))).isInstanceOf(AnvilException.class)
                .hasMessageContaining("gone.json: cannot read");
        Path junk = Files.writeString(dir.resolve("junk.json"), "[1, 2");
        assertThatThrownBy(() -> ConnectionFile.read(junk)).isInstanceOf(AnvilException.class)
                .hasMessageContaining("junk.json: not a Jupyter connection file");
    }

    @Test
    void anAddressOtherMachinesReachIsNotLocal(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("c.json"), file("0.0.0.0", "k", "hmac-sha256"));

        assertThat(ConnectionFile.isLocalOnly(ConnectionFile.read(f))).isFalse();
    }
}
