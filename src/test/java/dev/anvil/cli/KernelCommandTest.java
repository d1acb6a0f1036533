package dev.anvil.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class KernelCommandTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run anvil(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void installWritesTheKernelspecUnderThePrefixAndRemoveTakesItAway(@TempDir Path prefix) throws Exception {
        Run install = anvil("kernel", "install", "--prefix", prefix.toString());

        Path spec = prefix.resolve("share/jupyter/kernels/anvil/kernel.json");
        assertThat(install.exit()).as(install.err()).isZero();
        assertThat(install.out()).contains("Installed kernelspec anvil in " + spec.getParent());
        assertThat(Files.readString(spec)).contains("\"display_name\" : \"Anvil (Java)\"", "{connection_file}");

        Run remove = anvil("kernel", "remove", "--prefix", prefix.toString());

        assertThat(remove.exit()).isZero();
        assertThat(spec.getParent()).doesNotExist();
    }

    @Test
    void aDatabaseGivenAtInstallIsPinnedInTheKernelspec(@TempDir Path prefix) throws Exception {
        Path db = prefix.resolve("team.db");

        Run install = anvil("--db", db.toString(), "kernel", "install", "--prefix", prefix.toString(), "--name", "anvil-team");

        assertThat(install.exit()).as(install.err()).isZero();
        assertThat(install.out()).contains("ANVIL_DB: " + db);
        String json = Files.readString(prefix.resolve("share/jupyter/kernels/anvil-team/kernel.json"));
        assertThat(json).contains("\"ANVIL_DB\" : \"" + db + "\"", "\"display_name\" : \"Anvil (Java) - anvil-team\"");
    }

    @Test
    void twoScopesAtOnceAreAUsageError(@TempDir Path prefix) {
        Run r = anvil("kernel", "install", "--user", "--prefix", prefix.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("anvil: --user, --prefix and --sys-prefix are mutually exclusive");
    }

    @Test
    void removingWhatIsNotInstalledSaysWhereItLooked(@TempDir Path prefix) {
        Run r = anvil("kernel", "remove", "--prefix", prefix.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().trim()).isEqualTo("anvil: no kernelspec 'anvil' in " + prefix.resolve("share/jupyter/kernels"));
    }

    @Test
    void runWithoutAConnectionFileSaysWhatIsMissing(@TempDir Path dir) {
        Run missingOption = anvil("kernel", "run");
        Run missingFile = anvil("kernel", "run", "--connection-file", dir.resolve("kernel-1.json").toString());

        assertThat(missingOption.exit()).isEqualTo(2);
        assertThat(missingOption.err()).contains("Missing required option: '--connection-file=FILE'");
        assertThat(missingFile.exit()).isEqualTo(2);
        assertThat(missingFile.err()).contains("kernel-1.json: cannot read the connection file");
    }

    @Test
    void aHistoryTheKernelCannotOpenEndsItAtOnceWithOneLine(@TempDir Path dir) throws Exception {
        Path connection = Files.writeString(dir.resolve("kernel-1.json"), "{\"shell_port\": 1, \"iopub_port\": 2, "
                + "\"stdin_port\": 3, \"control_port\": 4, \"hb_port\": 5, \"ip\": \"127.0.0.1\", \"key\": \"k\", "
                + "\"transport\": \"tcp\", \"signature_scheme\": \"hmac-sha256\"}");
        Path notADatabase = Files.writeString(dir.resolve("notes.db"), "these are my notes, not a history");

        Run r = anvil("--db", notADatabase.toString(), "kernel", "run", "--connection-file", connection.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("anvil: ").contains("notes.db");
    }
}
