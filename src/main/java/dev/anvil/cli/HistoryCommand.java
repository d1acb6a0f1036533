package dev.anvil.cli;

import dev.anvil.config.AnvilConfig;
import dev.anvil.config.ConfigLoader;
import dev.anvil.history.DatabaseLocation;
import dev.anvil.history.HistoryDatabase;
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

    HistoryDatabase openHistory() {
        return HistoryDatabase.open(location());
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
}
