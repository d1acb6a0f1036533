package dev.anvil.testing;

import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.HistoryRepository;
import dev.anvil.history.Ids;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.RunStart;
import dev.anvil.history.RunStatus;
import dev.anvil.history.StoryResult;
import org.jdbi.v3.core.Jdbi;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A real history file for a test, written through {@link HistoryRepository} as {@code anvil record}
 * writes it: each run starts, appends its results, and finishes.
 */
public final class TestHistory {
    public static final Instant START = Instant.parse("2026-01-05T06:00:00Z"); // a Monday

    private final HistoryDatabase db;

    private TestHistory(HistoryDatabase db) {
        this.db = db;
    }

    public static TestHistory create(Path folder) {
        return new TestHistory(HistoryDatabase.open(folder.resolve("anvil.db")));
    }

    public HistoryDatabase database() {
        return db;
    }

    public Path path() {
        return db.path();
    }

    public Jdbi jdbi() {
        return db.jdbi();
    }

    public HistoryRepository repository() {
        return db.repository();
    }

    /** One outcome of a story in a run. */
    public record Outcome(String storyId, String language, ResultStatus status, Long durationMs, String message) {
        public Outcome withDuration(long ms) {
            return new Outcome(storyId, language, status, ms, message);
        }

        public Outcome inLanguage(String value) {
            return new Outcome(storyId, value, status, durationMs, message);
        }
    }

    public static Outcome passed(String story) {
        return new Outcome(story, "python", ResultStatus.PASSED, 1000L, null);
    }

    public static Outcome failed(String story, String message) {
        return new Outcome(story, "python", ResultStatus.FAILED, 1000L, message);
    }

    public static Outcome error(String story, String message) {
        return new Outcome(story, "python", ResultStatus.ERROR, 1000L, message);
    }

    public static Outcome skipped(String story) {
        return new Outcome(story, "python", ResultStatus.SKIPPED, 0L, null);
    }

    /** Records a completed run of {@code mode} that started at {@code start}; returns its id. */
    public String run(String mode, Instant start, List<Outcome> outcomes) {
        return run(mode, start, null, outcomes);
    }

    public String run(String mode, Instant start, String sutRevision, List<Outcome> outcomes) {
        HistoryRepository repo = db.repository();
        String id = Ids.newId();
        repo.startRun(new RunStart(id, start, mode, null, sutRevision, "test-host", 1L, "test"));
        List<StoryResult> results = new ArrayList<>();
        Instant at = start;
        for (Outcome o : outcomes) {
            at = at.plusSeconds(1);
            results.add(new StoryResult(Ids.newId(), id, o.storyId(), o.storyId() + ".yaml", o.language(), o.status(),
                    o.durationMs(), o.message(), List.of(), at, null, null, null, List.of()));
        }
        repo.appendResults(results);
        repo.finishRun(id, RunStatus.COMPLETED, at.plusSeconds(1));
        return id;
    }

    /** The start of the {@code n}th run of a series spaced {@code interval} apart from {@link #START}. */
    public static Instant at(int n, Duration interval) {
        return START.plus(interval.multipliedBy(n));
    }
}
