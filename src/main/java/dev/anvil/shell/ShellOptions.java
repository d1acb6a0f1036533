package dev.anvil.shell;

import dev.anvil.history.DatabaseLocation;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How to start an {@link AnvilShell}.
 *
 * @param database   the history database the preloads read (opened, and migrated, on start)
 * @param out        where snippets' standard output goes while they run
 * @param err        where snippets' standard error goes while they run
 * @param parameters values {@code param("name", default)} returns (saved queries' {@code --param}); empty elsewhere
 * @param location   the history as named (an SQLite file or a PostgreSQL URL); {@code database} is its path
 */
public record ShellOptions(Path database, PrintStream out, PrintStream err, Map<String, String> parameters,
                           DatabaseLocation location) {

    /** An SQLite history file. */
    public ShellOptions(Path database, PrintStream out, PrintStream err, Map<String, String> parameters) {
        this(database, out, err, parameters, null);
    }

    /** Any history, file or PostgreSQL. */
    public ShellOptions(DatabaseLocation location, PrintStream out, PrintStream err, Map<String, String> parameters) {
        this(location.path(), out, err, parameters, location);
    }

    public ShellOptions {
        Objects.requireNonNull(database, "database");
        location = location == null ? new DatabaseLocation(database.toAbsolutePath().normalize(), "path") : location;
        out = out == null ? System.out : out;
        err = err == null ? System.err : err;
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    /** The database, with the process's own standard streams and no parameters. */
    public static ShellOptions of(Path database) {
        return new ShellOptions(database, System.out, System.err, Map.of());
    }

    public ShellOptions withParameters(Map<String, String> values) {
        return new ShellOptions(database, out, err, values, location);
    }

    public ShellOptions withStreams(PrintStream newOut, PrintStream newErr) {
        return new ShellOptions(database, newOut, newErr, parameters, location);
    }
}
