package dev.anvil.analysis;

import dev.anvil.frame.RecordTable;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Timestamps;
import org.jdbi.v3.core.Jdbi;
import tech.tablesaw.api.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Failure messages grouped by signature: the message with what varies from one occurrence to the
 * next replaced by placeholders, in this order: timestamps {@code <time>}, UUIDs {@code <uuid>},
 * quoted values {@code '<value>'}, file paths {@code <path>}, hex ids of 7+ characters
 * {@code <hex>}, numbers {@code <n>}; then whitespace collapsed. Failed and error results both
 * count (the {@code errors} column says how many were errors); results without a message group
 * under {@code (no message)}.
 */
public final class FailureSignatures {
    /** Story ids listed per signature; the rest are counted. */
    public static final int STORIES_SHOWN = 3;
    static final int MAX_SIGNATURE = 200;
    public static final String NO_MESSAGE = "(no message)";

    private static final Pattern TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?|\\b\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?\\b");
    private static final Pattern UUID = Pattern.compile(
            "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final Pattern QUOTED = Pattern.compile("'[^'\\n]{0,200}'|\"[^\"\\n]{0,200}\"|`[^`\\n]{0,200}`");
    private static final Pattern PATH = Pattern.compile(
            "(?:[A-Za-z]:)?(?:[\\\\/][\\w.@+~-]+){2,}[\\\\/]?|(?:\\.{1,2}|~)?(?:[\\w.@+~-]+[\\\\/]){1,}[\\w.@+~-]+\\.\\w+");
    private static final Pattern HEX = Pattern.compile("\\b(?:0x[0-9a-fA-F]+|(?=[0-9a-fA-F]*\\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{7,})\\b");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final Pattern SPACE = Pattern.compile("\\s+");

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

    /** The signature of one message (see the class comment). */
    public static String signature(String message) {
        if (message == null || message.isBlank()) {
            return NO_MESSAGE;
        }
        String s = message;
        s = TIME.matcher(s).replaceAll("<time>");
        s = UUID.matcher(s).replaceAll("<uuid>");
        s = QUOTED.matcher(s).replaceAll("'<value>'");
        s = PATH.matcher(s).replaceAll("<path>");
        s = HEX.matcher(s).replaceAll("<hex>");
        s = NUMBER.matcher(s).replaceAll("<n>");
        s = SPACE.matcher(s).replaceAll(" ").trim();
        return s.length() > MAX_SIGNATURE ? s.substring(0, MAX_SIGNATURE) + "..." : s;
    }

    public List<Row> rows(AnalysisFilter filter) {
        SqlFilter where = SqlFilter.of(filter, "t", "s");
        Map<String, Group> groups = new LinkedHashMap<>();
        Map<String, String> signatures = new HashMap<>(); // the same message recurs: normalise it once
        jdbi.useHandle(h -> where.bind(h.createQuery("SELECT s.StoryId, t.Mode, s.Status, s.ErrorMessage, s.ExecutedAt "
                        + "FROM TestRuns t JOIN StoryResults s ON s.TestRunId = t.Id "
                        + "WHERE s.Status NOT IN ('passed', 'skipped')" + where.sql()), 0)
                .map((rs, ctx) -> {
                    ResultStatus status = ResultStatus.fromDb(rs.getString(3));
                    if (status == ResultStatus.PASSED || status == ResultStatus.SKIPPED) {
                        return null;
                    }
                    String message = rs.getString(4);
                    String key = message == null ? NO_MESSAGE : signatures.computeIfAbsent(message, FailureSignatures::signature);
                    Group g = groups.computeIfAbsent(key, Group::new);
                    g.add(rs.getString(1), rs.getString(2), status, message, rs.getString(5));
                    return null;
                }).list());
        List<Row> rows = new ArrayList<>(groups.size());
        for (Group g : groups.values()) {
            rows.add(g.row());
        }
        rows.sort(Comparator.comparingInt(Row::count).reversed().thenComparing(Row::signature));
        return rows;
    }

    public Table table(AnalysisFilter filter) {
        return RecordTable.of("failures", Row.class, rows(filter));
    }

    private static final class Group {
        final String signature;
        final TreeSet<String> stories = new TreeSet<>();
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
            List<String> shown = new ArrayList<>();
            for (String s : stories) {
                if (shown.size() == STORIES_SHOWN) {
                    break;
                }
                shown.add(s);
            }
            String ids = String.join(", ", shown) + (stories.size() > STORIES_SHOWN ? " +" + (stories.size() - STORIES_SHOWN) + " more" : "");
            return new Row(signature, count, errors, stories.size(), ids, String.join(", ", modes),
                    Timestamps.parse(first), Timestamps.parse(last), example);
        }
    }
}
