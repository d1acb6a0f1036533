package dev.anvil.history;

import dev.anvil.AnvilException;
import dev.anvil.history.engine.Engine;
import dev.anvil.history.engine.PostgresUrl;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Opening a history that lives in PostgreSQL: reach the server, say in one line why not
 * (unreachable, refused password, missing database), then judge and migrate the schema as for a
 * file. Connections are reused, and checked before reuse, since a server can restart under a
 * long-lived console.
 */
final class PostgresHistory {
    private static final List<String> TABLES = List.of("testruns", "storyresults", "expectationresults");

    private PostgresHistory() {
    }

    static HistoryDatabase open(DatabaseLocation location) {
        PostgresUrl url = location.postgres();
        PGSimpleDataSource ds = url.dataSource();
        try (Connection c = ds.getConnection()) {
            // reachable, the password accepted, the database there
        } catch (SQLException e) {
            throw new AnvilException(connectionProblem(url, e), e);
        }
        int version = new SchemaMigrator(ds, location.display(), Engine.POSTGRESQL).migrate();
        return new HistoryDatabase(location, new ReusedConnections(ds, true), ds, version);
    }

    /** One line for a failed connection, in words, naming the server and never the password. */
    static String connectionProblem(PostgresUrl url, SQLException e) {
        String where = url.host() + ":" + url.port();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        switch (state) {
            case "28P01":
                return "PostgreSQL at " + where + " refused the password for user '" + url.user()
                        + "' (from the URL, PGPASSWORD or ~/.pgpass); nothing was changed";
            case "28000":
                return "PostgreSQL at " + where + " does not let user '" + url.user() + "' into database '"
                        + url.database() + "': " + SchemaMigrator.firstLine(e.getMessage());
            case "3D000":
                return "database '" + url.database() + "' does not exist on the PostgreSQL server at " + where
                        + "; create it first (createdb -h " + url.host() + " -p " + url.port() + " " + url.database() + ")";
            default:
                if (state.startsWith("08") || e.getCause() instanceof java.io.IOException) {
                    return "cannot reach the PostgreSQL server at " + where + " (" + url.withoutPassword() + "): "
                            + SchemaMigrator.firstLine(e.getMessage());
                }
                return "cannot open the PostgreSQL history " + url.withoutPassword() + ": " + SchemaMigrator.firstLine(e.getMessage());
        }
    }

    /**
     * Refuses, before anything is written, a role that may only read: {@code record}, {@code import}
     * and the other writers say so in one line instead of failing half-way.
     */
    static void checkWritable(HistoryDatabase db, String action) {
        PostgresUrl url = db.location().postgres();
        List<String> missing = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = s.executeQuery("SELECT has_table_privilege(current_user, '" + table
                        + "', 'INSERT') AND has_table_privilege(current_user, '" + table + "', 'UPDATE')")) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        missing.add(table);
                    }
                }
            }
        } catch (SQLException e) {
            throw new AnvilException("cannot check the privileges of user '" + url.user() + "' on " + url.withoutPassword()
                    + ": " + SchemaMigrator.firstLine(e.getMessage()), e);
        }
        if (!missing.isEmpty()) {
            throw new AnvilException("user '" + url.user() + "' may only read the history at " + url.withoutPassword()
                    + " (no INSERT/UPDATE on " + String.join(", ", missing) + "); " + action
                    + " needs a writer role such as anvil_writer. Nothing was changed.");
        }
    }

    static long sizeBytes(HistoryDatabase db) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_database_size(current_database())")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }
}
