package dev.anvil.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Handle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code AuraResults} rows (migration V5): written with their results, attached when a run is read. */
final class AuraResultRows {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String COLUMNS = "StoryResultId, AuraStoryId, AuraStatus, ToolCalls, SemanticToolCalls, FileLevelToolCalls, "
            + "AuraToolRatio, StepsToFirstRelevantCode, BacktrackingEvents, DetectedPatterns";
    private static final String INSERT = "INSERT INTO AuraResults (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private AuraResultRows() {
    }

    /** Inserts the Aura rows of the results that have one, in the caller's transaction. */
    static void insert(Connection c, Collection<StoryResult> results) throws SQLException {
        Map<String, StoredAuraResult> rows = new LinkedHashMap<>();
        for (StoryResult r : results) {
            if (r.aura() != null) {
                rows.put(r.id(), StoredAuraResult.of(r.aura()));
            }
        }
        insertStored(c, rows);
    }

    /** Inserts Aura rows as stored, by the id of their result, in the caller's transaction. */
    static void insertStored(Connection c, Map<String, StoredAuraResult> byResult) throws SQLException {
        if (byResult.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement(INSERT)) {
            for (Map.Entry<String, StoredAuraResult> row : byResult.entrySet()) {
                StoredAuraResult a = row.getValue();
                st.setString(1, row.getKey());
                st.setString(2, a.auraStoryId());
                st.setString(3, a.auraStatus());
                setInt(st, 4, a.toolCalls());
                setInt(st, 5, a.semanticToolCalls());
                setInt(st, 6, a.fileLevelToolCalls());
                if (a.auraToolRatio() == null) {
                    st.setNull(7, Types.DOUBLE);
                } else {
                    st.setDouble(7, a.auraToolRatio());
                }
                setInt(st, 8, a.stepsToFirstRelevantCode());
                setInt(st, 9, a.backtrackingEvents());
                st.setString(10, a.detectedPatterns());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    /** The Aura rows of one run's results as stored, by result id. */
    static Map<String, StoredAuraResult> storedOf(Handle h, String runId) {
        return ofRun(h, runId, rs -> new StoredAuraResult(rs.getString("AuraStoryId"), rs.getString("AuraStatus"),
                NullableColumns.intOrNull(rs, "ToolCalls"), NullableColumns.intOrNull(rs, "SemanticToolCalls"),
                NullableColumns.intOrNull(rs, "FileLevelToolCalls"), NullableColumns.doubleOrNull(rs, "AuraToolRatio"),
                NullableColumns.intOrNull(rs, "StepsToFirstRelevantCode"),
                NullableColumns.intOrNull(rs, "BacktrackingEvents"), rs.getString("DetectedPatterns")));
    }

    /** A row read from the result set's current row. */
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** The Aura rows of one run's results, each read by {@code reader}, by result id. */
    private static <T> Map<String, T> ofRun(Handle h, String runId, RowReader<T> reader) {
        Map<String, T> byResult = new HashMap<>();
        h.createQuery("SELECT a." + COLUMNS.replace(", ", ", a.") + " FROM AuraResults a "
                        + "JOIN StoryResults r ON r.Id = a.StoryResultId WHERE r.TestRunId = :runId")
                .bind("runId", runId)
                .map((rs, ctx) -> byResult.put(rs.getString("StoryResultId"), reader.read(rs)))
                .list();
        return byResult;
    }

    /** The results of one run, each with its Aura row when it has one. */
    static List<StoryResult> attach(Handle h, String runId, List<StoryResult> results) {
        if (results.isEmpty()) {
            return results;
        }
        Map<String, AuraResult> byResult = ofRun(h, runId, AuraResultRows::read);
        if (byResult.isEmpty()) {
            return results;
        }
        List<StoryResult> out = new ArrayList<>(results.size());
        for (StoryResult r : results) {
            AuraResult a = byResult.get(r.id());
            out.add(a == null ? r : r.withAura(a));
        }
        return out;
    }

    private static AuraResult read(ResultSet rs) throws SQLException {
        Integer calls = NullableColumns.intOrNull(rs, "ToolCalls");
        IndexUsage usage = null;
        if (calls != null) {
            usage = new IndexUsage(calls, nz(NullableColumns.intOrNull(rs, "SemanticToolCalls")),
                    nz(NullableColumns.intOrNull(rs, "FileLevelToolCalls")), NullableColumns.doubleOrNull(rs, "AuraToolRatio"),
                    nz(NullableColumns.intOrNull(rs, "StepsToFirstRelevantCode")),
                    nz(NullableColumns.intOrNull(rs, "BacktrackingEvents")), patterns(rs.getString("DetectedPatterns")));
        }
        return new AuraResult(rs.getString("AuraStoryId"), rs.getString("AuraStatus"), usage);
    }

    private static int nz(Integer v) {
        return v == null ? 0 : v;
    }

    private static void setInt(PreparedStatement st, int index, Integer value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.INTEGER);
        } else {
            st.setInt(index, value);
        }
    }

    static String patternsJson(List<String> patterns) {
        try {
            return JSON.writeValueAsString(patterns);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> patterns(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            return List.of(json); // written by another tool: keep it whole
        }
    }
}
