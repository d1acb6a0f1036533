package dev.anvil.bench;

import dev.anvil.testing.TestPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The 10-million-result scale of issue 10: a generated history of {@code STORIES} stories x 3 modes
 * x {@code RUNS_PER_DAY} runs a day x {@code DAYS} days (default 1,000 x 3 x 4 x 840 = 10,080,000
 * results) in SQLite, pushed into a real PostgreSQL 14 on loopback; then every {@code anvil analyze}
 * verb against it through the launcher with {@code ANVIL_JAVA_OPTS=-Xmx1g}, each with its wall time,
 * the client's CPU and peak resident set, and the server's CPU in the same interval (where the time
 * goes: the JVM or the database). Targets: every verb within 1 GB of heap, regressions and flaky
 * within 10 s. Usage: src/bench/postgres-scale.sh [STORIES] [RUNS_PER_DAY] [DAYS];
 * {@code SCALE_DB=file} reuses a generated SQLite history (kept between runs: generating takes minutes).
 */
public final class PostgresScale {
    private PostgresScale() {
    }

    public static void main(String[] args) throws Exception {
        int stories = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int runsPerDay = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 840;
        String jar = Path.of("target/anvil.jar").toAbsolutePath().toString();
        String launcher = Path.of("anvil").toAbsolutePath().toString();
        String javaCmd = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        System.out.printf(Locale.ROOT, "load average at start: %s%n", PostgresBench.loadAverage());

        Path db = Path.of(System.getenv().getOrDefault("SCALE_DB",
                String.format(Locale.ROOT, "target/bench/scale-%d-%d-%d.db", stories, runsPerDay, days)));
        if (!Files.exists(db)) {
            Files.createDirectories(db.toAbsolutePath().getParent());
            PostgresBench.Timed g = PostgresBench.time(List.of(javaCmd, "-Xmx2g", "-jar", jar, "--db", db.toString(), "generate",
                    "--stories", String.valueOf(stories), "--runs-per-day", String.valueOf(runsPerDay),
                    "--days", String.valueOf(days)));
            System.out.printf(Locale.ROOT, "generated into SQLite: %.0f s wall, CPU %.0f s, peak RSS %.0f MB, %.1f GB on disk%n%s",
                    g.wall(), g.cpu(), g.peakMb(), Files.size(db) / 1e9, g.output().lines().filter(l -> l.startsWith("generated"))
                            .findFirst().orElse("") + "\n");
        }

        TestPostgres pg = TestPostgres.shared();
        String database = pg.createDatabase();
        String url = pg.url(database);
        long s0 = PostgresBench.serverCpuTicks(pg, database);
        PostgresBench.Timed push = PostgresBench.time(List.of(javaCmd, "-jar", jar, "--db", db.toString(), "push", "--to", url));
        double pushServer = (PostgresBench.serverCpuTicks(pg, database) - s0) / 100.0;
        System.out.printf(Locale.ROOT, "pushed into PostgreSQL: %.0f s wall, client CPU %.0f s, server CPU %.0f s, client peak RSS %.0f MB%n%s",
                push.wall(), push.cpu(), pushServer, push.peakMb(),
                push.output().lines().filter(l -> l.startsWith("pushed")).findFirst().orElse("") + "\n");
        long v0 = System.nanoTime();
        pg.execute(database, "VACUUM ANALYZE");
        System.out.printf(Locale.ROOT, "VACUUM ANALYZE (what autovacuum does after a push): %.0f s%n", (System.nanoTime() - v0) / 1e9);

        String story;
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT StoryId FROM StoryResults LIMIT 1")) {
            rs.next();
            story = rs.getString(1);
        }
        List<String> verbs = List.of("regressions", "regressions --all", "fixed", "flaky", "flaky --since 7d", "trend",
                "durations", "durations --slower", "compare", "failures", "story " + story);
        Map<String, String> env = Map.of("ANVIL_JAVA_OPTS", "-Xmx1g");
        // The launcher writes the analyze commands' class-data archive on their first run in a
        // checkout (target/anvil-analyze.jsa): done once here, so the first verb timed does not pay it.
        PostgresBench.Timed warm = PostgresBench.time(List.of(launcher, "--db", url, "analyze", "trend"), env, true);
        System.out.printf(Locale.ROOT, "warm-up (analyze trend, writes the class-data archive if missing): %.1f s%n", warm.wall());
        System.out.printf(Locale.ROOT, "%-22s %8s %9s %9s %8s %6s  %s%n", "analyze (-Xmx1g)", "wall s", "client s",
                "server s", "RSS MB", "exit", "first line of an error");
        List<String> failing = new ArrayList<>();
        for (String verb : verbs) {
            List<String> command = new ArrayList<>(List.of(launcher, "--db", url, "analyze"));
            command.addAll(List.of(verb.split(" ")));
            long c0 = PostgresBench.serverCpuTicks(pg, database);
            PostgresBench.Timed t = PostgresBench.time(command, env, true);
            double server = (PostgresBench.serverCpuTicks(pg, database) - c0) / 100.0;
            String error = t.exitCode() == 0 ? "" : t.output().lines().filter(l -> l.startsWith("anvil:")
                    || l.contains("OutOfMemoryError")).findFirst().orElse("exit " + t.exitCode());
            System.out.printf(Locale.ROOT, "%-22s %8.1f %9.1f %9.1f %8.0f %6d  %s%n", verb, t.wall(), t.cpu(), server,
                    t.peakMb(), t.exitCode(), error);
            boolean timed = verb.startsWith("regressions") || verb.startsWith("flaky");
            if (t.exitCode() != 0 || (timed && t.wall() > 10)) {
                failing.add(verb);
            }
        }
        System.out.printf(Locale.ROOT, "missing a target (error/out of memory at 1 GB, or regressions/flaky over 10 s): %s%n",
                failing.isEmpty() ? "none" : String.join(", ", failing));
        System.out.printf(Locale.ROOT, "load average at the end: %s%n", PostgresBench.loadAverage());
    }
}
