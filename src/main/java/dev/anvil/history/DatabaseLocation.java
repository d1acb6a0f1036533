package dev.anvil.history;

import dev.anvil.config.AnvilConfig;
import dev.anvil.config.Platform;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the history database is, and why there. Strongest first: {@code --db}, {@code ANVIL_DB},
 * {@code db:} in {@code anvil.yaml} (relative to that file), the local application data folder.
 */
public record DatabaseLocation(Path path, String source) {
    public static final String ENV = "ANVIL_DB";
    public static final String FILE_NAME = "anvil.db";

    public static DatabaseLocation resolve(Path explicit, Map<String, String> env, AnvilConfig config) {
        if (explicit != null) {
            return new DatabaseLocation(expand(explicit.toString(), null, env), "--db");
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new DatabaseLocation(expand(fromEnv, null, env), ENV);
        }
        if (config != null && config.db() != null && !config.db().isBlank()) {
            Path base = config.source() == null ? null : config.source().toAbsolutePath().getParent();
            return new DatabaseLocation(expand(config.db(), base, env), String.valueOf(config.source()));
        }
        return new DatabaseLocation(Platform.dataDir(env).resolve(FILE_NAME).toAbsolutePath(), "default");
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
