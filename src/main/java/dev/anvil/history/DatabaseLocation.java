package dev.anvil.history;

import dev.anvil.config.AnvilConfig;
import dev.anvil.config.Platform;
import dev.anvil.history.engine.Engine;
import dev.anvil.history.engine.PostgresUrl;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the history is, and why there. Strongest first: {@code --db}, {@code ANVIL_DB},
 * {@code db:} in {@code anvil.yaml} (relative to that file), the local application data folder.
 * Each names either an SQLite file or a PostgreSQL database by URL ({@code postgresql://...}).
 *
 * <p>For PostgreSQL, {@link #path()} is a local stand-in inside a folder of its own, keyed by the
 * URL without password ({@code <data dir>/postgresql/<host-port-db-user>/history}): what Anvil keeps
 * "beside the database" on this machine (worktrees, agent logs, a spool of unsent results) goes
 * there. No file is ever opened at that path.
 */
public record DatabaseLocation(Path path, String source, PostgresUrl postgres) {
    public static final String ENV = "ANVIL_DB";
    public static final String FILE_NAME = "anvil.db";

    /** An SQLite file. */
    public DatabaseLocation(Path path, String source) {
        this(path, source, null);
    }

    public static DatabaseLocation resolve(Path explicit, Map<String, String> env, AnvilConfig config) {
        return resolve(explicit == null ? null : explicit.toString(), env, config);
    }

    public static DatabaseLocation resolve(String explicit, Map<String, String> env, AnvilConfig config) {
        if (explicit != null && !explicit.isBlank()) {
            return of(explicit, null, "--db", env);
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return of(fromEnv, null, ENV, env);
        }
        if (config != null && config.db() != null && !config.db().isBlank()) {
            Path base = config.source() == null ? null : config.source().toAbsolutePath().getParent();
            return of(config.db(), base, String.valueOf(config.source()), env);
        }
        return new DatabaseLocation(Platform.dataDir(env).resolve(FILE_NAME).toAbsolutePath(), "default");
    }

    /** A file path or a PostgreSQL URL, as the user wrote it. */
    public static DatabaseLocation of(String text, Path base, String source, Map<String, String> env) {
        if (PostgresUrl.looksLike(text)) {
            return postgres(PostgresUrl.parse(text, env), source, env);
        }
        return new DatabaseLocation(expand(text, base, env), source);
    }

    public static DatabaseLocation postgres(PostgresUrl url, String source, Map<String, String> env) {
        Path local = Platform.dataDir(env).resolve("postgresql").resolve(url.localKey()).resolve("history").toAbsolutePath();
        return new DatabaseLocation(local, source, url);
    }

    public Engine engine() {
        return postgres == null ? Engine.SQLITE : Engine.POSTGRESQL;
    }

    public boolean isPostgres() {
        return postgres != null;
    }

    /** What to show a user: the file, or the URL with its password masked. */
    public String display() {
        return postgres == null ? path.toString() : postgres.masked();
    }

    /** What may be written down to name this history again (a kernelspec): never a password. */
    public String shareable() {
        return postgres == null ? path.toString() : postgres.withoutPassword();
    }

    @Override
    public String toString() {
        return display();
    }

    private static Path expand(String text, Path base, Map<String, String> env) {
        String t = text.trim();
        if (t.equals("~") || t.startsWith("~/")) {
            t = Platform.home(env) + t.substring(1);
        }
        Path p = Path.of(t);
        if (!p.isAbsolute() && base != null) {
            p = base.resolve(p);
        }
        return p.toAbsolutePath().normalize();
    }
}
