package dev.anvil.it;

import dev.anvil.history.Spool;
import dev.anvil.testing.PackagedAnvil;
import dev.anvil.testing.PackagedAnvil.Outcome;
import dev.anvil.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged {@code anvil record} writing into PostgreSQL while the server goes away: stopped
 * mid-run (fast shutdown, connections cut) after some results landed, kept down for a few
 * stories. Whether the server is back before the run ends or only for the next command, every
 * result ends up in the history exactly once, with the run's totals right and the spool empty.
 * Each test has a server of its own (it is stopped) and its own HOME and XDG folders.
 */
class PostgresOutageIT {
    private static final int STORIES = 12;
    private static final String AGENT = "sleep 1; echo done > DONE.txt";

    @TempDir
    Path tmp;
    TestPostgres pg;
    String database;

    private Outcome anvil(String... args) throws Exception {
        return PackagedAnvil.in(tmp).run(args);
    }

    @BeforeEach
    void ownServer() {
        pg = TestPostgres.startOwn();
        database = pg.createDatabase();
    }

    @AfterEach
    void removeServer() {
        pg.close();
    }

    private Process recordInBackground(String url, String... options) throws IOException {
        Path suite = Files.createDirectories(tmp.resolve("suite"));
        for (int i = 0; i < STORIES; i++) {
            Files.writeString(suite.resolve(String.format("s%02d.yaml", i)), """
                    name: story-%02d
                    language: java
                    story:
                      title: Write DONE.txt
                      description: Create DONE.txt.
                    expectations:
                      - type: file_exists
                        path: DONE.txt
                    """.formatted(i));
        }
        List<String> args = new ArrayList<>(List.of("--db", url, "record", suite.toString(), "--mode", "nightly",
                "--agent-command", AGENT, "--worktrees", tmp.resolve("wt").toString()));
        args.addAll(List.of(options));
        return PackagedAnvil.in(tmp).process(args)
                .redirectOutput(tmp.resolve("record.out").toFile())
                .redirectError(tmp.resolve("record.err").toFile())
                .start();
    }

    private Outcome finished(Process recorder) throws Exception {
        assertThat(recorder.waitFor(3, TimeUnit.MINUTES)).as("the recorder ends").isTrue();
        return new Outcome(recorder.exitValue(), Files.readString(tmp.resolve("record.out")),
                Files.readString(tmp.resolve("record.err")));
    }

    private String recorderErr() throws IOException {
        Path err = tmp.resolve("record.err");
        return Files.exists(err) ? Files.readString(err) : "";
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited for " + what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** A count from the server; -1 while it does not answer or the tables are not there yet. */
    private long count(String sql) {
        try (Connection c = pg.connect(database); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    private List<Path> spoolFiles() throws IOException {
        Path spool = tmp.resolve("cache/anvil/spool");
        if (!Files.isDirectory(spool)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(spool)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** Every result of the run once, its expectations once, the run completed with the right totals. */
    private void assertEveryResultExactlyOnce() {
        assertThat(count("SELECT COUNT(*) FROM TestRuns")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM StoryResults")).isEqualTo(STORIES);
        assertThat(count("SELECT COUNT(DISTINCT StoryId) FROM StoryResults")).isEqualTo(STORIES);
        assertThat(count("SELECT COUNT(*) FROM ExpectationResults")).isEqualTo(STORIES);
        assertThat(count("SELECT COUNT(*) FROM TestRuns WHERE Status = 'completed' AND CompletedAt IS NOT NULL"
                + " AND TotalStories = " + STORIES + " AND Passed = " + STORIES + " AND Failed = 0 AND Errors = 0"
                + " AND Skipped = 0")).as("the run completed with its totals").isEqualTo(1);
    }

    @Test
    void aServerStoppedMidRunAndBackBeforeItsEndGetsEveryResultOnceAtTheEndOfTheRun() throws Exception {
        String url = pg.url(database); // the password comes from PGPASSWORD
        Process recorder = recordInBackground(url);
        await("two results on the server", () -> count("SELECT COUNT(*) FROM StoryResults") >= 2);

        pg.stop();
        try {
            await("the recorder spooling", () -> {
                try {
                    return recorderErr().contains("spool");
                } catch (IOException e) {
                    return false;
                }
            });
            Thread.sleep(2_000); // down for a few more stories
            assertThat(recorder.isAlive()).as("the run is still going when the server comes back").isTrue();
        } finally {
            pg.startServer();
        }
        Outcome record = finished(recorder);

        assertThat(record.exitCode()).as(record.err()).isZero();
        assertThat(record.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(record.err().lines().filter(l -> l.startsWith("anvil: cannot write to the history")))
                .as("the outage is said once, with the spool's file")
                .singleElement().asString().contains("the run goes on and its results are kept in the spool "
                        + tmp.resolve("cache/anvil/spool"));
        Matcher imported = Pattern
                .compile("anvil: the history answers again: the spooled results are imported \\((\\d+) result\\(s\\)\\)")
                .matcher(record.err());
        assertThat(imported.find()).as(record.err()).isTrue();
        assertThat(Integer.parseInt(imported.group(1))).as("results kept while the server was down, then imported")
                .isBetween(1, STORIES - 2);
        assertThat(record.out()).startsWith("anvil record  mode nightly")
                .contains("database " + url + " ")
                .doesNotContain(tmp.resolve("data").toString())
                .contains(STORIES + " passed, 0 failed, 0 errors, 0 skipped")
                .containsPattern("run [0-9a-f]{8} recorded");
        assertEveryResultExactlyOnce();
        assertThat(spoolFiles()).as("spool emptied").isEmpty();

        Outcome next = anvil("--db", url, "runs");
        assertThat(next.exitCode()).as(next.err()).isZero();
        assertThat(next.err()).as("nothing left to import").isEmpty();
        assertEveryResultExactlyOnce();
    }

    @Test
    void aServerStillDownWhenTheRunEndsLeavesTheResultsInTheSpoolForTheNextCommand() throws Exception {
        String url = pg.urlWithPassword(database); // the password in the URL: never shown, never in the spool
        Process recorder = recordInBackground(url, "--junit", tmp.resolve("junit.xml").toString(),
                "--report", tmp.resolve("report.html").toString());
        await("two results on the server", () -> count("SELECT COUNT(*) FROM StoryResults") >= 2);

        pg.stop();
        Outcome record = finished(recorder);
        List<Path> spooled = spoolFiles();
        pg.startServer();

        assertThat(record.exitCode()).as(record.err()).isZero();
        assertThat(record.err()).doesNotContain("Exception").doesNotContain(TestPostgres.PASSWORD);
        assertThat(record.out()).contains("database postgresql://postgres:***@127.0.0.1:" + pg.port() + "/" + database + " ")
                .doesNotContain(TestPostgres.PASSWORD)
                .contains(STORIES + " passed, 0 failed, 0 errors, 0 skipped")
                .contains(" kept in the spool " + spooled.get(0) + " until the history answers")
                .doesNotContain("first run of mode");
        assertThat(record.err().lines().filter(l -> l.contains("they wait in the spool")))
                .as("one line says where the results wait")
                .singleElement().asString()
                .contains(spooled.get(0).toString(), "the next anvil command that opens the history imports");
        assertThat(spooled).as("one spool file for the run, in the cache folder").hasSize(1);
        assertThat(Files.readString(tmp.resolve("junit.xml"))).as("the JUnit file needs no history")
                .contains("tests=\"" + STORIES + "\"");
        assertThat(record.err()).contains("anvil: " + tmp.resolve("report.html") + " is not written: the run's results "
                + "wait in the spool; once the next command imported them: anvil report");
        assertThat(tmp.resolve("report.html")).doesNotExist();
        Path spoolFile = spooled.get(0);
        assertThat(Files.readString(spoolFile)).doesNotContain(TestPostgres.PASSWORD);
        String withoutPassword = "postgresql://postgres@127.0.0.1:" + pg.port() + "/" + database;
        assertThat(Spool.forHistory(withoutPassword, PackagedAnvil.in(tmp).environment()).pending())
                .as("keyed by the URL without its password").containsExactly(spoolFile);
        long onServer = count("SELECT COUNT(*) FROM StoryResults");
        assertThat(onServer).isBetween(2L, (long) STORIES - 1);

        Outcome info = anvil("--db", withoutPassword, "db", "info");
        assertThat(info.out()).as("db info shows the spool and leaves it").contains("spool:          1 file(s) of results waiting in "
                + spoolFile.getParent() + " (anvil db migrate imports them)");
        assertThat(spoolFile).exists();

        Outcome next = anvil("--db", withoutPassword, "runs");

        assertThat(next.exitCode()).as(next.err()).isZero();
        assertThat(next.err().strip()).isEqualTo("anvil: imported " + (STORIES - onServer)
                + " result(s) from 1 spool file(s) left by an earlier recording");
        assertEveryResultExactlyOnce();
        assertThat(spoolFiles()).as("spool emptied").isEmpty();

        Matcher later = Pattern.compile("once the next command imported them: anvil report ([0-9a-f]{8}) --output (\\S+)")
                .matcher(record.err());
        assertThat(later.find()).isTrue();
        Outcome report = anvil("--db", withoutPassword, "report", later.group(1), "--output", later.group(2));
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(Files.readString(tmp.resolve("report.html"))).contains("story-" + String.format("%02d", STORIES - 1))
                .contains("Generated by Anvil from " + withoutPassword + " at ");

        Outcome again = anvil("--db", withoutPassword, "db", "migrate");
        assertThat(again.err()).as("imported once").isEmpty();
        assertThat(anvil("--db", withoutPassword, "db", "info").out()).contains("spool:          empty");
        assertEveryResultExactlyOnce();
    }
}
