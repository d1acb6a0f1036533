package dev.anvil.cli;

import dev.anvil.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.util.List;


@Command(name = "anvil",
        mixinStandardHelpOptions = true,
        versionProvider = AnvilCommand.VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Anvil: record how an AI code-generation agent does on stories, and ask the history what changed.",
        description = {
                "",
                "Anvil runs stories (coding tasks with expectations) through the agent under test, validates what it "
                        + "produced, and keeps every outcome in an SQLite history that answers: what regressed and since "
                        + "when, what is flaky, how pass rates and durations trend, what changed between two runs.",
                ""},
        footerHeading = "%nDatabase:%n",
        footer = {
                "  --db PATH, then $ANVIL_DB, then 'db:' in ./anvil.yaml (working folder, then the user's config "
                        + "folder), then the local application data folder: $XDG_DATA_HOME/anvil/anvil.db or "
                        + "~/.local/share/anvil/anvil.db (Linux), ~/Library/Application Support/Anvil/anvil.db (macOS), "
                        + "%%LOCALAPPDATA%%\\Anvil\\anvil.db (Windows).",
                "",
                "Exit codes: 0 success, 1 failures found (record) or unexpected error, 2 usage or setup error."})
public final class AnvilCommand {
    /** The commands, in the order of {@code anvil --help}: the main job first, then looking at the history, then its upkeep. */
    static final List<Class<?>> COMMANDS = List.of(
            RecordCommand.class,
            RerunCommand.class,
            ValidateCommand.class,
            HealthCommand.class,
            RunsCommand.class,
            ShowCommand.class,
            AnalyzeCommand.class,
            ReportCommand.class,
            GateCommand.class,
            ConsoleCommand.class,
            QueryCommand.class,
            KernelCommand.class,
            DbCommand.class,
            PruneCommand.class,
            ExportCommand.class,
            ImportCommand.class,
            TransferCommand.Push.class,
            TransferCommand.Pull.class,
            GenerateCommand.class,
            CommandLine.HelpCommand.class);

    @Option(names = "--db", paramLabel = "PATH|URL", scope = ScopeType.INHERIT,
            description = "History database: an SQLite file or a PostgreSQL URL such as postgresql://user@host:5432/anvil "
                    + "(default: $ANVIL_DB, then db: in anvil.yaml, then the local data folder; see anvil --help).")
    String db;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Show library logging and stack traces.")
    boolean verbose;

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"anvil " + Version.get(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
