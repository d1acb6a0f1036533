package dev.anvil.bench;

import dev.anvil.cli.Cli;
import dev.anvil.record.RecordOverheadBench;
import dev.anvil.testing.TestPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The PostgreSQL numbers of the README ("A shared team history"), each against its SQLite anchor
 * in the same run, on a real PostgreSQL 14 over loopback ({@link TestPostgres}):
 * <ul>
 *   <li>push: a year of history (2,190 runs, 876,000 results) pushed from SQLite into an empty
 *   PostgreSQL history by its owner (a bulk load), against the same push into a new SQLite file
 *   (the same code, INSERTs, no server); wall time, the client's CPU and the server's CPU; then the
 *   same push by a writer role that does not own the tables (the ordinary way);</li>
 *   <li>analyze: {@code anvil analyze regressions} end to end (a fresh JVM, the packaged jar) on
 *   the year in PostgreSQL and in SQLite, in turns: once right after the push, then after
 *   {@code VACUUM ANALYZE} (what autovacuum does within minutes of a push);</li>
 *   <li>record: {@code anvil record} of N stories (agent {@code true}, one file_exists) into
 *   SQLite and into PostgreSQL, each against the anchor of N agent spawns and checks alone
 *   ({@link RecordOverheadBench#anchor}).</li>
 * </ul>
 * Usage: src/bench/postgres.sh [STORIES] [ROUNDS]; {@code BENCH_DB=year.db} takes that year (copied,
 * never changed) instead of generating one; {@code BENCH_PARTS=push,analyze,record} picks parts.
 */
public final class PostgresBench {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private PostgresBench() {
    }

    /** Wall and CPU seconds of a child process, and its peak resident set in MB ({@code /usr/bin/time}). */
    record Timed(double wall, double user, double sys, double peakMb, int exitCode, String output) {
        double cpu() {
            return user + sys;
        }
    }

    public static void main(String[] args) throws Exception {
        int stories = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Set<String> parts = Set.of(System.getenv().getOrDefault("BENCH_PARTS", "push,analyze,record").split(","));
        Path tmp = Files.createTempDirectory("anvil-pg-bench");
        TestPostgres pg = TestPostgres.shared();
        String database = pg.createDatabase();
        String url = pg.url(database);
        String jar = Path.of("target/anvil.jar").toAbsolutePath().toString();
        System.out.printf(Locale.ROOT, "load average at start: %s%n", loadAverage());

        Path year = tmp.resolve("year.db");
        String given = System.getenv("BENCH_DB");
        boolean needsYear = parts.contains("push") || parts.contains("analyze");
        if (given != null && needsYear) {
            Files.copy(Path.of(given), year, StandardCopyOption.COPY_ATTRIBUTES);
        } else if (needsYear) {
            run(List.of(JAVA, "-jar", jar, "--db", year.toString(), "generate", "--year"));
        }

        if (parts.contains("push") || parts.contains("analyze")) {
            Timed anchor = time(List.of(JAVA, "-jar", jar, "--db", year.toString(), "push", "--to",
                    tmp.resolve("anchor.db").toString()));
            long server0 = serverCpuTicks(pg, database);
            Timed push = time(List.of(JAVA, "-jar", jar, "--db", year.toString(), "push", "--to", url));
            double serverCpu = (serverCpuTicks(pg, database) - server0) / 100.0;
            System.out.print("push: " + push.output().lines().filter(l -> l.startsWith("pushed")).findFirst().orElse("") + "\n");
            System.out.printf(Locale.ROOT, "push of the year into PostgreSQL: %.1f s wall, client CPU %.1f s, server CPU %.1f s, "
                            + "client peak RSS %.0f MB%n", push.wall(), push.cpu(), serverCpu, push.peakMb());
            System.out.printf(Locale.ROOT, "anchor, the same push into a new SQLite file: %.1f s wall, CPU %.1f s; "
                    + "ratio (wall) %.2f%n", anchor.wall(), anchor.cpu(), push.wall() / anchor.wall());
            if (parts.contains("push")) {
                long before = serverCpuTicks(pg, database);
                Timed ordinary = pushAsWriter(pg, year);
                System.out.printf(Locale.ROOT, "the same push the ordinary way (a writer role that does not own the tables, "
                        + "so no bulk load): %.1f s wall, client CPU %.1f s, server CPU %.1f s; ratio to the anchor %.2f%n",
                        ordinary.wall(), ordinary.cpu(), (serverCpuTicks(pg, database) - before) / 100.0,
                        ordinary.wall() / anchor.wall());
            }
        }

        if (parts.contains("analyze")) {
            List<String> onSqlite = List.of(JAVA, "-jar", jar, "--db", year.toString(), "analyze", "regressions");
            List<String> onPostgres = List.of(JAVA, "-jar", jar, "--db", url, "analyze", "regressions");
            Timed pFresh = time(onPostgres);
            Timed sFresh = time(onSqlite);
            System.out.printf(Locale.ROOT, "analyze regressions right after the push: PostgreSQL %.2f s (CPU %.2f s), "
                    + "SQLite %.2f s (CPU %.2f s), ratio %.2f%n", pFresh.wall(), pFresh.cpu(), sFresh.wall(), sFresh.cpu(),
                    pFresh.wall() / sFresh.wall());
            pg.execute(database, "VACUUM ANALYZE");
            double[] s = new double[rounds];
            double[] p = new double[rounds];
            double[] sc = new double[rounds];
            double[] pc = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                Timed ts = time(onSqlite);
                Timed tp = time(onPostgres);
                s[r] = ts.wall();
                sc[r] = ts.cpu();
                p[r] = tp.wall();
                pc[r] = tp.cpu();
                System.out.printf(Locale.ROOT, "  round %d: SQLite %.2f s, PostgreSQL %.2f s, ratio %.2f%n", r + 1, s[r], p[r],
                        p[r] / s[r]);
            }
            System.out.printf(Locale.ROOT, "analyze regressions on the year after VACUUM ANALYZE, median of %d: SQLite %.2f s "
                            + "(CPU %.2f s), PostgreSQL %.2f s (CPU %.2f s), ratio %.2f (target <= 1.5)%n",
                    rounds, median(s), median(sc), median(p), median(pc), median(p) / median(s));
        }

        if (parts.contains("record")) {
            Path suite = tmp.resolve("suite");
            Path storyDir = Files.createDirectories(suite.resolve("stories"));
            Path fixture = Files.createDirectories(suite.resolve("fixtures/app"));
            Files.writeString(fixture.resolve("README.md"), "fixture\n");
            for (int i = 0; i < stories; i++) {
                Files.writeString(storyDir.resolve(String.format("s%05d.yaml", i)), "name: s" + i + "\nlanguage: java\n"
                        + "repository: fixtures/app\nstory: {title: t, description: d}\n"
                        + "expectations:\n  - type: file_exists\n    path: README.md\n");
            }
            record(tmp.resolve("warm.db").toString(), storyDir, tmp, "warm");
            record(pg.urlWithPassword(pg.createDatabase()), storyDir, tmp, "warm-pg");
            RecordOverheadBench.anchor(tmp, fixture, stories);
            double[] onSqlite = new double[rounds];
            double[] onPostgres = new double[rounds];
            double[] inSqlite = new double[rounds];
            double[] inPostgres = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                double anchor = RecordOverheadBench.anchor(tmp, fixture, stories);
                double s = record(tmp.resolve("rec-" + r + ".db").toString(), storyDir, tmp, "s" + r);
                double p = record(pg.urlWithPassword(pg.createDatabase()), storyDir, tmp, "p" + r);
                double anchorAfter = RecordOverheadBench.anchor(tmp, fixture, stories);
                double a = (anchor + anchorAfter) / 2;
                onSqlite[r] = (s - a) / stories;
                onPostgres[r] = (p - a) / stories;
                System.out.printf(Locale.ROOT, "  round %d: anchor %.0f ms, record into SQLite %.0f ms, into PostgreSQL %.0f ms; "
                        + "overhead per story SQLite %.2f ms, PostgreSQL %.2f ms%n", r + 1, a, s, p, onSqlite[r], onPostgres[r]);
                // in-run: the agent processes and validators timed inside the run and taken out
                inSqlite[r] = inRun(tmp.resolve("inrun-s" + r), storyDir, tmp.resolve("inrun-s" + r + ".db").toString(), stories);
                inPostgres[r] = inRun(tmp.resolve("inrun-p" + r), storyDir, pg.urlWithPassword(pg.createDatabase()), stories);
                System.out.printf(Locale.ROOT, "  round %d in-run: overhead per story SQLite %.2f ms, PostgreSQL %.2f ms%n", r + 1,
                        inSqlite[r], inPostgres[r]);
            }
            System.out.printf(Locale.ROOT, "record %d stories (agent true, one file_exists), Anvil's overhead per story against "
                            + "the anchor, median of %d: SQLite %.2f ms, PostgreSQL %.2f ms (target <= 5 ms)%n", stories, rounds,
                    median(onSqlite), median(onPostgres));
            System.out.printf(Locale.ROOT, "the same measured in-run (agent processes and checks timed inside the run), median of %d: "
                    + "SQLite %.2f ms, PostgreSQL %.2f ms, difference %.2f ms%n", rounds, median(inSqlite), median(inPostgres),
                    median(inPostgres) - median(inSqlite));
        }
        System.out.printf(Locale.ROOT, "load average at the end: %s%n", loadAverage());
        dev.anvil.record.worktree.WorktreeFactory.deleteTree(tmp);
    }

    /**
     * The year pushed into a new, migrated database by a role with table privileges alone: push
     * keeps the indexes and foreign keys up row by row (the path of every push into a history
     * that has runs), beside the bulk load an owner's first push takes.
     */
    private static Timed pushAsWriter(TestPostgres pg, Path year) throws Exception {
        String database = pg.createDatabase();
        dev.anvil.history.HistoryDatabase.open(dev.anvil.history.DatabaseLocation.of(pg.urlWithPassword(database), null,
                "bench", Map.of())).close(); // migrated by the owner
        String writer = "writer_" + database;
        pg.execute(database, "CREATE ROLE " + writer + " LOGIN PASSWORD 'writer-pw'",
                "GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO " + writer);
        String jar = Path.of("target/anvil.jar").toAbsolutePath().toString();
        Timed push = time(List.of(JAVA, "-jar", jar, "--db", year.toString(), "push", "--to",
                "postgresql://" + writer + ":writer-pw@127.0.0.1:" + pg.port() + "/" + database));
        pg.execute("postgres", "DROP DATABASE " + database); // out of the way of the analyze part
        return push;
    }

    /** Anvil's overhead per story measured inside the run ({@link RecordOverheadBench#inRun}), opening included. */
    private static double inRun(Path home, Path stories, String db, int n) throws Exception {
        long t0 = System.nanoTime();
        try (dev.anvil.history.HistoryDatabase history = dev.anvil.history.HistoryDatabase.open(
                dev.anvil.history.DatabaseLocation.of(db, null, "bench", Map.of()))) {
            double[] in = RecordOverheadBench.inRun(home, stories, history, t0);
            return (in[0] - in[1] - in[2]) / n;
        }
    }

    private static double record(String db, Path stories, Path tmp, String tag) {
        long t0 = System.nanoTime();
        Cli.Outcome o = Cli.run("--db", db, "record", stories.toString(), "--mode", "bench", "--agent-command", "true",
                "--quiet", "--worktrees", tmp.resolve("wt-" + tag).toString());
        if (o.exitCode() != 0) {
            throw new IllegalStateException(o.err());
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    /** CPU of the whole server so far, in clock ticks: the postmaster, its reaped children and the live ones. */
    static long serverCpuTicks(TestPostgres pg, String database) throws Exception {
        long postmaster;
        try (Connection c = pg.connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            postmaster = Long.parseLong(stat(rs.getLong(1))[3]); // while the backend lives
        }
        String[] own = stat(postmaster);
        long ticks = Long.parseLong(own[13]) + Long.parseLong(own[14]) + Long.parseLong(own[15]) + Long.parseLong(own[16]);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String[] f = stat(Long.parseLong(name));
                    if (Long.parseLong(f[3]) == postmaster) {
                        ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
                    }
                } catch (java.io.IOException | RuntimeException gone) {
                    // exited while listing
                }
            }
        }
        return ticks;
    }

    /** Fields of /proc/PID/stat, the command name (which may hold spaces) taken out. */
    private static String[] stat(long pid) throws java.io.IOException {
        String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String rest = s.substring(s.lastIndexOf(')') + 2);
        String[] f = rest.split(" ");
        String[] out = new String[f.length + 2];
        out[0] = String.valueOf(pid);
        out[1] = "(comm)";
        System.arraycopy(f, 0, out, 2, f.length);
        return out;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    static Timed time(List<String> command) throws Exception {
        return time(command, java.util.Map.of(), false);
    }

    /** Times a child process with more environment; when {@code mayFail}, its output and exit code still come back. */
    static Timed time(List<String> command, java.util.Map<String, String> env, boolean mayFail) throws Exception {
        List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-f", "TIME %e %U %S %M %x"));
        full.addAll(command);
        String out = run(full, env, mayFail);
        String line = out.lines().filter(l -> l.startsWith("TIME ")).reduce((a, b) -> b).orElseThrow();
        String[] f = line.split(" ");
        return new Timed(Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                Double.parseDouble(f[4]) / 1024, Integer.parseInt(f[5]), out);
    }

    static String run(List<String> command) throws Exception {
        return run(command, java.util.Map.of(), false);
    }

    private static String run(List<String> command, java.util.Map<String, String> env, boolean mayFail) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", TestPostgres.PASSWORD);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(3600, TimeUnit.SECONDS) || (p.exitValue() != 0 && !mayFail)) {
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
