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

    private static Path home() {
        return Path.of(System.getProperty("user.home"));
    }

    /** ADR-005 IMP-003: the local application data folder. */
    public static Path dataDir(Map<String, String> env) {
        return dataDir(os(), env);
    }

    static Path dataDir(Os os, Map<String, String> env) {
        switch (os) {
            case MAC:
                return home().resolve("Library").resolve("Application Support").resolve("Anvil");
            case WINDOWS: {
                String local = env.get("LOCALAPPDATA");
                Path base = local != null && !local.isBlank() ? Path.of(local) : home().resolve("AppData").resolve("Local");
                return base.resolve("Anvil");
            }
            default: {
                String xdg = env.get("XDG_DATA_HOME");
                Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home().resolve(".local").resolve("share");
                return base.resolve("anvil");
            }
        }
    }

    public static Path userConfigDir(Map<String, String> env) {
        switch (os()) {
            case MAC:
                return home().resolve("Library").resolve("Application Support").resolve("Anvil");
            case WINDOWS: {
                String appData = env.get("APPDATA");
                Path base = appData != null && !appData.isBlank() ? Path.of(appData) : home().resolve("AppData").resolve("Roaming");
                return base.resolve("Anvil");
            }
            default: {
                String xdg = env.get("XDG_CONFIG_HOME");
                Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home().resolve(".config");
                return base.resolve("anvil");
            }
        }
    }
}
