package dev.anvil.history.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The database engine a history lives in. The schema, the migrations in {@code db/migration} and
 * the SQL in the code are common to both; what must differ is asked of the engine here, and the
 * few migrations only one engine needs live in {@link #migrationFolder()}.
 */
public enum Engine {
    /** A local file: zero setup, one machine (ADR-005). */
    SQLITE("sqlite"),
    /** A server shared by a team: many recorders on many machines, one history. */
    POSTGRESQL("postgresql");

    private final String folder;

    Engine(String folder) {
        this.folder = folder;
    }

    /**
     * Flyway locations: the common {@code db/migration}, and for PostgreSQL {@code db/postgresql}
     * with the migrations only it runs (SQLite needs none of its own so far).
     */
    public String[] migrationLocations() {
        return this == SQLITE ? new String[] {"classpath:db/migration"}
                : new String[] {"classpath:db/migration", "classpath:db/" + folder};
    }

    /** The engine behind an open connection (tables and SQL that the console hands over may need it). */
    public static Engine of(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        return product.contains("postgres") ? POSTGRESQL : SQLITE;
    }

    /** Tables of the current schema, lower case: SQLite's catalogue or PostgreSQL's information schema. */
    public String listTablesSql() {
        return this == SQLITE
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                        + "AND table_type = 'BASE TABLE'";
    }

    /** Column names of one table (name given in lower case on PostgreSQL, as unquoted names fold). */
    public String listColumnsSql(String table) {
        return this == SQLITE
                ? "SELECT name FROM pragma_table_info('" + table + "')"
                : "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                        + "AND table_name = '" + table.toLowerCase(Locale.ROOT) + "'";
    }

    /** Flyway's own history table stores success as 1 in SQLite and as a boolean in PostgreSQL. */
    public String successfulMigrationsSql(String historyTable) {
        return "SELECT version FROM " + historyTable + (this == SQLITE ? " WHERE success = 1" : " WHERE success");
    }
}
