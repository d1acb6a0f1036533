package dev.anvil.analysis;

import dev.anvil.frame.RecordTable;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Timestamps;
import org.jdbi.v3.core.Jdbi;
import tech.tablesaw.api.Table;

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
        SqlFilter where = SqlFilter.of(filter, "t", "s");
        Map<String, Group> groups = new LinkedHashMap<>();
        List<Failure> chunk = new ArrayList<>(CHUNK);
        jdbi.useHandle(h -> where.bind(h.createQuery("SELECT s.StoryId, t.Mode, s.Status, s.ErrorMessage, s.ExecutedAt "
                        + "FROM TestRuns t JOIN StoryResults s ON s.TestRunId = t.Id "
                        + "WHERE s.Status NOT IN ('passed', 'skipped')" + where.sql()), 0)
                .map((rs, ctx) -> {
                    ResultStatus status = ResultStatus.fromDb(rs.getString(3));
                    if (status != ResultStatus.PASSED && status != ResultStatus.SKIPPED) {
                        chunk.add(new Failure(rs.getString(1), rs.getString(2), status, rs.getString(4), rs.getString(5)));
                        if (chunk.size() == CHUNK) {
                            group(chunk, groups);
                        }
                    }
                    return null;
                }).list());
        group(chunk, groups);
        List<Row> rows = new ArrayList<>(groups.size());
        for (Group g : groups.values()) {
            rows.add(g.row());
        }
        rows.sort(Comparator.comparingInt(Row::count).reversed().thenComparing(Row::signature));
        return rows;
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
