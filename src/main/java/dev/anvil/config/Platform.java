package dev.anvil.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Where each operating system keeps a user's application data and configuration. */
public final class Platform {
    private Platform() {
    }

    enum Os { LINUX, MAC, WINDOWS }

    static Os os() {
        String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (name.contains("mac") || name.contains("darwin")) {
            return Os.MAC;
        }
        return name.contains("win") ? Os.WINDOWS : Os.LINUX;
    }

    /**
     * The user's home folder as every XDG tool reads it: {@code $HOME} when set (absolute), else
     * Java's {@code user.home}, which comes from the password database and so ignores
     * {@code HOME=/tmp/x anvil ...}.
     */
    public static Path home(Map<String, String> env) {
        String home = env.get("HOME");
        if (home != null && !home.isBlank() && Path.of(home).isAbsolute()) {
            return Path.of(home);
        }
        return Path.of(System.getProperty("user.home"));
    }

    /** An XDG base folder: the variable when set to an absolute path (the spec ignores relative ones), else HOME/fallback. */
    private static Path xdg(Map<String, String> env, String variable, String... fallback) {
        String value = env.get(variable);
        if (value != null && !value.isBlank() && Path.of(value).isAbsolute()) {
            return Path.of(value);
        }
        return Path.of(home(env).toString(), fallback);
    }

    /** Where Anvil keeps what it can rebuild or must only hold for a while (the spool when the history cannot take it). */
    public static Path cacheDir(Map<String, String> env) {
        switch (os()) {
            case MAC:
                return home(env).resolve("Library").resolve("Caches").resolve("Anvil");
            case WINDOWS: {
                String local = env.get("LOCALAPPDATA");
                Path base = local != null && !local.isBlank() ? Path.of(local) : home(env).resolve("AppData").resolve("Local");
                return base.resolve("Anvil").resolve("cache");
            }
            default:
                return xdg(env, "XDG_CACHE_HOME", ".cache").resolve("anvil");
        }
    }

    /** ADR-005 IMP-003: the local application data folder. */
    public static Path dataDir(Map<String, String> env) {
        return dataDir(os(), env);
    }

    static Path dataDir(Os os, Map<String, String> env) {
        switch (os) {
            case MAC:
                return home(env).resolve("Library").resolve("Application Support").resolve("Anvil");
            case WINDOWS: {
                String local = env.get("LOCALAPPDATA");
                Path base = local != null && !local.isBlank() ? Path.of(local) : home(env).resolve("AppData").resolve("Local");
                return base.resolve("Anvil");
            }
            default:
                return xdg(env, "XDG_DATA_HOME", ".local", "share").resolve("anvil");
        }
    }

    public static Path userConfigDir(Map<String, String> env) {
        switch (os()) {
            case MAC:
                return home(env).resolve("Library").resolve("Application Support").resolve("Anvil");
            case WINDOWS: {
                String appData = env.get("APPDATA");
                Path base = appData != null && !appData.isBlank() ? Path.of(appData) : home(env).resolve("AppData").resolve("Roaming");
                return base.resolve("Anvil");
            }
            default:
                return xdg(env, "XDG_CONFIG_HOME", ".config").resolve("anvil");
        }
    }
}
