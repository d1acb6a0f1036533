package dev.anvil.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** anvil builds only the command its arguments name; everything a user sees stays as with every command built. */
class CommandLineTest {
    @TempDir
    Path dir;

    @Test
    void anvilsOwnOptionsMayComeBeforeOrAfterTheCommandAndItsVerb() {
        String db = dir.resolve("anvil.db").toString();
        assertThat(Cli.run("--db", db, "generate", "--days", "3", "--stories", "4").exitCode()).isZero();

        Cli.Outcome before = Cli.run("--db", db, "analyze", "trend");
        Cli.Outcome after = Cli.run("analyze", "trend", "--db", db);
        Cli.Outcome between = Cli.run("analyze", "--db", db, "trend");

        assertThat(before.exitCode()).isZero();
        assertThat(before.out()).contains("passRate");
        assertThat(after.out()).isEqualTo(before.out());
        assertThat(between.out()).isEqualTo(before.out());
        assertThat(Cli.run("-v", "--db", db, "runs").out()).isEqualTo(Cli.run("runs", "--db", db).out());
    }

    @Test
    void helpListsEveryCommandAndEveryVerb() {
        String help = Cli.run("--help").out();
        for (Class<?> command : AnvilCommand.COMMANDS) {
            assertThat(help).contains("  " + command.getAnnotation(Command.class).name() + " ");
        }
        String verbs = Cli.run("analyze", "--help").out();
        for (Class<?> verb : AnalyzeCommand.VERBS) {
            assertThat(verbs).contains("  " + verb.getAnnotation(Command.class).name() + " ");
        }
        assertThat(Cli.run("help", "analyze").out()).isEqualTo(verbs);
    }

    @Test
    void aMisspelledCommandOrVerbStillGetsSuggestions() {
        Cli.Outcome command = Cli.run("rus");
        Cli.Outcome verb = Cli.run("analyze", "trnd");

        assertThat(command.exitCode()).isEqualTo(2);
        assertThat(command.err()).contains("Unmatched argument at index 0: 'rus'").contains("Did you mean");
        assertThat(verb.exitCode()).isEqualTo(2);
        assertThat(verb.err()).contains("Did you mean: analyze trend?");
    }

    @Test
    void theCommandWordSkipsTheDatabaseOptionAndItsValue() {
        String[] args = {"--db", "runs.db", "-v", "analyze", "--db=x.db", "regressions", "--since", "7d"};

        assertThat(Main.commandWord(args, 0)).isEqualTo("analyze");
        assertThat(Main.commandWord(args, 1)).isEqualTo("regressions");
        assertThat(Main.commandWord(new String[] {"--db", "analyze"}, 0)).isNull();
        assertThat(Main.commandWord(new String[] {"--", "runs"}, 0)).isNull();
    }
}
