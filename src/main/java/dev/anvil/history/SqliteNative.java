package dev.anvil.history;

import org.sqlite.util.LibraryLoaderUtil;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Keeps sqlite-jdbc's native library in a cache folder so that a process does not extract (and
 * hash) it again into a temporary file on every start, which costs quick commands like
 * {@code anvil runs} some 80 ms of their 0.6 s. Anything unusual (no cache folder, no library
 * for this platform, a property already set) leaves sqlite-jdbc to its own way.
 */
final class SqliteNative {
    private static final String PATH_PROPERTY = "org.sqlite.lib.path";
    private static final String NAME_PROPERTY = "org.sqlite.lib.name";
    private static boolean done;

    private SqliteNative() {
    }

    static synchronized void useCachedLibrary() {
        if (done) {
            return;
        }
        done = true;
        if (System.getProperty(PATH_PROPERTY) != null || System.getProperty(NAME_PROPERTY) != null) {
            return;
        }
        try {
            String name = LibraryLoaderUtil.getNativeLibName();
            // Keyed by what the JVM says; asking sqlite-jdbc for its folder runs 'uname -o' in a
            // child process, so that is done only when the library is not cached yet.
            Path dir = cacheDir(System.getenv()).resolve("sqlite-jdbc-" + driverVersion())
                    .resolve((System.getProperty("os.name") + "-" + System.getProperty("os.arch")).replaceAll("[^A-Za-z0-9_.-]", "_"));
            Path lib = dir.resolve(name);
            if (!Files.isRegularFile(lib)) {
                String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
                try (InputStream in = SqliteNative.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        return;
                    }
                    Files.createDirectories(dir);
                    Path tmp = Files.createTempFile(dir, name, ".tmp");
                    try {
                        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                        Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } finally {
                        Files.deleteIfExists(tmp);
                    }
                }
            }
            System.setProperty(PATH_PROPERTY, dir.toString());
            System.setProperty(NAME_PROPERTY, name);
        } catch (IOException | RuntimeException | LinkageError e) {
            // The cache is an optimization only: sqlite-jdbc extracts the library itself.
        }
    }

    /** sqlite-jdbc's own version (its package version in the shaded jar is Anvil's). */
    private static String driverVersion() throws IOException {
        try (InputStream in = org.sqlite.JDBC.class.getResourceAsStream("/sqlite-jdbc.properties")) {
            java.util.Properties props = new java.util.Properties();
            if (in != null) {
                props.load(in);
            }
            String v = props.getProperty("version");
            if (v == null) {
                throw new IOException("no sqlite-jdbc.properties");
            }
            return v;
        }
    }

    static Path cacheDir(Map<String, String> env) {
        return dev.anvil.config.Platform.cacheDir(env);
    }
}
