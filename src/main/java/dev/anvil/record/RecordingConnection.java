package dev.anvil.record;

import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.HistoryRepository;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One SQLite connection held for a whole run, for the recorder's writes. Opening a connection per
 * result costs its pragmas, and closing the last connection checkpoints and deletes the WAL:
 * together most of Anvil's own time per story. Results are still committed one by one (the
 * recorder serializes its commits).
 *
 * <p>A connection that broke (a PostgreSQL server restarted, the network went away) is replaced
 * by a new one on the next write: the write that failed reached the recorder's failure path
 * (the spool), and the next result goes to the server again as soon as it answers.
 */
public final class RecordingConnection implements AutoCloseable {
    private final javax.sql.DataSource source;
    private Connection connection;
    private final HistoryRepository repository;

    private RecordingConnection(javax.sql.DataSource source, Connection first) {
        this.source = source;
        this.connection = first;
        Jdbi jdbi = Jdbi.create(new ConnectionFactory() {
            @Override
            public Connection openConnection() throws SQLException {
                return current();
            }

            @Override
            public void closeConnection(Connection toClose) {
                // held until the run ends
            }
        }).installPlugin(new SqlObjectPlugin());
        this.repository = new HistoryRepository(jdbi);
    }

    public static RecordingConnection open(HistoryDatabase db) {
        try {
            return new RecordingConnection(db.dataSource(), db.dataSource().getConnection());
        } catch (SQLException e) {
            throw new dev.anvil.AnvilException("cannot open the history " + db.display() + ": " + e.getMessage(), e);
        }
    }

    /** The held connection, or a new one when it broke since the last write. */
    private synchronized Connection current() throws SQLException {
        if (connection == null || connection.isClosed()) {
            Connection broken = connection;
            connection = null;
            if (broken != null) {
                try {
                    broken.close();
                } catch (SQLException e) {
                    // it is gone either way
                }
            }
            connection = source.getConnection();
        }
        return connection;
    }

    public HistoryRepository repository() {
        return repository;
    }

    @Override
    public synchronized void close() {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // the results are committed; a failing close loses nothing
        }
    }
}
