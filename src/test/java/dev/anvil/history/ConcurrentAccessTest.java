package dev.anvil.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two connections to one file behave like two processes (each opens its own SQLite connections):
 * a recorder appending results one transaction at a time while a console reads, and two recorders
 * writing at once, must never see "database is locked".
 */
class ConcurrentAccessTest {
    private static final int RESULTS = 300;

    @TempDir
    Path tmp;

    @Test
    void aReaderListsRunsWhileAWriterAppendsResultsOneTransactionAtATime() throws Exception {
        Path file = tmp.resolve("anvil.db");
        HistoryDatabase.open(file).close();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch started = new CountDownLatch(1);
        List<Long> seen = new ArrayList<>();

        Thread writer = new Thread(() -> {
            try (HistoryDatabase db = HistoryDatabase.open(file)) {
                HistoryRepository repo = db.repository();
                Run run = repo.startRun(RunStart.now("copilot-cli", "concurrent", null));
                started.countDown();
                for (int i = 0; i < RESULTS; i++) {
                    repo.appendResult(StoryResult.of(run.id(), "story-" + i, "java", ResultStatus.PASSED, i, null,
                            Timestamps.now()));
                }
                repo.finishRun(run.id(), RunStatus.COMPLETED, Timestamps.now());
            } catch (Throwable t) {
                failures.add(t);
            } finally {
                started.countDown();
                writing.set(false);
            }
        });
        Thread reader = new Thread(() -> {
            try (HistoryDatabase db = HistoryDatabase.open(file)) {
                HistoryRepository repo = db.repository();
                started.await();
                while (writing.get()) {
                    List<Run> runs = repo.listRuns(20, null);
                    assertThat(runs).hasSize(1);
                    seen.add((long) runs.get(0).totalStories());
                    seen.add(repo.countResults());
                }
            } catch (Throwable t) {
                failures.add(t);
            }
        });
        writer.start();
        reader.start();
        writer.join();
        reader.join();

        assertThat(failures).isEmpty();
        assertThat(seen).isNotEmpty();
        try (HistoryDatabase db = HistoryDatabase.open(file)) {
            Run run = db.repository().listRuns(1, null).get(0);
            assertThat(run.totalStories()).isEqualTo(RESULTS);
            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        }
    }

    @Test
    void threeRecordersOpeningANewFileAtOnceAllGetTheHistory() throws Exception {
        // Opening a new file switches it to WAL, a write; SQLite answered "busy" at once (without
        // waiting) to about one opener in 50 while another created and migrated the file.
        List<Throwable> failures = new ArrayList<>();
        for (int round = 0; round < 80; round++) {
            Path file = tmp.resolve("new-" + round + ".db");
            failures.addAll(allAtOnce(List.of("a", "b", "c"), opener -> {
                try (HistoryDatabase db = HistoryDatabase.open(file)) {
                    assertThat(db.repository().countRuns()).isZero();
                }
            }));
        }
        assertThat(failures).isEmpty();
    }

    /** What each of {@code work}'s threads (one per item, released together) threw, if anything. */
    private static <T> List<Throwable> allAtOnce(List<T> items, ThrowingConsumer<T> work) throws InterruptedException {
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (T item : items) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    work.accept(item);
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        return new ArrayList<>(failures);
    }

    private interface ThrowingConsumer<T> {
        void accept(T item) throws Exception;
    }

    @Test
    void twoRecordersShareOneFileWithoutLockingEachOtherOut() throws Exception {
        Path file = tmp.resolve("anvil.db");
        // Both open (and so may both try to create and migrate) the new file at once.
        List<Throwable> failures = allAtOnce(List.of("copilot-cli", "aura-agents"), mode -> {
            try (HistoryDatabase db = HistoryDatabase.open(file)) {
                HistoryRepository repo = db.repository();
                for (int r = 0; r < 3; r++) {
                    Run run = repo.startRun(RunStart.now(mode, null, null));
                    for (int i = 0; i < RESULTS / 3; i++) {
                        repo.appendResult(StoryResult.of(run.id(), "story-" + i, "java",
                                ResultStatus.FAILED, i, "boom", Timestamps.now()));
                    }
                    repo.finishRun(run.id(), RunStatus.COMPLETED, Timestamps.now());
                }
            }
        });

        assertThat(failures).isEmpty();
        try (HistoryDatabase db = HistoryDatabase.open(file)) {
            assertThat(db.repository().countRuns()).isEqualTo(6);
            assertThat(db.repository().countResults()).isEqualTo(2L * 3 * (RESULTS / 3));
            assertThat(db.repository().listRuns(0, null)).allSatisfy(r -> {
                assertThat(r.totalStories()).isEqualTo(RESULTS / 3);
                assertThat(r.failed()).isEqualTo(RESULTS / 3);
            });
        }
    }

    @Test
    void pruneWhileARecorderWritesLeavesTheNewRunWhole() throws Exception {
        Path file = tmp.resolve("anvil.db");
        try (HistoryDatabase db = HistoryDatabase.open(file)) {
            for (int d = 1; d <= 5; d++) {
                Histories.recordRun(db.repository(), "copilot-cli", Instant.parse("2026-01-0" + d + "T06:00:00Z"), 20);
            }
        }
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        Thread recorder = new Thread(() -> {
            try (HistoryDatabase db = HistoryDatabase.open(file)) {
                Histories.recordRun(db.repository(), "copilot-cli", Timestamps.now(), 50);
            } catch (Throwable t) {
                failures.add(t);
            }
        });
        recorder.start();
        PruneReport report;
        try (HistoryDatabase db = HistoryDatabase.open(file)) {
            report = db.repository().pruneOlderThan(Instant.parse("2026-06-01T00:00:00Z"), false);
        }
        recorder.join();

        assertThat(failures).isEmpty();
        assertThat(report.runs()).isEqualTo(5);
        try (HistoryDatabase db = HistoryDatabase.open(file)) {
            assertThat(db.repository().countRuns()).isEqualTo(1);
            assertThat(db.repository().countResults()).isEqualTo(50);
        }
    }
}
