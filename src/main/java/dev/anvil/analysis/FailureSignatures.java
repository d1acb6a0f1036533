package dev.anvil.analysis;

import dev.anvil.AnvilException;
import dev.anvil.frame.RecordTable;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Timestamps;
import org.jdbi.v3.core.Jdbi;
import tech.tablesaw.api.Table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Failure messages grouped by signature: the message with what varies from one occurrence to the
 * next (timestamps, UUIDs, quoted values, paths, hex ids, numbers) replaced by placeholders, see
 * {@link MessageSignature}. Failed and error results both
 * count (the {@code errors} column says how many were errors); results without a message group
 * under {@code (no message)}.
 */
public final class FailureSignatures {
    /** Story ids listed per signature; the rest are counted. */
    public static final int STORIES_SHOWN = 3;
    public static final String NO_MESSAGE = MessageSignature.NO_MESSAGE;

    private final Jdbi jdbi;

    public FailureSignatures(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * @param stories  distinct stories with this failure
     * @param storyIds the first few of them, then {@code +N more}
     * @param modes    the modes it happened in
     */
    public record Row(String signature, int count, int errors, int stories, String storyIds, String modes,
                      Instant firstSeen, Instant lastSeen, String example) {
    }

    /** The signature of one message (see {@link MessageSignature}). */
    public static String signature(String message) {
        return MessageSignature.of(message);
    }

    /** Failed results whose signatures are computed together, on every core, before they are grouped in order. */
    private static final int CHUNK = 16_384;

    public List<Row> rows(AnalysisFilter filter) {
        Map<String, Group> groups = new LinkedHashMap<>();
        jdbi.useHandle(h -> {
            try {
                read(h.getConnection(), filter, groups);
            } catch (SQLException e) {
                throw new AnvilException("cannot read the failures: " + e.getMessage(), e);
            }
        });
        List<Row> rows = new ArrayList<>(groups.size());
        for (Group g : groups.values()) {
            rows.add(g.row());
        }
        rows.sort(Comparator.comparingInt(Row::count).reversed().thenComparing(Row::signature));
        return rows;
    }

    /** Stands for a result without a message in the per-run strings. */
    private static final char NO_TEXT = '\u0003';

    /**
     * The runs under the filter, then each run's failed and error results as one string
     * ({@link PerRunText}): "story␂status␂executedAt␂message" per result, a message's own \u0001
     * (the separator of results) read as a space; signed in chunks on every core.
     */
    private void read(Connection c, AnalysisFilter filter, Map<String, Group> groups) throws SQLException {
        SqlFilter runFilter = SqlFilter.of(filter, "t", null);
        List<String> ids = new ArrayList<>();
        List<String> modes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT t.Id, t.Mode FROM TestRuns t WHERE 1 = 1" + runFilter.sql()
                + " ORDER BY t.StartedAt, t.Id")) {
            runFilter.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                    modes.add(rs.getString(2));
                }
            }
        }
        SqlFilter resultFilter = SqlFilter.of(filter.withMode(null).withSince((Instant) null), "t", "s");
        String aggregate = "string_agg(s.StoryId || '\u0002' || s.Status || '\u0002' || s.ExecutedAt || '\u0002' || "
                + "coalesce(replace(s.ErrorMessage, '\u0001', ' '), '" + NO_TEXT + "'), '\u0001')";
        List<Failure> chunk = new ArrayList<>(CHUNK);
        PerRunText.read(jdbi, c, aggregate, "s", " AND s.Status NOT IN ('passed', 'skipped')" + resultFilter.sql(),
                resultFilter.params(), ids, (run, text, start, end) -> {
            int a = text.indexOf('\u0002', start);
            int b = text.indexOf('\u0002', a + 1);
            int d = text.indexOf('\u0002', b + 1);
            ResultStatus status = ResultStatus.fromDb(text.substring(a + 1, b));
            if (status != ResultStatus.PASSED && status != ResultStatus.SKIPPED) {
                String message = end - d == 2 && text.charAt(d + 1) == NO_TEXT ? null : text.substring(d + 1, end);
                chunk.add(new Failure(text.substring(start, a), modes.get(run), status, message, text.substring(b + 1, d)));
                if (chunk.size() == CHUNK) {
                    group(chunk, groups);
                }
            }
        });
        group(chunk, groups);
    }

    private record Failure(String story, String mode, ResultStatus status, String message, String executedAt) {
    }

    /**
     * Signs the failures (one pass over each message; messages are mostly unique by their numbers,
     * so there is nothing to reuse) on every core, then files them into their groups in order.
     */
    private static void group(List<Failure> failures, Map<String, Group> groups) {
        String[] signatures = failures.parallelStream().map(f -> MessageSignature.of(f.message())).toArray(String[]::new);
        for (int i = 0; i < signatures.length; i++) {
            Failure f = failures.get(i);
            groups.computeIfAbsent(signatures[i], Group::new).add(f.story(), f.mode(), f.status(), f.message(), f.executedAt());
        }
        failures.clear();
    }

    public Table table(AnalysisFilter filter) {
        return RecordTable.of("failures", Row.class, rows(filter));
    }

    private static final class Group {
        final String signature;
        final Set<String> stories = new HashSet<>();
        final TreeSet<String> modes = new TreeSet<>();
        int count;
        int errors;
        String first;
        String last;
        String example;

        Group(String signature) {
            this.signature = signature;
        }

        void add(String story, String mode, ResultStatus status, String message, String executedAt) {
            count++;
            if (status == ResultStatus.ERROR) {
                errors++;
            }
            stories.add(story);
            modes.add(mode);
            // fixed-width timestamps: text order is time order
            if (first == null || executedAt.compareTo(first) < 0) {
                first = executedAt;
            }
            if (last == null || executedAt.compareTo(last) >= 0) {
                last = executedAt;
                example = message; // the latest occurrence is the most useful example
            }
        }

        Row row() {
            // the first few in order; a set of thousands is not sorted for three of them
            List<String> shown = stories.stream().sorted().limit(STORIES_SHOWN).toList();
            String ids = String.join(", ", shown) + (stories.size() > STORIES_SHOWN ? " +" + (stories.size() - STORIES_SHOWN) + " more" : "");
            return new Row(signature, count, errors, stories.size(), ids, String.join(", ", modes),
                    Timestamps.parse(first), Timestamps.parse(last), example);
        }
    }
}
