package dev.anvil.analysis;

import org.jdbi.v3.core.Jdbi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Reads one aggregated string per run ({@code string_agg} over the run's results, answered from
 * the {@code TestRunId} indexes) and hands them over in run order. A year of results then
 * crosses JDBC as 2,190 strings instead of 876,000 rows of column-by-column native calls (three
 * times the CPU in sqlite-jdbc).
 *
 * The aggregate joins the run's results with {@code \u0001}; the sink gets them one by one.
 *
 * <p>Runs are asked for {@value #BATCH} at a time ({@code TestRunId IN (...) GROUP BY TestRunId}):
 * to a PostgreSQL server a question per run was 2,190 round trips, about 1.4 s of waiting on a
 * year; SQLite answers the batch from the same index, in the same order. The second half of the
 * runs is read on a second connection while the caller's thread reads the first half and files
 * it: reading is most of the time, and SQLite and PostgreSQL both serve two readers at once.
 */
final class PerRunText {
    /** Below this many runs one connection reads them all: a second one would cost more than it saves. */
    private static final int PARALLEL_FROM_RUNS = 200;
    /** Runs per question. */
    static final int BATCH = 64;

    /**
     * Receives each result of each run, in run order, on the caller's thread: {@code text[start, end)}
     * is one result's entry of the aggregate (entries are separated by {@code \u0001}).
     */
    interface Sink {
        void accept(int run, String text, int start, int end);
    }

    private PerRunText() {
    }

    /**
     * @param aggregate the aggregate over one run's rows, e.g. {@code string_agg(r.StoryId, ',')}
     * @param alias     the alias of {@code StoryResults} in {@code aggregate} and {@code where}
     * @param where     {@code ""} or conditions on the rows starting with {@code " AND "}
     * @param params    the values of the placeholders in {@code where}, in order
     */
    static void read(Jdbi jdbi, Connection c, String aggregate, String alias, String where, List<Object> params,
                     List<String> runIds, Sink sink) throws SQLException {
        String sql = "SELECT " + alias + ".TestRunId, " + aggregate + " FROM StoryResults " + alias + " WHERE " + alias
                + ".TestRunId IN (" + String.join(", ", Collections.nCopies(BATCH, "?")) + ")" + where
                + " GROUP BY " + alias + ".TestRunId";
        int n = runIds.size();
        Map<String, Integer> index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            index.put(runIds.get(i), i);
        }
        int half = n >= PARALLEL_FROM_RUNS ? n / 2 : n;
        String[] texts = new String[n];
        CompletableFuture<Void> secondHalf = half == n ? null : CompletableFuture.runAsync(() -> jdbi.useHandle(h -> {
            try {
                fetch(h.getConnection(), sql, params, runIds, index, half, n, texts);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the history: " + e.getMessage(), e);
            }
        }), PerRunText::ownThread);
        try {
            fetch(c, sql, params, runIds, index, 0, half, texts);
            hand(texts, 0, half, sink);
            if (secondHalf != null) {
                secondHalf.join();
                hand(texts, half, n, sink);
            }
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            if (secondHalf != null) {
                secondHalf.exceptionally(e -> null).join(); // never leave a reader behind
            }
        }
    }

    /**
     * The second reader runs on a thread of its own, not in the common pool: the sink may itself
     * work on every core (failures signs its messages in parallel streams) while the reader reads.
     */
    private static void ownThread(Runnable task) {
        Thread t = new Thread(task, "anvil-history-reader");
        t.setDaemon(true);
        t.start();
    }

    /** Runs {@code [from, to)} in batches; the last batch repeats its last run to fill the question. */
    private static void fetch(Connection c, String sql, List<Object> params, List<String> runIds, Map<String, Integer> index,
                              int from, int to, String[] texts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(BATCH + 1 + i, params.get(i));
            }
            for (int start = from; start < to; start += BATCH) {
                for (int k = 0; k < BATCH; k++) {
                    ps.setString(k + 1, runIds.get(Math.min(start + k, to - 1)));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Integer run = index.get(rs.getString(1));
                        if (run != null) {
                            texts[run] = rs.getString(2);
                        }
                    }
                }
            }
        }
    }

    /** Hands the results of runs {@code [from, to)} over one by one and lets go of their strings. */
    private static void hand(String[] texts, int from, int to, Sink sink) {
        for (int run = from; run < to; run++) {
            String text = texts[run];
            texts[run] = null;
            if (text == null) {
                continue;
            }
            int start = 0;
            int length = text.length();
            while (start < length) {
                int end = text.indexOf('\u0001', start);
                if (end < 0) {
                    end = length;
                }
                sink.accept(run, text, start, end);
                start = end + 1;
            }
        }
    }
}
