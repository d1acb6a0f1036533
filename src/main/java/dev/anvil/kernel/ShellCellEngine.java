package dev.anvil.kernel;

import dev.anvil.shell.AnvilShell;
import dev.anvil.shell.Evaluation;
import dev.anvil.shell.PreloadHost;
import dev.anvil.shell.ShellOptions;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/** The kernel's engine: the console's {@link AnvilShell}, with its preloads, over one history. */
public final class ShellCellEngine implements CellEngine {
    private final AnvilShell shell;

    private ShellCellEngine(AnvilShell shell) {
        this.shell = shell;
    }

    /**
     * Starts JShell with the preloads over {@code database}. {@code out} and {@code err} are the
     * streams the kernel publishes to the notebook; cells print there.
     */
    public static ShellCellEngine start(Path database, PrintStream out, PrintStream err) {
        return new ShellCellEngine(AnvilShell.start(new ShellOptions(database, out, err, java.util.Map.of())));
    }

    /** Over any history, an SQLite file or a PostgreSQL database. */
    public static ShellCellEngine start(dev.anvil.history.DatabaseLocation database, PrintStream out, PrintStream err) {
        return new ShellCellEngine(AnvilShell.start(new ShellOptions(database, out, err, java.util.Map.of())));
    }

    @Override
    public CellOutcome eval(String code) {
        Evaluation e = shell.eval(code);
        List<CompileError> errors = e.compileErrors().stream()
                .map(d -> new CompileError(d.line(), d.column(), d.message()))
                .toList();
        return new CellOutcome(e.value(), e.valueText(), errors, e.exception(), e.line(), null);
    }

    @Override
    public Completions complete(String code, int cursor) {
        int[] anchor = {cursor};
        List<String> candidates = shell.complete(code, cursor, anchor);
        return new Completions(candidates, anchor[0]);
    }

    @Override
    public Optional<String> documentation(String code, int cursor) {
        return shell.documentation(code, cursor);
    }

    @Override
    public Completeness isComplete(String code) {
        switch (shell.isComplete(code)) {
            case COMPLETE: return Completeness.COMPLETE;
            case INCOMPLETE: return Completeness.INCOMPLETE;
            case INVALID: return Completeness.INVALID;
            default: return Completeness.UNKNOWN;
        }
    }

    @Override
    public void onShow(BiConsumer<String, Object> display) {
        PreloadHost.current().onShow(display);
    }

    @Override
    public void interrupt() {
        shell.interrupt();
    }

    @Override
    public void close() {
        shell.close();
    }
}
