package dev.anvil.shell;

import dev.anvil.AnvilException;
import dev.anvil.frame.TableFormat;
import dev.anvil.frame.TableWriter;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.Spool;
import tech.tablesaw.api.Table;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The host side of the preloads: which history they read, the parameters of a saved query, the
 * tables already loaded, and what {@code show(...)} does. Front ends install it before their JShell
 * starts; snippets reach it through {@link Preloads}, on the same class loader, so one JVM has one.
 */
public final class PreloadHost {
    private static volatile PreloadHost current;

    private final ShellOptions options;
    private final Map<String, Object> cache = new ConcurrentHashMap<>();
    private volatile CompletableFuture<HistoryDatabase> database;
    private volatile BiConsumer<String, Object> display = PreloadHost::printToStdout;

    private PreloadHost(ShellOptions options, CompletableFuture<HistoryDatabase> database) {
        this.options = options;
        this.database = database;
    }

    /**
     * Makes the options' database the one the preloads read. It is opened (and migrated) on another
     * thread while JShell warms up, which is most of a front end's start-up; {@link #database()} waits.
     */
    public static PreloadHost install(ShellOptions options) {
        CompletableFuture<HistoryDatabase> opening = new CompletableFuture<>();
        Thread opener = new Thread(() -> {
            try {
                HistoryDatabase db = HistoryDatabase.open(options.location());
                importSpool(db);
                Preloads.bind(db); // creates the Jdbi too, while JShell is still starting
                opening.complete(db);
            } catch (Throwable t) {
                opening.completeExceptionally(t);
            }
        }, "anvil-open-history");
        opener.setDaemon(true);
        opener.start();
        PreloadHost host = new PreloadHost(options, opening);
        current = host;
        return host;
    }

    /** Results an earlier recording left in the spool reach the history before the first preload reads it. */
    private static void importSpool(HistoryDatabase db) {
        String summary = Spool.importPending(db, System.getenv());
        if (summary != null) {
            System.err.println("anvil: " + summary);
            System.err.flush();
        }
    }

    /** The installed host; a clear error when a preload is called outside a shell. */
    public static PreloadHost current() {
        PreloadHost host = current;
        if (host == null) {
            throw new AnvilException("no history is open: the preloads work inside anvil console, anvil query or the Anvil kernel");
        }
        return host;
    }

    /** The open history; waits for it to open and throws what opening it threw (an {@link AnvilException}, say). */
    public HistoryDatabase database() {
        try {
            return database.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        }
    }

    public ShellOptions options() {
        return options;
    }

    /** A saved query's {@code --param} values (empty in the console). */
    public Map<String, String> parameters() {
        return options.parameters();
    }

    /** Switches to another history file and forgets what was loaded from the previous one. */
    public void use(Path path) {
        use(new dev.anvil.history.DatabaseLocation(path.toAbsolutePath().normalize(), "use"));
    }

    /** Switches to another history, a file or a PostgreSQL database, and forgets what was loaded from the previous one. */
    public void use(dev.anvil.history.DatabaseLocation location) {
        HistoryDatabase db = HistoryDatabase.open(location);
        importSpool(db);
        Preloads.bind(db);
        database = CompletableFuture.completedFuture(db);
        cache.clear();
    }

    /** Forgets loaded tables, so the next call reads the history again (after a record, say). */
    public void refresh() {
        cache.clear();
    }

    @SuppressWarnings("unchecked")
    <T> T cached(String key, Supplier<T> load) {
        return (T) cache.computeIfAbsent(key, k -> load.get());
    }

    /** What {@code show(title, value)} does: the console prints, a saved query renders in its format, the kernel displays. */
    public void onShow(BiConsumer<String, Object> display) {
        this.display = display == null ? PreloadHost::printToStdout : display;
    }

    void show(String title, Object value) {
        display.accept(title, value);
    }

    private static void printToStdout(String title, Object value) {
        PrintWriter out = new PrintWriter(System.out, true);
        if (title != null) {
            out.println(title);
        }
        if (value instanceof Table) {
            // the console's rules (short cells, fitted to the terminal), every row: show(t) is how to see them all
            out.print(dev.anvil.frame.CompactTable.render((Table) value, ConsoleValues.width(), Integer.MAX_VALUE, null));
        } else {
            out.println(value);
        }
        out.flush();
    }
}
