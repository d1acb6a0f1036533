package dev.anvil.history;

import dev.anvil.AnvilException;
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
 */
public final class SchemaMigrator {
    /** The highest migration in {@code db/migration}; a test keeps the two in step. */
    public static final int LATEST_VERSION = 5;

    static final String HISTORY_TABLE = "flyway_schema_history";
    private static final Set<String> ADR005_TABLES = Set.of("testruns", "storyresults");
    private static final List<String> ADR005_STORY_COLUMNS =
            List.of("id", "testrunid", "storyid", "status", "executedat");

    private final DataSource dataSource;
    private final Path path;

    public SchemaMigrator(DataSource dataSource, Path path) {
        this.dataSource = dataSource;
        this.path = path;
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
                    "IX_StoryResults_ExecutedAt_Outcome");

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
                .locations("classpath:db/migration")
                .table(HISTORY_TABLE)
                .baselineOnMigrate(adopt)
                .baselineVersion("1")
                .baselineDescription("adopted ADR-005 database")
                .load();
    }

    private record Inspection(int installedVersion, boolean adoptable) {
    }

    private Inspection inspect() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            Set<String> tables = new TreeSet<>();
            try (ResultSet rs = s.executeQuery(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1).toLowerCase(Locale.ROOT));
                }
            }
            if (tables.contains(HISTORY_TABLE)) {
                int version = 0;
                try (ResultSet rs = s.executeQuery("SELECT version FROM " + HISTORY_TABLE + " WHERE success = 1")) {
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
            if (tables.containsAll(ADR005_TABLES) && hasAdr005Columns(s)) {
                return new Inspection(0, true);
            }
            throw new AnvilException(path + ": an SQLite database of another application (tables: "
                    + String.join(", ", tables) + "), not an Anvil history. Nothing was changed; point --db elsewhere.");
        } catch (SQLException e) {
            throw new AnvilException(path + ": cannot read the database: " + firstLine(e.getMessage()), e);
        }
    }

    private static boolean hasAdr005Columns(Statement s) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("PRAGMA table_info(StoryResults)")) {
            while (rs.next()) {
                columns.add(rs.getString("name").toLowerCase(Locale.ROOT));
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
