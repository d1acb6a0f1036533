package dev.anvil.cli;

import dev.anvil.kernel.JupyterPaths;
import dev.anvil.kernel.KernelServer;
import dev.anvil.kernel.Kernelspec;
import dev.anvil.kernel.KernelspecStore;
import dev.anvil.kernel.ShellCellEngine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "kernel", mixinStandardHelpOptions = true,
        description = {"The Anvil kernel for Jupyter: notebooks in Java (JShell) with the history preloaded.",
                "",
                "Install it once ('anvil kernel install'), then pick \"Anvil (Java)\" in Jupyter or VS Code, or run a "
                        + "notebook headless: jupyter nbconvert --to notebook --execute notebooks/weekly-review.ipynb"},
        subcommands = {KernelCommand.Install.class, KernelCommand.ListSpecs.class, KernelCommand.Remove.class,
                KernelCommand.Run.class})
final class KernelCommand {

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = {"Write the kernelspec that starts the Anvil kernel with this Java and this Anvil jar.",
                    "",
                    "The kernel finds the history as every command does ($ANVIL_DB, anvil.yaml, the default) when "
                            + "it starts; 'anvil --db PATH kernel install' pins PATH in the kernelspec instead. "
                            + "Run it again after moving Anvil or changing Java."})
    static final class Install extends HistoryCommand implements Callable<Integer> {
        @Mixin
        KernelScope scope;

        @Option(names = "--name", paramLabel = "NAME", defaultValue = Kernelspec.DEFAULT_NAME,
                description = "Kernel name (default: ${DEFAULT-VALUE}); another name installs a second kernel, "
                        + "e.g. one pinned to a team database.")
        String name;

        @Option(names = "--display-name", paramLabel = "TEXT", description = "Name shown in Jupyter (default: \""
                + Kernelspec.DISPLAY_NAME + "\", with the kernel name when it is not 'anvil').")
        String displayName;

        @Override
        public Integer call() {
            String shown = displayName != null ? displayName
                    : name.equals(Kernelspec.DEFAULT_NAME) ? Kernelspec.DISPLAY_NAME : Kernelspec.DISPLAY_NAME + " - " + name;
            Kernelspec spec = Kernelspec.pinnedTo(name, shown,
                    root().db == null ? null : location().shareable());
            Path dir = KernelspecStore.install(KernelScope.dataDir(scope), spec);
            PrintWriter out = out();
            out.printf("Installed kernelspec %s in %s%n", name, dir);
            out.printf("  java:     %s%n", spec.argv().get(0));
            spec.env().forEach((k, v) -> out.printf("  %s: %s%n", k, v));
            out.flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The Anvil kernelspecs Jupyter can find, in its search order, and whether each still starts "
                    + "(its Java and jar exist). Exit code 1 when one does not.")
    static final class ListSpecs implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<KernelspecStore.Installed> found = KernelspecStore.list(JupyterPaths.forThisProcess().searchPath());
            if (found.isEmpty()) {
                out.println("No Anvil kernelspec installed; run 'anvil kernel install'.");
                out.flush();
                return 0;
            }
            boolean allRunnable = true;
            for (KernelspecStore.Installed k : found) {
                boolean ok = k.runnable();
                allRunnable &= ok;
                out.printf("%-12s %-40s %s%s%n", k.spec().name(), k.directory(), "anvil " + k.spec().anvilVersion(),
                        ok ? "" : "  (broken: its java or jar is gone; run 'anvil kernel install' again)");
            }
            out.flush();
            return allRunnable ? 0 : 1;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove an Anvil kernelspec from one Jupyter data folder (default: the user's).")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        KernelScope scope;

        @Option(names = "--name", paramLabel = "NAME", defaultValue = Kernelspec.DEFAULT_NAME,
                description = "Kernel name (default: ${DEFAULT-VALUE}).")
        String name;

        @Override
        public Integer call() {
            Path dir = KernelspecStore.remove(KernelScope.dataDir(scope), name);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Removed kernelspec %s from %s%n", name, dir);
            out.flush();
            return 0;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run the kernel for one Jupyter connection file (what the kernelspec starts).",
                    "",
                    "Listens on the transport, address and ports of the file only, and drops (and logs to stderr) "
                            + "every message whose HMAC signature does not match the file's key."})
    static final class Run extends HistoryCommand implements Callable<Integer> {
        @Option(names = "--connection-file", required = true, paramLabel = "FILE",
                description = "The connection file Jupyter wrote (ports, address, key).")
        Path connectionFile;

        @Option(names = "--max-rows", paramLabel = "N", defaultValue = "50",
                description = "Rows of a table shown before it is cut with a note (default: ${DEFAULT-VALUE}).")
        int maxRows;

        @Override
        public Integer call() {
            // The kernel's own log (dropped messages, start, stop) goes to the stderr Jupyter shows, also while a
            // cell's System.err points at the notebook.
            System.setProperty("org.slf4j.simpleLogger.cacheOutputStream", "true");
            System.setProperty("org.slf4j.simpleLogger.log.dev.anvil.kernel", root().verbose ? "debug" : "info");
            System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
            System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
            dev.anvil.history.DatabaseLocation database = location();
            KernelServer.run(connectionFile, (out, err) -> ShellCellEngine.start(database, out, err), maxRows);
            return 0;
        }
    }
}
