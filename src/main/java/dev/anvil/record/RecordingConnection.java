package dev.anvil.record;

import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.HistoryRepository;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * One SQLite connection held for a whole run, for the recorder's writes. Opening a connection per
 * result costs its pragmas, and closing the last connection checkpoints and deletes the WAL:
 * together most of Anvil's own time per story. Results are still committed one by one (the
 * recorder serializes its commits).
 *
 * <p>A connection that broke (a PostgreSQL server restarted, the network went away) is replaced
 * by a new one on the next write: the recorder retries the write that failed once, then keeps it
 * in its spool. A server's connection that stops answering (packets dropped silently) counts as
 * broken after {@link #SERVER_ANSWER_TIMEOUT}.
 */
public final class RecordingConnection implements AutoCloseable {
    /**
     * How long a write to a server may wait for an answer before its connection counts as broken
     * (a network that drops packets silently would otherwise hold it for the system's TCP timeout,
     * a quarter of an hour on Linux): as long as a busy history is waited for.
     */
    public static final Duration SERVER_ANSWER_TIMEOUT = Durability.DEFAULT_RETRY;

    private final javax.sql.DataSource source;
    private final Duration answerTimeout;
    private Connection connection;
    private final HistoryRepository repository;

    private RecordingConnection(javax.sql.DataSource source, Duration answerTimeout) throws SQLException {
        this.source = source;
        this.answerTimeout = answerTimeout;
        this.connection = connect();
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
        return open(db, SERVER_ANSWER_TIMEOUT);
    }

    /** As {@link #open(HistoryDatabase)}, a server's answers waited for at most {@code answerTimeout}. */
    public static RecordingConnection open(HistoryDatabase db, Duration answerTimeout) {
        try {
            return new RecordingConnection(db.dataSource(), db.location() != null && db.location().isPostgres()
                    ? answerTimeout : null);
        } catch (SQLException e) {
            throw new dev.anvil.AnvilException("cannot open the history " + db.display() + ": " + e.getMessage(), e);
        }
    }

    /** A new connection; to a server, one whose reads give up after the answer timeout (SQLSTATE 08006). */
    private Connection connect() throws SQLException {
        Connection c = source.getConnection();
        if (answerTimeout != null) {
            c.setNetworkTimeout(Runnable::run, Math.toIntExact(answerTimeout.toMillis()));
        }
        return c;
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
            connection = connect();
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
            if (answerTimeout != null && !connection.isClosed()) {
                connection.setNetworkTimeout(Runnable::run, 0); // it goes back to the history's pool
            }
            connection.close();
        } catch (SQLException e) {
            // the results are committed; a failing close loses nothing
        }
    }
}
