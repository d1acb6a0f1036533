package dev.anvil.it;

import dev.anvil.testing.PackagedAnvil;
import dev.anvil.testing.PackagedAnvil.Outcome;
import dev.anvil.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar against one real PostgreSQL history: four {@code anvil record} processes write
 * while {@code analyze}, {@code runs} and saved queries read; the password only in PGPASSWORD.
 */
class PostgresProcessesIT {
    private static final int RECORDERS = 4;
    private static final int STORIES = 12;

    @TempDir
    Path tmp;

    private Outcome anvil(String... args) throws Exception {
        return PackagedAnvil.in(tmp).run(args);
    }

    private Path suite() throws IOException {
        Path suite = Files.createDirectories(tmp.resolve("suite"));
        for (int i = 0; i < STORIES; i++) {
            Files.writeString(suite.resolve("s" + i + ".yaml"), """
                    name: story-%d
                    language: java
                    story:
                      title: Write DONE.txt
                      description: Create DONE.txt.
                    expectations:
                      - type: file_exists
                        path: DONE.txt
                    """.formatted(i));
        }
        return suite;
    }

    @Test
    void fourRecordersWriteOneHistoryWhileAnalysesAndQueriesReadIt() throws Exception {
        TestPostgres pg = TestPostgres.shared();
        String database = pg.createDatabase();
        String url = pg.url(database); // no password: it comes from PGPASSWORD
        Path suite = suite();
        Path query = Files.writeString(tmp.resolve("per-mode.sql"),
                "-- results per mode\nSELECT t.Mode, COUNT(*) AS n FROM StoryResults s JOIN TestRuns t ON t.Id = s.TestRunId "
                        + "WHERE s.Status = :status GROUP BY t.Mode ORDER BY t.Mode\n");
        Path script = Files.writeString(tmp.resolve("count.jsh"), "show(\"runs\", runs().rowCount());\n");

        List<Process> recorders = new ArrayList<>();
        for (int r = 0; r < RECORDERS; r++) {
            recorders.add(PackagedAnvil.in(tmp).process(List.of("--db", url, "record", suite.toString(), "--mode", "mode-" + r,
                    "--agent-command", "echo done > DONE.txt", "--parallel", "2", "--quiet",
                    "--worktrees", tmp.resolve("wt-" + r).toString()))
                    .redirectOutput(tmp.resolve("rec-" + r + ".out").toFile())
                    .redirectError(tmp.resolve("rec-" + r + ".err").toFile())
                    .start());
        }
        int reads = 0;
        while (recorders.stream().anyMatch(Process::isAlive) || reads < 3) {
            for (List<String> read : List.of(List.of("analyze", "regressions"), List.of("runs"),
                    List.of("query", query.toString(), "--param", "status=passed"))) {
                List<String> args = new ArrayList<>(List.of("--db", url));
                args.addAll(read);
                Outcome o = anvil(args.toArray(String[]::new));
                assertThat(o.exitCode()).as(read + ": " + o.err()).isZero();
                assertThat(o.err()).as(read.toString()).doesNotContain("Exception");
            }
            reads++;
        }
        for (int r = 0; r < RECORDERS; r++) {
            assertThat(recorders.get(r).waitFor()).as(Files.readString(tmp.resolve("rec-" + r + ".err"))).isZero();
        }

        try (Connection c = pg.connect(database)) {
            assertThat(one(c, "SELECT COUNT(*) FROM TestRuns WHERE Status = 'completed'")).isEqualTo(RECORDERS);
            assertThat(one(c, "SELECT COUNT(*) FROM StoryResults")).isEqualTo(RECORDERS * STORIES);
            assertThat(one(c, "SELECT COUNT(*) FROM (SELECT TestRunId, StoryId FROM StoryResults "
                    + "GROUP BY TestRunId, StoryId HAVING COUNT(*) > 1) d")).isZero();
            assertThat(one(c, "SELECT COUNT(*) FROM TestRuns WHERE TotalStories = " + STORIES + " AND Passed = " + STORIES))
                    .isEqualTo(RECORDERS);
        }
        Outcome perMode = anvil("--db", url, "query", query.toString(), "--param", "status=passed", "--format", "csv");
        assertThat(perMode.out().lines().skip(1)).containsExactly("mode-0," + STORIES, "mode-1," + STORIES,
                "mode-2," + STORIES, "mode-3," + STORIES);
        Outcome jsh = anvil("--db", url, "query", script.toString());
        assertThat(jsh.exitCode()).as(jsh.err()).isZero();
        assertThat(jsh.out()).contains(String.valueOf(RECORDERS));
        Outcome rerun = anvil("--db", url, "rerun", "latest", "--agent-command", "echo done > DONE.txt", "--quiet",
                "--worktrees", tmp.resolve("wt-rerun").toString());
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(anvil("--db", url, "show", "latest").out()).contains("story-0");
    }

    private static long one(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
