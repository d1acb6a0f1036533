package dev.anvil.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Results spooled while the history could not take them keep their Aura rows when the spool is imported. */
class SpooledAuraResultsTest {
    @TempDir
    Path tmp;

    @Test
    void aSpooledAuraRunIsImportedWithItsAuraRows() throws Exception {
        Run run;
        List<StoryResult> results;
        try (HistoryDatabase recorded = HistoryDatabase.open(tmp.resolve("recorded.db"))) {
            run = Histories.recordAuraRun(recorded.repository(), Instant.parse("2026-11-05T06:00:00Z"), 5);
            results = recorded.repository().results(run.id());
        }
        assertThat(results).filteredOn(r -> r.aura() != null).hasSize(4);

        Path history = tmp.resolve("anvil.db");
        Map<String, String> env = Map.of("XDG_CACHE_HOME", tmp.resolve("cache").toString());
        try (SpoolFile spool = Spool.beside(history, env).openRun(run.id())) {
            spool.append(SpooledRows.run(run, RunStatus.COMPLETED, run.completedAt(), results));
        }
        try (HistoryDatabase db = HistoryDatabase.open(history)) {
            Spool.beside(history, env).drainInto(db);
            assertThat(db.repository().results(run.id())).isEqualTo(results);
        }
        assertThat(Histories.dump(history, "AuraResults", "StoryResultId"))
                .isEqualTo(Histories.dump(tmp.resolve("recorded.db"), "AuraResults", "StoryResultId"));
    }
}
