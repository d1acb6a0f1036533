package dev.anvil.cli;

import dev.anvil.config.AnvilConfig;
import dev.anvil.config.ConfigLoader;
import dev.anvil.history.DatabaseLocation;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.Spool;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/** Base of commands that work on the history: resolves the database location and opens it. */
@picocli.CommandLine.Command
abstract class HistoryCommand {
    @Spec
    CommandSpec spec;

    private AnvilConfig config;

    AnvilCommand root() {
        return (AnvilCommand) spec.root().userObject();
    }

    AnvilConfig config() {
        if (config == null) {
            config = ConfigLoader.forThisProcess().load();
        }
        return config;
    }

    DatabaseLocation location() {
        return DatabaseLocation.resolve(root().db, System.getenv(), config());
    }

    /**
     * Opens the history, first importing what earlier recordings spooled when the history could
     * not take it (one line on stderr says so).
     */
    HistoryDatabase openHistory() {
        HistoryDatabase db = HistoryDatabase.open(location());
        importSpool(db);
        return db;
    }

    /**
     * Opens the history for a command that only reads it: read-only when it cannot be written
     * (then a waiting spool stays where it is, for the next command that can write).
     */
    HistoryDatabase openHistoryForReading() {
        HistoryDatabase db = HistoryDatabase.openForReading(location());
        importSpool(db);
        return db;
    }

    void importSpool(HistoryDatabase db) {
        String summary = Spool.importPending(db, System.getenv());
        if (summary != null) {
            err().println("anvil: " + summary);
            err().flush();
        }
    }

    /** Opens the history for a command that writes; a read-only role is refused before anything is written. */
    HistoryDatabase openHistoryForWriting(String action) {
        HistoryDatabase db = openHistory();
        try {
            db.checkWritable(action);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /**
     * What push, pull, export and import append to their line for Aura results, only when there are
     * any: the line stays as it was for command modes, and scripts that read it keep working.
     */
    static String auraSuffix(long auraResults, String verb) {
        return auraResults == 0 ? "" : "; " + auraResults + " Aura result(s) " + verb;
    }
}
