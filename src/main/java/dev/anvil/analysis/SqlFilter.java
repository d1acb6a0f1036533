package dev.anvil.analysis;

import dev.anvil.history.Timestamps;
import org.jdbi.v3.core.statement.SqlStatement;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link AnalysisFilter} as an SQL condition over {@code TestRuns} and {@code StoryResults}
 * (aliases given by the caller), with its values as positional parameters, never pasted in.
 * {@code since} compares run start times, which are fixed-width ISO text, so text order is time
 * order and the {@code TestRuns(StartedAt)} / {@code (Mode, StartedAt)} indexes apply.
 *
 * @param sql    {@code ""} or a condition starting with {@code " AND "}
 * @param params the values of its {@code ?} placeholders, in order
 */
public record SqlFilter(String sql, List<Object> params) {

    public static SqlFilter of(AnalysisFilter filter, String runs, String results) {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        if (filter.mode() != null) {
            sql.append(" AND ").append(runs).append(".Mode = ?");
            params.add(filter.mode());
        }
        if (filter.since() != null) {
            sql.append(" AND ").append(runs).append(".StartedAt >= ?");
            params.add(Timestamps.format(filter.since()));
        }
        if (results != null && filter.language() != null) {
            sql.append(" AND ").append(results).append(".Language = ?");
            params.add(filter.language());
        }
        if (results != null && filter.storyId() != null) {
            sql.append(" AND ").append(results).append(".StoryId = ?");
            params.add(filter.storyId());
        }
        return new SqlFilter(sql.toString(), List.copyOf(params));
    }

    /** Binds the parameters at positions {@code first}, {@code first + 1}, ... (1-based, JDBC style). */
    public void bind(PreparedStatement statement, int first) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            statement.setObject(first + i, params.get(i));
        }
    }

    /** Binds the parameters at Jdbi positions {@code first}, ... (0-based). */
    public <T extends SqlStatement<T>> T bind(T statement, int first) {
        for (int i = 0; i < params.size(); i++) {
            statement.bind(first + i, params.get(i));
        }
        return statement;
    }
}
