package dev.anvil.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.anvil.frame.TableFormat;
import dev.anvil.frame.TableWriter;
import dev.anvil.history.ExpectationResult;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.Run;
import dev.anvil.history.RunDetail;
import dev.anvil.history.StoryResult;
import dev.anvil.history.Timestamps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Show one run and the result of each of its stories.",
        description = {"Show one run: its header (id, times, mode, label, revision of the system under test, "
                + "host, status, totals) and the result of each story (language, status, duration, how many "
                + "expectations held, the error).",
                "",
                "json gives the whole run as one document, every expectation of every result included; csv gives "
                        + "one row per result (or per expectation with --expectations)."},
        footerHeading = "%nExamples:%n",
        footer = {"  anvil show latest", "  anvil show latest~1 --expectations", "  anvil show 3f2a9c --format json",
                "", "Exit codes: 0 shown, 2 unknown or ambiguous run, bad option or unusable database."})
final class ShowCommand extends HistoryCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", defaultValue = "latest",
            description = "latest (default), latest~N (N runs before the latest) or a prefix of a run id, "
                    + "long enough to name one run.")
    String run;

    @Option(names = {"-e", "--expectations"},
            description = "Also list every expectation of every result (table, markdown), or list expectations "
                    + "instead of results (csv).")
    boolean expectations;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), json, csv or markdown.")
    TableFormat format;

    @Override
    public Integer call() {
        RunDetail detail;
        try (HistoryDatabase db = openHistoryForReading()) {
            detail = db.repository().loadRun(run);
        }
        PrintWriter out = out();
        switch (format) {
            case JSON: writeJson(detail, out); break;
            case CSV:
                TableWriter.write(expectations ? RunTables.expectations(detail.results(), true)
                        : RunTables.results(detail.results(), true), TableFormat.CSV, out);
                break;
            default: writeForPeople(detail, out); break;
        }
        out.flush();
        return 0;
    }

    private void writeForPeople(RunDetail detail, PrintWriter out) {
        boolean md = format == TableFormat.MARKDOWN;
        Run r = detail.run();
        List<String[]> header = header(r);
        if (md) {
            out.println("## Run " + r.shortId());
            out.println();
            out.println("| | |");
            out.println("| --- | --- |");
            for (String[] kv : header) {
                out.println("| " + kv[0] + " | " + kv[1].replace("|", "\\|") + " |");
            }
        } else {
            for (String[] kv : header) {
                out.printf("%-11s %s%n", kv[0], kv[1]);
            }
        }
        out.println();
        if (md) {
            out.println("### Results");
            out.println();
        }
        TableWriter.write(RunTables.results(detail.results(), false), format, out);
        if (expectations) {
            out.println();
            if (md) {
                out.println("### Expectations");
                out.println();
            }
            TableWriter.write(RunTables.expectations(detail.results(), false), format, out);
        }
    }

    private static List<String[]> header(Run r) {
        List<String[]> kv = new ArrayList<>();
        kv.add(new String[] {"run", r.id()});
        kv.add(new String[] {"started", Timestamps.format(r.startedAt())});
        kv.add(new String[] {"completed", r.completedAt() == null ? "-" : Timestamps.format(r.completedAt())});
        kv.add(new String[] {"duration", r.duration() == null ? "-" : RunTables.humanDuration(r.duration())});
        kv.add(new String[] {"mode", r.mode()});
        kv.add(new String[] {"label", r.label() == null ? "-" : r.label()});
        kv.add(new String[] {"sut", r.sutRevision() == null ? "-" : r.sutRevision()});
        kv.add(new String[] {"host", r.host() == null ? "-" : r.host() + (r.pid() == null ? "" : " (pid " + r.pid() + ")")});
        kv.add(new String[] {"anvil", r.anvilVersion() == null ? "-" : r.anvilVersion()});
        kv.add(new String[] {"status", r.status().dbValue()});
        kv.add(new String[] {"totals", String.format(Locale.ROOT,
                "%d stories: %d passed, %d failed, %d errors, %d skipped%s", r.totalStories(), r.passed(),
                r.failed() - r.errors(), r.errors(), r.skipped(),
                r.passRate() == null ? "" : String.format(Locale.ROOT, " (%.1f%% pass)", 100 * r.passRate()))});
        return kv;
    }

    private static void writeJson(RunDetail detail, PrintWriter out) {
        Run r = detail.run();
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("id", r.id());
        run.put("shortId", r.shortId());
        run.put("startedAt", Timestamps.format(r.startedAt()));
        run.put("completedAt", Timestamps.format(r.completedAt()));
        run.put("durationMs", r.duration() == null ? null : r.duration().toMillis());
        run.put("mode", r.mode());
        run.put("label", r.label());
        run.put("sutRevision", r.sutRevision());
        run.put("host", r.host());
        run.put("pid", r.pid());
        run.put("anvilVersion", r.anvilVersion());
        run.put("status", r.status().dbValue());
        run.put("total", r.totalStories());
        run.put("passed", r.passed());
        run.put("failed", r.failed() - r.errors());
        run.put("errors", r.errors());
        run.put("skipped", r.skipped());
        run.put("passRate", r.passRate());
        List<Map<String, Object>> results = new ArrayList<>();
        for (StoryResult s : detail.results()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("storyId", s.storyId());
            m.put("storyPath", s.storyPath());
            m.put("language", s.language());
            m.put("status", s.status().dbValue());
            m.put("durationMs", s.durationMs());
            m.put("errorMessage", s.errorMessage());
            m.put("generatedFiles", s.generatedFiles());
            m.put("executedAt", Timestamps.format(s.executedAt()));
            m.put("storyHash", s.storyHash());
            m.put("logPath", s.logPath());
            m.put("worktreePath", s.worktreePath());
            List<Map<String, Object>> ex = new ArrayList<>();
            for (ExpectationResult e : s.expectations()) {
                Map<String, Object> em = new LinkedHashMap<>();
                em.put("position", e.position());
                em.put("type", e.type());
                em.put("description", e.description());
                em.put("status", e.status().dbValue());
                em.put("message", e.message());
                ex.add(em);
            }
            m.put("expectations", ex);
            results.add(m);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("run", run);
        doc.put("results", results);
        try {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
