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
 */
public final class RecordingConnection implements AutoCloseable {
    private final Connection connection;
    private final HistoryRepository repository;

    private RecordingConnection(Connection connection) {
        this.connection = connection;
        Jdbi jdbi = Jdbi.create(new ConnectionFactory() {
            @Override
            public Connection openConnection() {
                return connection;
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
            return new RecordingConnection(db.dataSource().getConnection());
        } catch (SQLException e) {
            throw new dev.anvil.AnvilException("cannot open the history " + db.path() + ": " + e.getMessage(), e);
        }
    }

    public HistoryRepository repository() {
        return repository;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // the results are committed; a failing close loses nothing
        }
    }
}
