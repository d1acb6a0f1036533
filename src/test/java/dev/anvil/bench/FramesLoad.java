package dev.anvil.bench;

import dev.anvil.analysis.AnalysisFilter;
import dev.anvil.frame.Frames;
import dev.anvil.history.HistoryDatabase;
import tech.tablesaw.api.Table;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads every result of a history into a Tablesaw table and reports the time and the heap the
 * table keeps (used heap after a full GC, with and without the table). Run against the synthetic
 * year ({@code anvil generate --year}):
 *
 * <pre>java -Xmx1g -cp target/test-classes:target/anvil.jar dev.anvil.bench.FramesLoad year.db [rounds]</pre>
 */
public final class FramesLoad {
    private FramesLoad() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (HistoryDatabase db = HistoryDatabase.open(file)) {
            long base = usedAfterGc();
            List<Long> times = new ArrayList<>();
            List<Long> cpu = new ArrayList<>();
            var threads = ManagementFactory.getThreadMXBean();
            Table t = null;
            for (int i = 0; i < rounds; i++) {
                t = null;
                usedAfterGc();
                long start = System.nanoTime();
                long cpuStart = threads.getCurrentThreadCpuTime();
                t = Frames.results(db.jdbi(), AnalysisFilter.all());
                times.add((System.nanoTime() - start) / 1_000_000);
                cpu.add((threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000);
            }
            long withTable = usedAfterGc();
            System.out.printf("rows=%d columns=%d%n", t.rowCount(), t.columnCount());
            System.out.printf("load ms per round: %s (first is a cold JVM)%n", times);
            System.out.printf("CPU ms of the loading thread per round: %s (a machine shared with other work inflates wall time, not this)%n", cpu);
            System.out.printf("best ms: %d, median ms: %d%n", times.stream().min(Long::compare).orElseThrow(),
                    times.stream().sorted().toList().get(times.size() / 2));
            System.out.printf("heap used after GC: %.1f MB without the table, %.1f MB with it: the table keeps %.1f MB%n",
                    base / 1e6, withTable / 1e6, (withTable - base) / 1e6);
            System.out.printf("peak heap of the JVM: %.1f MB%n", peak() / 1e6);
            System.out.println(t.structure().printAll());
        }
    }

    static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    static long peak() {
        long sum = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
