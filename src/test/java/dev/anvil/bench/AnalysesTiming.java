package dev.anvil.bench;

import dev.anvil.analysis.Analyses;
import dev.anvil.analysis.AnalysisFilter;
import dev.anvil.analysis.Every;
import dev.anvil.history.HistoryDatabase;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Times the analyses of the frames helper in process on a history (the synthetic year):
 * each question several times in one warm JVM, reporting the best and the median.
 *
 * <pre>java -cp target/test-classes:target/anvil.jar dev.anvil.bench.AnalysesTiming year.db [rounds]</pre>
 */
public final class AnalysesTiming {
    private AnalysesTiming() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (HistoryDatabase db = HistoryDatabase.open(file)) {
            Analyses a = new Analyses(db);
            AnalysisFilter all = AnalysisFilter.all();
            AnalysisFilter week = all.withSince(AnalysisFilter.parseSince("7d"));
            Map<String, Supplier<Table>> questions = new LinkedHashMap<>();
            questions.put("results frame (all 876k)", () -> a.results(all));
            questions.put("runs frame", () -> a.runs(all));
            questions.put("trend --every week", () -> a.trend(all, Every.WEEK));
            questions.put("trend --every day --since 7d", () -> a.trend(week, Every.DAY));
            questions.put("durations (full history)", () -> a.durations(all));
            questions.put("durations --since 7d", () -> a.durations(week));
            questions.put("compare (latest vs previous)", a::compare);
            questions.put("failures (full history)", () -> a.failures(all));
            questions.put("failures --since 7d", () -> a.failures(week));
            questions.put("story (one story, all modes)", () -> a.story(firstStory(a)));
            for (Map.Entry<String, Supplier<Table>> q : questions.entrySet()) {
                List<Long> ms = new ArrayList<>();
                List<Long> cpu = new ArrayList<>();
                var threads = java.lang.management.ManagementFactory.getThreadMXBean();
                int rows = 0;
                for (int i = 0; i < rounds; i++) {
                    long start = System.nanoTime();
                    long cpuStart = threads.getCurrentThreadCpuTime();
                    rows = q.getValue().get().rowCount();
                    ms.add((System.nanoTime() - start) / 1_000_000);
                    cpu.add((threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000);
                }
                List<Long> sorted = ms.stream().sorted().toList();
                List<Long> sortedCpu = cpu.stream().sorted().toList();
                System.out.printf("%-32s rows %7d  wall best %6d ms  median %6d ms  | CPU best %6d ms  median %6d ms%n",
                        q.getKey(), rows, sorted.get(0), sorted.get(sorted.size() / 2), sortedCpu.get(0),
                        sortedCpu.get(sortedCpu.size() / 2));
            }
        }
    }

    private static String firstStory(Analyses a) {
        return a.sql("SELECT StoryId FROM StoryResults LIMIT 1").stringColumn(0).get(0);
    }
}
