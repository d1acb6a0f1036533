package dev.anvil.cli;

import dev.anvil.kernel.JupyterPaths;
import dev.anvil.AnvilException;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where a kernelspec goes: one of Jupyter's data folders (at most one of the three options). */
final class KernelScope {
    @Option(names = "--user", description = "The user's Jupyter data folder: $JUPYTER_DATA_DIR, else "
            + "~/.local/share/jupyter (Linux), ~/Library/Jupyter (macOS), %%APPDATA%%\\jupyter (Windows). The default.")
    boolean user;

    @Option(names = "--prefix", paramLabel = "DIR", description = "DIR/share/jupyter, e.g. a virtualenv or conda prefix.")
    Path prefix;

    @Option(names = "--sys-prefix", description = "sys.prefix/share/jupyter of the Python that runs 'jupyter'.")
    boolean sysPrefix;

    static Path dataDir(KernelScope scope) {
        int chosen = (scope.user ? 1 : 0) + (scope.prefix != null ? 1 : 0) + (scope.sysPrefix ? 1 : 0);
        if (chosen > 1) {
            throw new AnvilException("--user, --prefix and --sys-prefix are mutually exclusive: give one");
        }
        JupyterPaths paths = JupyterPaths.forThisProcess();
        if (scope.prefix != null) {
            return JupyterPaths.prefixDataDir(scope.prefix);
        }
        return scope.sysPrefix ? paths.sysPrefixDataDir() : paths.userDataDir();
    }
}
