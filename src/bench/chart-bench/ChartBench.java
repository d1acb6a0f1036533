import dev.anvil.analysis.*;
import dev.anvil.history.HistoryDatabase;
import java.nio.file.*;
import java.util.*;

/** Old Java2D charts against the XChart ones, same trend table, same JVM, interleaved. */
public class ChartBench {
  interface Draw { void run() throws Exception; }
  static long time(Draw d) throws Exception { long t = System.nanoTime(); d.run(); return System.nanoTime() - t; }
  static double median(List<Long> xs) { List<Long> s = new ArrayList<>(xs); Collections.sort(s); return s.get(s.size() / 2) / 1e6; }
  public static void main(String[] a) throws Exception {
    Path out = Files.createTempDirectory("chartbench");
    try (HistoryDatabase db = HistoryDatabase.open(Path.of(a[0]))) {
      Analyses an = new Analyses(db);
      tech.tablesaw.api.Table trend = an.trend(AnalysisFilter.all(), Every.valueOf(a[1]));
      System.out.println("trend rows: " + trend.rowCount());
      int reps = Integer.parseInt(a[2]);
      // cold: the first chart of each, class loading included (old first, then new)
      long oldCold = time(() -> dev.anvil.shell.plot.Charts.plot(trend, out.resolve("old0.png")));
      long newCold = time(() -> dev.anvil.chart.Charts.plot(trend, out.resolve("new0.png")));
      System.out.printf("cold first PNG: old %.0f ms, new %.0f ms%n", oldCold / 1e6, newCold / 1e6);
      Map<String, List<Long>> t = new LinkedHashMap<>();
      for (String k : List.of("old png", "new png", "old svg", "new svg")) t.put(k, new ArrayList<>());
      for (int i = 0; i < reps + 2; i++) {
        boolean keep = i >= 2;
        long op = time(() -> dev.anvil.shell.plot.Charts.plot(trend, out.resolve("old.png")));
        long np = time(() -> dev.anvil.chart.Charts.plot(trend, out.resolve("new.png")));
        long os = time(() -> dev.anvil.shell.plot.Charts.plot(trend, out.resolve("old.svg")));
        long ns = time(() -> dev.anvil.chart.Charts.plot(trend, out.resolve("new.svg")));
        if (keep) { t.get("old png").add(op); t.get("new png").add(np); t.get("old svg").add(os); t.get("new svg").add(ns); }
      }
      for (var e : t.entrySet()) System.out.printf("%s median %.1f ms%n", e.getKey(), median(e.getValue()));
      System.out.printf("ratio new/old: PNG %.2f, SVG %.2f%n", median(t.get("new png")) / median(t.get("old png")),
          median(t.get("new svg")) / median(t.get("old svg")));
      System.out.printf("file sizes: old png %d, new png %d, old svg %d, new svg %d bytes%n", Files.size(out.resolve("old.png")),
          Files.size(out.resolve("new.png")), Files.size(out.resolve("old.svg")), Files.size(out.resolve("new.svg")));
    }
  }
}
