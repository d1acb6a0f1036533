package dev.anvil.bench;

import dev.anvil.cli.Cli;
import dev.anvil.testing.TestPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL numbers of the README ("A shared team history"), each against its SQLite anchor
 * in the same run: a year of history pushed from SQLite into PostgreSQL; {@code anvil analyze
 * regressions} end to end (a fresh JVM, the packaged jar) on both; recording overhead per story on
 * both (no-op agent). The server is a real PostgreSQL 14 on loopback ({@link TestPostgres}).
 * Usage: src/bench/postgres.sh [STORIES] [ROUNDS]
 */
public final class PostgresBench {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private PostgresBench() {
    }

    public static void main(String[] args) throws Exception {
        int stories = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path tmp = Files.createTempDirectory("anvil-pg-bench");
        TestPostgres pg = TestPostgres.shared();
        String url = pg.url(pg.createDatabase());
        String jar = Path.of("target/anvil.jar").toAbsolutePath().toString();

        Path year = tmp.resolve("year.db");
        run(List.of(JAVA, "-jar", jar, "--db", year.toString(), "generate", "--year"));
        long t0 = System.nanoTime();
        String pushed = run(List.of(JAVA, "-jar", jar, "--db", year.toString(), "push", "--to", url));
        double pushS = (System.nanoTime() - t0) / 1e9;
        System.out.printf("push of a year (end to end, fresh JVM): %.1f s%n  %s", pushS, pushed);

        double[] onSqlite = new double[rounds];
        double[] onPostgres = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            onSqlite[r] = timed(List.of(JAVA, "-jar", jar, "--db", year.toString(), "analyze", "regressions"));
            onPostgres[r] = timed(List.of(JAVA, "-jar", jar, "--db", url, "analyze", "regressions"));
        }
        double s = median(onSqlite);
        double p = median(onPostgres);
        System.out.printf("analyze regressions on the year, median of %d: SQLite %.2f s, PostgreSQL %.2f s, ratio %.2f%n",
                rounds, s, p, p / s);

        Path suite = Files.createDirectories(tmp.resolve("suite"));
        for (int i = 0; i < stories; i++) {
            Files.writeString(suite.resolve("s" + i + ".yaml"), "name: s" + i + "\nlanguage: java\nstory:\n  title: t\n"
                    + "  description: d\nexpectations:\n  - type: file_exists\n    path: DONE.txt\n");
        }
        double[] recSqlite = new double[rounds];
        double[] recPostgres = new double[rounds];
        record(tmp.resolve("warm.db").toString(), suite, tmp, "warm");
        for (int r = 0; r < rounds; r++) {
            recSqlite[r] = record(tmp.resolve("rec-" + r + ".db").toString(), suite, tmp, "s" + r) / stories;
            recPostgres[r] = record(pg.urlWithPassword(pg.createDatabase()), suite, tmp, "p" + r) / stories;
        }
        double rs = median(recSqlite);
        double rp = median(recPostgres);
        System.out.printf("record %d stories (no-op agent), median ms/story: SQLite %.2f, PostgreSQL %.2f, difference %.2f%n",
                stories, rs, rp, rp - rs);
    }

    private static double record(String db, Path suite, Path tmp, String tag) {
        long t0 = System.nanoTime();
        Cli.Outcome o = Cli.run("--db", db, "record", suite.toString(), "--mode", "bench", "--agent-command", "touch DONE.txt",
                "--quiet", "--worktrees", tmp.resolve("wt-" + tag).toString());
        if (o.exitCode() != 0) {
            throw new IllegalStateException(o.err());
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double timed(List<String> command) throws Exception {
        long t0 = System.nanoTime();
        run(command);
        return (System.nanoTime() - t0) / 1e9;
    }

    private static String run(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", TestPostgres.PASSWORD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(command + " failed:\n" + out);
        }
        return out;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
