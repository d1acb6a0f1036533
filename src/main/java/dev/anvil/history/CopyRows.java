package dev.anvil.history;

import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * New runs for a PostgreSQL history, sent with {@code COPY ... FROM STDIN} instead of INSERTs: a
 * year of results (876,000) as batched multi-row INSERTs cost about 30 s of client and 55 s of
 * server CPU, mostly parsing, binding and planning statements; COPY streams the rows in one
 * command per table. COPY FROM STDIN needs only the INSERT privilege on the table, as the INSERTs
 * did.
 *
 * <p>Rows collect in PostgreSQL's text format (tab-separated, {@code \N} for NULL, backslash escapes
 * for backslash, tab, newline and carriage return) exactly as stored: text, timestamps included,
 * goes over verbatim, so what the source stored is what the target stores. {@link #send(Handle)}
 * copies the runs, then their results, then the expectation results and Aura results (the order of
 * the foreign keys) in the caller's transaction.
 */
final class CopyRows {
    private static final String RUNS = "COPY TestRuns (" + StoredRows.RUN_COLUMNS + ") FROM STDIN";
    private static final String RESULTS = "COPY StoryResults (" + StoredRows.RESULT_COLUMNS + ") FROM STDIN";
    private static final String EXPECTATIONS = "COPY ExpectationResults "
            + "(StoryResultId, Position, Type, Description, Status, Message) FROM STDIN";
    private static final String AURA = "COPY AuraResults (" + AuraResultRows.COLUMNS + ") FROM STDIN";

    private final StringBuilder runs = new StringBuilder();
    private final StringBuilder results = new StringBuilder();
    private final StringBuilder expectations = new StringBuilder();
    private final StringBuilder aura = new StringBuilder();
    private int runCount;

    /** Adds a run with its results, their expectations and Aura rows, in the column order of the COPY commands. */
    void add(StoredRun run) {
        runCount++;
        row(runs, run.id(), run.startedAt(), run.completedAt(), run.mode(), run.totalStories(), run.passed(),
                run.failed(), run.skipped(), run.status(), run.errors(), run.label(), run.sutRevision(), run.host(),
                run.pid(), run.anvilVersion(), run.heartbeat());
        for (StoredResult r : run.results()) {
            row(results, r.id(), run.id(), r.storyId(), r.storyPath(), r.language(), r.status(), r.durationMs(),
                    r.errorMessage(), r.generatedFiles(), r.executedAt(), r.storyHash(), r.logPath(), r.worktreePath());
            for (StoredExpectation e : r.expectations()) {
                row(expectations, r.id(), e.position(), e.type(), e.description(), e.status(), e.message());
            }
            StoredAuraResult a = r.aura();
            if (a != null) {
                row(aura, r.id(), a.auraStoryId(), a.auraStatus(), a.toolCalls(), a.semanticToolCalls(),
                        a.fileLevelToolCalls(), a.auraToolRatio(), a.stepsToFirstRelevantCode(), a.backtrackingEvents(),
                        a.detectedPatterns());
            }
        }
    }

    boolean isEmpty() {
        return runCount == 0;
    }

    /** Copies what was added into the target (within its open transaction) and starts empty again. */
    void send(Handle target) {
        if (isEmpty()) {
            return;
        }
        try {
            CopyManager copy = target.getConnection().unwrap(PGConnection.class).getCopyAPI();
            copy(copy, RUNS, runs);
            copy(copy, RESULTS, results);
            copy(copy, EXPECTATIONS, expectations);
            copy(copy, AURA, aura);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot copy runs into the PostgreSQL history: " + e.getMessage(), e);
        }
        runCount = 0;
    }

    private static void copy(CopyManager copy, String sql, StringBuilder rows) throws SQLException, IOException {
        if (rows.length() > 0) {
            copy.copyIn(sql, new ByteArrayInputStream(rows.toString().getBytes(StandardCharsets.UTF_8)));
            rows.setLength(0);
        }
    }

    /** One row in COPY's text format. */
    static void row(StringBuilder out, Object... columns) {
        for (int i = 0; i < columns.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            field(out, columns[i]);
        }
        out.append('\n');
    }

    /**
     * One field: {@code \N} for NULL, numbers as digits, text with backslash, tab, newline and
     * carriage return escaped (COPY reads every other character, control characters and unicode
     * included, as itself; and a literal {@code \N} or {@code \.} arrives as {@code \\N}, {@code \\.}).
     */
    static void field(StringBuilder out, Object value) {
        if (value == null) {
            out.append("\\N");
            return;
        }
        if (value instanceof Number) {
            out.append(value);
            return;
        }
        String s = value.toString();
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }
}
