package dev.anvil.cli;

import dev.anvil.history.DatabaseLocation;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.HistoryRepository;
import dev.anvil.history.Spool;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "db", mixinStandardHelpOptions = true,
        description = "Inspect and migrate the history database.",
        subcommands = {DbCommand.Info.class, DbCommand.Migrate.class})
final class DbCommand {

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Location (and why there), schema version, counts and size of the history, and the results "
                    + "waiting in its spool (what a recording could not write; the next command that opens the history imports them).")
    static final class Info extends HistoryCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            DatabaseLocation location = location();
            try (HistoryDatabase db = HistoryDatabase.open(location)) {
                HistoryRepository repo = db.repository();
                PrintWriter out = out();
                out.printf("location:       %s%n", db.display());
                out.printf("engine:         %s%n", db.engine().name().toLowerCase(java.util.Locale.ROOT));
                out.printf("chosen by:      %s%n", location.source());
                out.printf("schema version: %d%n", db.schemaVersion());
                out.printf("runs:           %d%n", repo.countRuns());
                out.printf("results:        %d%n", repo.countResults());
                out.printf("size:           %s%n", humanBytes(db.sizeBytes()));
                out.printf("spool:          %s%n", spool(Spool.of(location, System.getenv()).pending()));
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = {"Create the history or bring it to this build's schema.",
                    "Every command does this on open; this one only does that and says what it found."})
    static final class Migrate extends HistoryCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            try (HistoryDatabase db = openHistory()) {
                out().printf("%s is at schema version %d%n", db.display(), db.schemaVersion());
                out().flush();
            }
            return 0;
        }
    }

    /** Results a recording could not write, waiting for a command that opens the history to import them. */
    static String spool(List<Path> waiting) {
        if (waiting.isEmpty()) {
            return "empty";
        }
        String folders = waiting.stream().map(p -> String.valueOf(p.getParent())).distinct().collect(Collectors.joining(", "));
        return waiting.size() + " file(s) of results waiting in " + folders + " (anvil db migrate imports them)";
    }

    static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[i]);
    }
}
