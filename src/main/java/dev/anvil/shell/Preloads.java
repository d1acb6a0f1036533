package dev.anvil.shell;

import dev.anvil.AnvilException;
import dev.anvil.analysis.Analyses;
import dev.anvil.cli.Main;
import dev.anvil.chart.Charts;
import dev.anvil.frame.Frames;
import dev.anvil.history.HistoryRepository;
import org.jdbi.v3.core.Jdbi;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the console, saved queries and notebooks have at hand, as static functions: JShell imports
 * them all ({@code import static dev.anvil.shell.Preloads.*}), so a snippet says {@code sql("...")}
 * or {@code regressions()}. They run in the host JVM and return host objects (Tablesaw tables,
 * paths). {@code help()} lists them.
 */
public final class Preloads {
    /**
     * The history repository of the history in use ({@code history.countRuns()}). A field rather than a
     * JShell variable: each declared variable is a class JShell compiles at start. Set when the history
     * is open (and again by {@code use(...)}).
     */
    public static volatile HistoryRepository history;

    /** The Jdbi bound to the history in use, for your own SQL with Jdbi's API. */
    public static volatile Jdbi jdbi;

    private Preloads() {
    }

    /** Called by the host when a history is open: the fields follow it. */
    static void bind(dev.anvil.history.HistoryDatabase database) {
        jdbi = database.jdbi();
        history = database.repository();
    }

    private static PreloadHost host() {
        return PreloadHost.current();
    }

    // ---- the history ---------------------------------------------------------------------------

    /** The history repository: runs, results, counts ({@code history.listRuns(10, null)}). */
    public static HistoryRepository history() {
        return host().database().repository();
    }

    /** The Jdbi bound to the history, for your own SQL with Jdbi's API. */
    public static Jdbi jdbi() {
        return host().database().jdbi();
    }

    /** The history file the preloads read. */
    public static Path db() {
        return host().database().path();
    }

    /**
     * Switches to another history ({@code use("/data/team.db")}, or a PostgreSQL URL such as
     * {@code use("postgresql://me@db.example:5432/anvil")}); loaded tables are forgotten.
     */
    public static Path use(String path) {
        host().use(dev.anvil.history.DatabaseLocation.of(path, null, "use", System.getenv()));
        return db();
    }

    /** Forgets the tables loaded so far; the next {@code runs()} or analysis reads the history again. */
    public static void refresh() {
        host().refresh();
    }

    /**
     * Any SQL over the history as a table; {@code ?} parameters are bound in order, never pasted:
     * {@code sql("SELECT StoryId, COUNT(*) n FROM StoryResults WHERE Status = ? GROUP BY StoryId", "failed")}.
     */
    public static Table sql(String query, Object... params) {
        return Frames.sql(jdbi(), query, storedForm(params));
    }

    /** Instants bound as the history stores times (fixed-width ISO text, whose order is time order): {@code sql("... StartedAt >= ?", ago("7d"))}. */
    private static Object[] storedForm(Object[] params) {
        if (params == null) {
            return null;
        }
        Object[] out = params.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof java.time.Instant) {
                out[i] = dev.anvil.history.Timestamps.format((java.time.Instant) out[i]);
            }
        }
        return out;
    }

    /** Every run as a table, oldest first (loaded on first use, then kept until {@code refresh()}). */
    public static Table runs() {
        return host().cached("runs", () -> analyses().runs());
    }

    /** The runs the options select: {@code runs(opts().mode("copilot-cli").since("30d"))}. */
    public static Table runs(Opts opts) {
        return analyses().runs(opts.filter());
    }

    /** Every story result with its run's mode and start (loaded on first use, then kept until {@code refresh()}). */
    public static Table results() {
        return host().cached("results", () -> analyses().results());
    }

    /** The results the options select: {@code results(opts().story("login-form"))}. */
    public static Table results(Opts opts) {
        return analyses().results(opts.filter());
    }

    /** Index usage of every Aura result, oldest first (Aura modes only; cached until {@code refresh()}). */
    public static Table indexUsage() {
        return host().cached("indexUsage", () -> Frames.indexUsage(jdbi()));
    }

    // ---- the analyses ----------------------------------------------------------------------------

    /** Options for an analysis: {@code opts().mode("copilot-cli").language("python").since("30d")}. */
    public static Opts opts() {
        return Opts.all();
    }

    /** Pass rate per week and mode with its 95% Wilson interval. */
    public static Table trend() {
        return trend(opts());
    }

    /** Pass rate per period ({@code opts().every("day")}) for the options' runs. */
    public static Table trend(Opts opts) {
        return analyses().trend(opts.filter(), opts.period());
    }

    /**
     * Open regressions: series (story and mode) that fail now after a sustained history of passing, found
     * by a change-point test, with the run where it changed and the evidence (p-value, rates before and after).
     */
    public static Table regressions() {
        return regressions(opts());
    }

    /** Regressions of the options' series: {@code regressions(opts().mode("copilot-cli").since("30d"))}; {@code opts().includeFixed()} adds those fixed since. */
    public static Table regressions(Opts opts) {
        return analyses().regressions(opts.filter(), opts.includesFixed());
    }

    /** Fixes: series that pass now after a sustained history of failing, with the run where it changed. */
    public static Table fixed() {
        return fixed(opts());
    }

    /** Fixes among the options' series. */
    public static Table fixed(Opts opts) {
        return analyses().fixed(opts.filter());
    }

    /** Flaky stories: series that alternate without a sustained change, ranked by a flip-rate score, with Wilson intervals. */
    public static Table flaky() {
        return flaky(opts());
    }

    /** Flaky stories among the options' series: {@code flaky(opts().since("14d"))}. */
    public static Table flaky(Opts opts) {
        return analyses().flaky(opts.filter());
    }

    /** Median and p90 duration per story and mode, the significantly slower ones first (change point, before/after medians). */
    public static Table durations() {
        return durations(opts());
    }

    /** Durations of the options' series. */
    public static Table durations(Opts opts) {
        return analyses().durations(opts.filter());
    }

    /** Only the series that became significantly slower. */
    public static Table slower() {
        return slower(opts());
    }

    /** The options' series that became significantly slower. */
    public static Table slower(Opts opts) {
        return analyses().slower(opts.filter());
    }

    /** What changed between the run before last and the last run: newly failing, newly passing, ... */
    public static Table compare() {
        return compare("latest~1", "latest");
    }

    /** What changed between two runs, named by id prefix, {@code latest} or {@code latest~N}. */
    public static Table compare(String before, String after) {
        return compare(before, after, opts());
    }

    /** What changed between two runs, among the stories the options select. */
    public static Table compare(String before, String after, Opts opts) {
        return analyses().compare(before, after, opts.filter());
    }

    /** Failure messages grouped by a normalized signature, with counts, stories and an example. */
    public static Table failures() {
        return failures(opts());
    }

    /** Failure signatures of the options' results: {@code failures(opts().since("7d"))}. */
    public static Table failures(Opts opts) {
        return analyses().failures(opts.filter());
    }

    /** One story's history per mode: counts, pass rate with its interval, and a timeline of outcomes. */
    public static Table story(String storyId) {
        return story(storyId, opts());
    }

    /** One story's history for the options' runs: {@code story("login-form", opts().since("30d"))}. */
    public static Table story(String storyId, Opts opts) {
        return analyses().story(storyId, opts.filter());
    }

    // ---- pictures and recording ------------------------------------------------------------------

    /** Every passed duration of one story per mode, split at its latest change point: {@code plot(durations("auth-008"))}. */
    public static Table durations(String storyId) {
        return durations(storyId, opts());
    }

    /** One story's durations among the options' runs: {@code durations("auth-008", opts().since("90d"))}. */
    public static Table durations(String storyId, Opts opts) {
        return analyses().durations(storyId, opts.filter());
    }

    /** Pass rate per mode and language over the whole history, with 95% Wilson intervals. */
    public static Table modes() {
        return modes(opts());
    }

    /** Pass rate per mode and language over the options' runs: {@code modes(opts().since("30d"))}. */
    public static Table modes(Opts opts) {
        return analyses().modes(opts.filter());
    }

    /**
     * Draws a {@code trend()}, {@code story("id")}, {@code durations()}, {@code durations("id")},
     * {@code modes()} or {@code flaky()} table (see {@link dev.anvil.chart.ChartKind}) as a PNG in
     * {@code anvil-plots/} of the working folder and returns its path.
     */
    public static Path plot(Table table) {
        dev.anvil.chart.ChartKind kind = Charts.kindOf(table);
        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT)
                .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now());
        return plot(table, Path.of("anvil-plots", (kind == null ? "plot" : kind.fileName()) + "-" + stamp + ".png").toString());
    }

    /** Draws the table into {@code file}: {@code .png} or {@code .svg} by its extension. */
    public static Path plot(Table table, String file) {
        return Charts.plot(table, Path.of(file)).toAbsolutePath();
    }

    /**
     * Runs {@code anvil record} with these arguments on this history, as the command line would
     * ({@code record("stories/", "--mode", "copilot-cli")}), then forgets the loaded tables.
     * Returns its exit code: 0 all passed, 1 some failed, 2 usage error.
     */
    public static int record(String... args) {
        List<String> all = new ArrayList<>(List.of("--db", db().toString(), "record"));
        all.addAll(Arrays.asList(args));
        try {
            return Main.run(all.toArray(new String[0]));
        } finally {
            refresh();
        }
    }

    private static Analyses analyses() {
        return new Analyses(jdbi());
    }

    // ---- saved queries ---------------------------------------------------------------------------

    /**
     * A saved query's parameter ({@code --param name=value}), typed by its default: {@code int days =
     * param("days", 7);}. Defaults may be String, Integer, Long, Double, Boolean or Duration.
     */
    @SuppressWarnings("unchecked")
    public static <T> T param(String name, T defaultValue) {
        String text = host().parameters().get(name);
        if (text == null) {
            return defaultValue;
        }
        if (defaultValue == null || defaultValue instanceof String) {
            return (T) text;
        }
        try {
            if (defaultValue instanceof Integer) {
                return (T) Integer.valueOf(text.trim());
            }
            if (defaultValue instanceof Long) {
                return (T) Long.valueOf(text.trim());
            }
            if (defaultValue instanceof Double) {
                return (T) Double.valueOf(text.trim());
            }
            if (defaultValue instanceof Duration) {
                return (T) parseDuration(text.trim());
            }
        } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
            throw new AnvilException("parameter " + name + ": '" + text + "' is not "
                    + describe(defaultValue) + " (default " + defaultValue + ")");
        }
        if (defaultValue instanceof Boolean) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("yes") || t.equals("1")) {
                return (T) Boolean.TRUE;
            }
            if (t.equals("false") || t.equals("no") || t.equals("0")) {
                return (T) Boolean.FALSE;
            }
            throw new AnvilException("parameter " + name + ": '" + text + "' is not true or false");
        }
        throw new AnvilException("parameter " + name + ": a default of type "
                + defaultValue.getClass().getSimpleName() + " is not supported; use String, int, long, double, boolean or Duration");
    }

    /** A parameter the saved query cannot do without: {@code String story = param("story");}. */
    public static String param(String name) {
        String text = host().parameters().get(name);
        if (text == null) {
            throw new AnvilException("missing parameter " + name + ": give --param " + name + "=VALUE");
        }
        return text;
    }

    private static Duration parseDuration(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([dhm])").matcher(text);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "d": return Duration.ofDays(n);
                case "h": return Duration.ofHours(n);
                default: return Duration.ofMinutes(n);
            }
        }
        return Duration.parse(text);
    }

    private static String describe(Object defaultValue) {
        if (defaultValue instanceof Integer || defaultValue instanceof Long) {
            return "a whole number";
        }
        if (defaultValue instanceof Double) {
            return "a number";
        }
        if (defaultValue instanceof Duration) {
            return "a duration such as 7d, 12h or PT30M";
        }
        return "a " + defaultValue.getClass().getSimpleName();
    }

    /** Shows a value now: a table rendered (in a saved query's --format), anything else as text. */
    public static void show(Object value) {
        host().show(null, value);
    }

    /** Shows a value under a title line. */
    public static void show(String title, Object value) {
        host().show(title, value);
    }

    // ---- a week at a glance ------------------------------------------------------------------------

    /** Options for the runs since then: {@code regressions(since("7d"))}, {@code flaky(since("2026-11-01"))}; as {@code opts().since(...)}. */
    public static Opts since(String since) {
        return opts().since(since);
    }

    /** The instant that long ago ({@code 7d}, {@code 12h}, {@code 2w}) or that date: {@code t.where(t.instantColumn("changedAt").isAfter(ago("7d")))}; {@code sql(...)} binds it as the history stores times. */
    public static java.time.Instant ago(String since) {
        return dev.anvil.analysis.AnalysisFilter.parseSince(since);
    }

    /** Options for the last seven days: {@code flaky(lastWeek())}, {@code trend(lastWeek().every("day"))}. */
    public static Opts lastWeek() {
        return since("7d");
    }

    /** The latest run of the history (any mode). */
    public static dev.anvil.history.Run latestRun() {
        return latestRun(null);
    }

    /** The latest run of this mode: {@code latestRun("copilot-cli").sutRevision()}. */
    public static dev.anvil.history.Run latestRun(String mode) {
        List<dev.anvil.history.Run> runs = history().listRuns(1, mode);
        if (runs.isEmpty()) {
            throw new AnvilException(mode == null ? "the history has no runs" : "the history has no runs of mode " + mode);
        }
        return runs.get(0);
    }

    /**
     * The last run of this mode that started before then ({@code 7d} ago, {@code 2026-11-01}, ...), to
     * compare with: {@code compare(runBefore("7d", "copilot-cli"), latestRun("copilot-cli"))}; null when none did.
     */
    public static dev.anvil.history.Run runBefore(String when, String mode) {
        java.time.Instant cutoff = dev.anvil.analysis.AnalysisFilter.parseSince(when);
        if (cutoff == null) {
            throw new AnvilException("runBefore needs a time such as 7d or 2026-11-01, not '" + when + "'");
        }
        for (dev.anvil.history.Run r : history().listRuns(0, mode)) {
            if (!r.startedAt().isAfter(cutoff)) {
                return r; // listed newest first
            }
        }
        return null;
    }

    /** The modes the history has runs of, sorted: {@code for (String m : modeNames()) ...}. */
    public static List<String> modeNames() {
        return history().listRuns(0, null).stream().map(dev.anvil.history.Run::mode).distinct().sorted()
                .collect(java.util.stream.Collectors.toList());
    }

    /** What changed between two runs: {@code compare(runBefore("7d", "story-ui"), latestRun("story-ui"))}. */
    public static Table compare(dev.anvil.history.Run before, dev.anvil.history.Run after) {
        if (before == null || after == null) {
            throw new AnvilException("compare needs two runs; " + (before == null ? "the first" : "the second") + " is null (no such run)");
        }
        return compare(before.id(), after.id());
    }

    // ---- how values read in the console --------------------------------------------------------------

    /**
     * Prints a table whole, every row and every value in full, aligned ({@code print(t)}); anything else
     * as {@code System.out.println} does. The console's {@code t ==>} shows tables shortened instead.
     */
    public static void print(Object value) {
        if (value instanceof Table) {
            java.io.PrintWriter out = new java.io.PrintWriter(System.out, true);
            dev.anvil.frame.TableWriter.write((Table) value, dev.anvil.frame.TableFormat.TABLE, out);
            out.flush();
        } else {
            System.out.println(value);
        }
        System.out.flush();
    }

    /** At most this many rows of a table value in the console (default 20); {@code show(t)} shows them all. */
    public static void displayRows(int rows) {
        ConsoleValues.maxRows(rows);
    }

    /** Fit table values into this many columns; 0 (the default) follows the terminal's width. */
    public static void displayWidth(int columns) {
        ConsoleValues.width(columns);
    }

    // ---- help -------------------------------------------------------------------------------------

    /** Lists every preload with a line saying what it does and an example. */
    public static void help() {
        System.out.print(PreloadHelp.text());
        System.out.flush();
    }
}
