package dev.anvil.history;

import dev.anvil.AnvilException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An opened history: the SQLite file or the PostgreSQL database, checked and migrated, with a
 * Jdbi bound to it.
 *
 * <p>SQLite connections use the WAL journal (a console reads while a recorder writes), enforce
 * foreign keys, and wait on a busy database instead of failing, so two recorders can share one
 * file. PostgreSQL ({@link PostgresHistory}) needs none of that: the server serializes writers.
 */
public final class HistoryDatabase implements AutoCloseable {
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    public static final int BUSY_TIMEOUT_MS = 30_000;

    private final Path path;
    /** Where the history is, as the user named it (null when opened by path alone). */
    private final DatabaseLocation location;
    private final ReusedConnections dataSource;
    /** Unpooled, for one-shot readers: the pool's connection proxy is a class generated at run time. */
    private final javax.sql.DataSource direct;
    /** Made on first use: quick readers such as anvil runs list runs over plain JDBC without it. */
    private Jdbi jdbi;
    private final int schemaVersion;
    private final boolean readOnly;

    private HistoryDatabase(Path path, SQLiteDataSource dataSource, int schemaVersion) {
        this(new DatabaseLocation(path, "path"), new ReusedConnections(dataSource), dataSource, schemaVersion, false);
    }

    HistoryDatabase(DatabaseLocation location, ReusedConnections pooled, javax.sql.DataSource direct, int schemaVersion) {
        this(location, pooled, direct, schemaVersion, false);
    }

    private HistoryDatabase(DatabaseLocation location, ReusedConnections pooled, javax.sql.DataSource direct,
            int schemaVersion, boolean readOnly) {
        this.path = location.path();
        this.location = location;
        this.dataSource = pooled;
        this.direct = direct;
        this.schemaVersion = schemaVersion;
        this.readOnly = readOnly;
    }

    /**
     * Opens the history for a command that only reads it: as {@link #open(Path)} when the file can
     * be written, else read-only (a chmod 444 file, a read-only folder or file system), so that
     * runs, show, analyze and export work on a history one may not change.
     */
    public static HistoryDatabase openForReading(Path path) {
        return openForReading(new DatabaseLocation(path.toAbsolutePath().normalize(), "path"));
    }

    /** As {@link #openForReading(Path)}, wherever the history is (a PostgreSQL history's role decides what it may do). */
    public static HistoryDatabase openForReading(DatabaseLocation location) {
        if (location.isPostgres()) {
            return open(location);
        }
        Path path = location.path();
        Path file = path.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file) || writable(file)) {
            return open(location);
        }
        SqliteNative.useCachedLibrary();
        checkIsSqliteOrAbsent(file);
        SQLiteDataSource ds = immutableDataSource(file);
        int version = new SchemaMigrator(ds, file).currentVersion();
        if (version < SchemaMigrator.LATEST_VERSION) {
            throw new AnvilException(file + ": read-only, and at schema version " + version + " where this build needs "
                    + SchemaMigrator.LATEST_VERSION + "; open it once where it can be written (any anvil command migrates it)");
        }
        return new HistoryDatabase(location, new ReusedConnections(ds), ds, version, true);
    }

    /** Whether this process may change the file: the file itself, and its folder for the WAL and its index. */
    private static boolean writable(Path file) {
        Path parent = file.getParent();
        return Files.isWritable(file) && (parent == null || Files.isWritable(parent));
    }

    /**
     * A read-only history read as immutable: no journal, no shared-memory index, no locks, which a
     * read-only file or folder could not hold. Nobody can write it meanwhile (that is why we are here).
     */
    static SQLiteDataSource immutableDataSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(org.sqlite.SQLiteOpenMode.OPEN_URI);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file.toUri().toString().replaceFirst("^file:///", "file:/") + "?immutable=1");
        return ds;
    }

    /** Whether this history was opened read-only ({@link #openForReading}). */
    public boolean readOnly() {
        return readOnly;
    }

    /** Opens (creating folders and file as needed) and migrates the database at {@code path}. */
    public static HistoryDatabase open(Path path) {
        Path file = path.toAbsolutePath().normalize();
        SqliteNative.useCachedLibrary();
        checkIsSqliteOrAbsent(file);
        createParent(file);
        // Judge the file through a read-only connection first: switching a foreign or newer
        // database to WAL would already rewrite its header.
        if (isNonEmptyFile(file)) {
            new SchemaMigrator(readOnlyDataSource(file), file).currentVersion();
        }
        SQLiteDataSource ds = dataSource(file);
        int version = new SchemaMigrator(ds, file).migrate();
        return new HistoryDatabase(file, ds, version);
    }

    /** Opens the history wherever it is: an SQLite file, or a PostgreSQL database. */
    public static HistoryDatabase open(DatabaseLocation location) {
        if (location.isPostgres()) {
            return PostgresHistory.open(location);
        }
        HistoryDatabase db = open(location.path());
        return new HistoryDatabase(location, db.dataSource, db.direct, db.schemaVersion);
    }

    static SQLiteDataSource dataSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setCacheSize(-32768);
        // Transactions take the write lock when they begin: a transaction that reads, then writes
        // (finish a run, import, prune) would otherwise fail with SQLITE_BUSY instead of waiting
        // when another writer committed in between.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file);
        return ds;
    }

    /** A connection that cannot change the file: no journal-mode switch, no writes. */
    static SQLiteDataSource readOnlyDataSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file);
        return ds;
    }

    private static boolean isNonEmptyFile(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static void checkIsSqliteOrAbsent(Path file) {
        if (Files.isDirectory(file)) {
            throw new AnvilException(file + ": is a folder, not a database file; give a file path such as " + file.resolve(DatabaseLocation.FILE_NAME));
        }
        if (!Files.exists(file)) {
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(SQLITE_HEADER.length);
            if (head.length == 0) {
                return; // an empty file is a database SQLite has not written yet
            }
            if (!Arrays.equals(head, SQLITE_HEADER)) {
                throw new AnvilException(file + ": not an SQLite database; it was left untouched. Point --db or ANVIL_DB at an Anvil history.");
            }
        } catch (AccessDeniedException e) {
            throw new AnvilException(file + ": permission denied reading the database", e);
        } catch (IOException e) {
            throw new AnvilException(file + ": cannot read the database: " + e.getMessage(), e);
        }
    }

    private static void createParent(Path file) {
        Path parent = file.getParent();
        for (Path p = parent; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new AnvilException("cannot create the history folder " + parent + ": " + p
                            + " is a file, not a folder");
                }
                break;
            }
        }
        try {
            Files.createDirectories(parent);
        } catch (FileSystemException e) {
            throw new AnvilException("cannot create the history folder " + parent + ": " + reason(e), e);
        } catch (IOException e) {
            throw new AnvilException("cannot create the history folder " + parent + ": " + e.getMessage(), e);
        }
        if (!Files.exists(file) && !Files.isWritable(parent)) {
            throw new AnvilException("cannot create the database " + file + ": permission denied on " + parent);
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new AnvilException("cannot write the database " + file + ": it is read-only (permission denied or "
                    + "a read-only file system); reading commands (runs, show, analyze, export) still work on it");
        }
    }

    /** What went wrong, in words: the JDK's exceptions often carry no reason of their own. */
    private static String reason(FileSystemException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e.getReason() != null) {
            return e.getReason();
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "cannot create " + e.getFile() + " (its parent does not accept new folders)";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return e.getFile() + " exists and is not a folder";
        }
        return e.getClass().getSimpleName();
    }

    /**
     * The SQLite file; for PostgreSQL a local stand-in path whose folder keeps this machine's files
     * for that history (see {@link DatabaseLocation}). To show a user where the history is, use
     * {@link #display()}.
     */
    public Path path() {
        return path;
    }

    public DatabaseLocation location() {
        return location;
    }

    public dev.anvil.history.engine.Engine engine() {
        return location.engine();
    }

    /** The file, or the PostgreSQL URL with its password masked. */
    public String display() {
        return location.display();
    }

    /** How a report names the history: the file's name, or the server's URL with its password masked. */
    public String name() {
        return location.isPostgres() ? location.display() : path().getFileName().toString();
    }

    public synchronized Jdbi jdbi() {
        if (jdbi == null) {
            jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        }
        return jdbi;
    }

    public javax.sql.DataSource dataSource() {
        return dataSource;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    /**
     * Refuses in one line, before anything is written, a history this user may only read
     * (a PostgreSQL reader role); {@code action} names what was asked, e.g. "record".
     */
    public void checkWritable(String action) {
        if (location.isPostgres()) {
            PostgresHistory.checkWritable(this, action);
        }
    }

    public HistoryRepository repository() {
        return new HistoryRepository(this::jdbi, direct);
    }

    public long sizeBytes() {
        if (location.isPostgres()) {
            return PostgresHistory.sizeBytes(this);
        }
        long total = 0;
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Path p = path.resolveSibling(path.getFileName() + suffix);
            try {
                total += Files.exists(p) ? Files.size(p) : 0;
            } catch (IOException e) {
                // a file that vanished between the check and the size does not count
            }
        }
        return total;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
