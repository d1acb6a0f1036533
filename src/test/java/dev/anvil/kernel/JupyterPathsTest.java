package dev.anvil.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@EnabledOnOs(OS.LINUX)
class JupyterPathsTest {

    @Test
    void theUserFolderIsJupyterDataDirWhenSetThenXdgThenLocalShare(@TempDir Path home) {
        assertThat(new JupyterPaths(Map.of("JUPYTER_DATA_DIR", "/srv/j"), home).userDataDir()).isEqualTo(Path.of("/srv/j"));
        assertThat(new JupyterPaths(Map.of("XDG_DATA_HOME", "/x"), home).userDataDir()).isEqualTo(Path.of("/x/jupyter"));
        assertThat(new JupyterPaths(Map.of(), home).userDataDir()).isEqualTo(home.resolve(".local/share/jupyter"));
    }

    @Test
    void aPrefixHoldsItsDataUnderShareJupyter(@TempDir Path prefix) {
        assertThat(JupyterPaths.prefixDataDir(prefix)).isEqualTo(prefix.resolve("share/jupyter"));
    }

    @Test
    void theSysPrefixIsThatOfThePythonRunningJupyter(@TempDir Path bin) throws Exception {
        // A stand-in for the Python interpreter that `jupyter` names in its #! line: it prints its sys.prefix.
        Path python = bin.resolve("python-of-jupyter");
        Files.writeString(python, "#!/bin/sh\necho /opt/venv\n");
        Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jupyter = bin.resolve("jupyter");
        Files.writeString(jupyter, "#!" + python + "\nimport sys\n");
        Files.setPosixFilePermissions(jupyter, PosixFilePermissions.fromString("rwxr-xr-x"));

        JupyterPaths paths = new JupyterPaths(Map.of("PATH", bin.toString()), bin);

        assertThat(paths.sysPrefixDataDir()).isEqualTo(Path.of("/opt/venv/share/jupyter"));
    }

    @Test
    void shebangsNameTheInterpreterDirectlyOrThroughEnv(@TempDir Path dir) throws Exception {
        assertThat(JupyterPaths.shebangInterpreter(Files.writeString(dir.resolve("a"), "#!/usr/bin/python3\n")))
                .isEqualTo("/usr/bin/python3");
        assertThat(JupyterPaths.shebangInterpreter(Files.writeString(dir.resolve("b"), "#!/usr/bin/env python3.11\n")))
                .isEqualTo("python3.11");
        assertThat(JupyterPaths.shebangInterpreter(Files.writeString(dir.resolve("c"), "echo hi\n"))).isNull();
    }

    @Test
    void jupyterPathFoldersAreSearchedFirstThenTheUsersThenTheSystems(@TempDir Path home) {
        JupyterPaths paths = new JupyterPaths(Map.of("JUPYTER_PATH", "/extra/one:/extra/two", "JUPYTER_DATA_DIR", "/u",
                "PATH", home.toString()), home);

        assertThat(paths.searchPath()).startsWith(Path.of("/extra/one"), Path.of("/extra/two"), Path.of("/u"))
                .endsWith(Path.of("/usr/local/share/jupyter"), Path.of("/usr/share/jupyter"));
    }
}
