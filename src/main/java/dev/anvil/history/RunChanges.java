package dev.anvil.history;

import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What changed in a run against the previous run of the same mode: stories that passed there
 * and fail (or error) now, and stories that failed (or errored) there and pass now. Stories in
 * only one of the two runs, skipped ones, and ones stopped by Ctrl-C (an error whose message is
 * {@value #INTERRUPTED}, in either run) are neither: the user stopped them, the agent did not fail.
 *
 * @param previous the previous run of the mode (empty when this is its first run)
 */
public record RunChanges(Optional<Run> previous, List<String> newlyFailing, List<String> newlyPassing) {
    /** The message the recorder gives a story it stopped on Ctrl-C. */
    public static final String INTERRUPTED = "interrupted";

    public static RunChanges of(HistoryRepository repo, Run run) {
        Jdbi jdbi = repo.jdbi();
        Optional<String> previousId = jdbi.withHandle(h -> h.createQuery(
                        "SELECT Id FROM TestRuns WHERE Mode = :mode AND Id <> :id AND StartedAt <= :startedAt "
                                + "ORDER BY StartedAt DESC, Id DESC LIMIT 1")
                .bind("mode", run.mode())
                .bind("id", run.id())
                .bind("startedAt", Timestamps.format(run.startedAt()))
                .mapTo(String.class)
                .findOne());
        if (previousId.isEmpty()) {
            return new RunChanges(Optional.empty(), List.of(), List.of());
        }
        List<String> failing = new ArrayList<>();
        List<String> passing = new ArrayList<>();
        jdbi.useHandle(h -> h.createQuery(
                        "SELECT cur.StoryId, prev.Status AS Before, cur.Status AS After, "
                                + "prev.ErrorMessage AS BeforeMessage, cur.ErrorMessage AS AfterMessage "
                                + "FROM StoryResults cur JOIN StoryResults prev "
                                + "ON prev.StoryId = cur.StoryId AND prev.TestRunId = :prev "
                                + "WHERE cur.TestRunId = :cur AND prev.Status <> cur.Status "
                                + "ORDER BY cur.StoryId")
                .bind("prev", previousId.get())
                .bind("cur", run.id())
                .map((rs, ctx) -> {
                    ResultStatus before = ResultStatus.fromDb(rs.getString("Before"));
                    ResultStatus after = ResultStatus.fromDb(rs.getString("After"));
                    String story = rs.getString("StoryId");
                    if (stopped(before, rs.getString("BeforeMessage")) || stopped(after, rs.getString("AfterMessage"))) {
                        return story;
                    }
                    if (before == ResultStatus.PASSED && (after == ResultStatus.FAILED || after == ResultStatus.ERROR)) {
                        failing.add(story);
                    } else if ((before == ResultStatus.FAILED || before == ResultStatus.ERROR) && after == ResultStatus.PASSED) {
                        passing.add(story);
                    }
                    return story;
                })
                .list());
        return new RunChanges(repo.findRun(previousId.get()), List.copyOf(failing), List.copyOf(passing));
    }

    private static boolean stopped(ResultStatus status, String message) {
        return status == ResultStatus.ERROR && INTERRUPTED.equals(message);
    }
}
