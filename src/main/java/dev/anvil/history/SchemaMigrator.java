package dev.anvil.history;

import dev.anvil.AnvilException;
import dev.anvil.history.engine.Engine;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Brings a history database to this build's schema with Flyway, deciding first what the file is:
 * empty (create), ours (migrate forward), an ADR-005 database of another implementation such as
 * the .NET Anvil's EF Core file (adopt as version 1, then migrate), ours but newer than this build
 * (refuse), or somebody else's (refuse). Refusals touch nothing.
 *
 * <p>Both engines run the same versioned history: the common migrations in {@code db/migration}
 * (portable SQL with unquoted names, which PostgreSQL folds to lower case, so every query in the
 * code and in the ADRs runs unchanged), plus the few an engine needs alone in
 * {@code db/sqlite} or {@code db/postgresql}, numbered between the common ones (V1_1, ...).
 * Adopting a foreign ADR-005 database is for SQLite files (the .NET Anvil's); a PostgreSQL
 * database with tables of its own is refused.
 */
public final class SchemaMigrator {
    /** The highest migration in {@code db/migration}; a test keeps the two in step. */
    public static final int LATEST_VERSION = 6;

    static final String HISTORY_TABLE = "flyway_schema_history";
    private static final Set<String> ADR005_TABLES = Set.of("testruns", "storyresults");
    private static final List<String> ADR005_STORY_COLUMNS =
            List.of("id", "testrunid", "storyid", "status", "executedat");

    private final DataSource dataSource;
    /** The database as the user knows it, for messages: a file, or a URL without password. */
    private final String path;
    private final Engine engine;

    public SchemaMigrator(DataSource dataSource, Path path) {
        this(dataSource, String.valueOf(path), Engine.SQLITE);
    }

    public SchemaMigrator(DataSource dataSource, String where, Engine engine) {
        this.dataSource = dataSource;
        this.path = where;
        this.engine = engine;
    }

    /** Migrates as needed and returns the schema version the database is at afterwards. */
    public int migrate() {
        Inspection before = inspect();
        if (before.installedVersion() == LATEST_VERSION) {
            return LATEST_VERSION; // the common case, without paying for Flyway's start-up
        }
        if (before.adoptable()) {
            dropIndexesOurMigrationsCreate();
        }
        try {
            flyway(before.adoptable()).migrate();
        } catch (FlywayException e) {
            // Another process may have created or migrated the file at the same moment.
            Inspection after = inspect();
            if (after.installedVersion() == LATEST_VERSION) {
                return LATEST_VERSION;
            }
            throw new AnvilException(path + ": migration failed: " + firstLine(e.getMessage()), e);
        }
        return inspect().installedVersion();
    }

    /** The installed version without migrating (refusing foreign or newer databases all the same). */
    public int currentVersion() {
        return inspect().installedVersion();
    }

    /**
     * EF Core indexes every foreign key as {@code IX_<Table>_<Column>}, which is the name V2 gives
     * its index on StoryResults(TestRunId); V2 would fail on "index already exists". An adopted
     * database loses such indexes just before the migrations create them again under the same name.
     * Owners of later migrations that create indexes add their names here.
     */
    static final List<String> INDEXES_CREATED_AFTER_V1 =
            List.of("IX_StoryResults_TestRunId", "IX_TestRuns_StartedAt", "IX_TestRuns_Mode_StartedAt",
                    "IX_StoryResults_Run_Outcome", "IX_StoryResults_StoryId_ExecutedAt",
                    "IX_StoryResults_ExecutedAt_Outcome", "IX_StoryResults_Run_Outcome_Duration");

    private void dropIndexesOurMigrationsCreate() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String index : INDEXES_CREATED_AFTER_V1) {
                s.execute("DROP INDEX IF EXISTS \"" + index + "\"");
            }
        } catch (SQLException e) {
            throw new AnvilException(path + ": cannot prepare the adoption of this ADR-005 database: "
                    + firstLine(e.getMessage()), e);
        }
    }

    private Flyway flyway(boolean adopt) {
        return Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations(engine.migrationLocations())
                .table(HISTORY_TABLE)
                .baselineOnMigrate(adopt)
                .baselineVersion("1")
                .baselineDescription("adopted ADR-005 database")
                .load();
    }

    private record Inspection(int installedVersion, boolean adoptable) {
    }

    /**
     * {@link #inspectOnce()}, again while SQLite answers "busy" for up to the busy timeout. SQLite
     * returns SQLITE_BUSY without waiting where waiting could deadlock: opening a new file (which
     * switches it to WAL, a write) while another process or thread creates and migrates it. The
     * inspection only reads, so trying again once the other is done is safe.
     */
    private Inspection inspect() {
        long deadline = System.nanoTime() + HistoryDatabase.BUSY_TIMEOUT_MS * 1_000_000L;
        while (true) {
            try {
                return inspectOnce();
            } catch (AnvilException e) {
                if (engine != Engine.SQLITE || !(e.getCause() instanceof SQLException sql) || !busy(sql)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AnvilException(path + ": interrupted while the database was busy", interrupted);
            }
        }
    }

    /** SQLITE_BUSY (5), or one of its extended codes (5 + 256 k). */
    private static boolean busy(SQLException e) {
        return (e.getErrorCode() & 0xff) == 5 || String.valueOf(e.getMessage()).contains("SQLITE_BUSY");
    }

    private Inspection inspectOnce() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            Set<String> tables = new TreeSet<>();
            try (ResultSet rs = s.executeQuery(
                    engine.listTablesSql())) {
                while (rs.next()) {
                    tables.add(rs.getString(1).toLowerCase(Locale.ROOT));
                }
            }
            if (tables.contains(HISTORY_TABLE)) {
                int version = 0;
                try (ResultSet rs = s.executeQuery(engine.successfulMigrationsSql(HISTORY_TABLE))) {
                    while (rs.next()) {
                        String v = rs.getString(1);
                        if (v != null) {
                            version = Math.max(version, Integer.parseInt(v.split("\\.")[0]));
                        }
                    }
                }
                if (version > LATEST_VERSION) {
                    throw new AnvilException(path + ": written by a newer Anvil (schema version " + version
                            + ", this build knows up to " + LATEST_VERSION + "); upgrade Anvil to use it. Nothing was changed.");
                }
                return new Inspection(version, false);
            }
            if (tables.isEmpty()) {
                return new Inspection(0, false);
            }
            if (engine == Engine.SQLITE && tables.containsAll(ADR005_TABLES) && hasAdr005Columns(s)) {
                return new Inspection(0, true);
            }
            throw new AnvilException(path + ": " + (engine == Engine.SQLITE ? "an SQLite" : "a PostgreSQL")
                    + " database of another application (tables: " + String.join(", ", tables)
                    + "), not an Anvil history. Nothing was changed; point --db elsewhere.");
        } catch (SQLException e) {
            throw new AnvilException(path + ": cannot read the database: " + firstLine(e.getMessage()), e);
        }
    }

    private static boolean hasAdr005Columns(Statement s) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(Engine.SQLITE.listColumnsSql("StoryResults"))) {
            while (rs.next()) {
                columns.add(rs.getString(1).toLowerCase(Locale.ROOT));
            }
        }
        return columns.containsAll(ADR005_STORY_COLUMNS);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String trimmed = message.strip();
        int nl = trimmed.indexOf('\n');
        return nl < 0 ? trimmed : trimmed.substring(0, nl).strip();
    }
}
