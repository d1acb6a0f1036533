package dev.anvil.cli;

import dev.anvil.history.HistoryDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class GenerateCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int anvil(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void fillsAnEmptyDatabaseAndSaysWhatItWrote(@TempDir Path tmp) {
        Path db = tmp.resolve("h.db");
        int code = anvil("generate", "--db", db.toString(), "--stories", "5", "--days", "3", "--seed", "9");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("generated 90 results in 18 runs");
        try (HistoryDatabase h = HistoryDatabase.open(db)) {
            assertThat(h.repository().countResults()).isEqualTo(90);
        }
    }

    @Test
    void refusesAHistoryWithRunsUnlessAppendIsGiven(@TempDir Path tmp) {
        Path db = tmp.resolve("h.db");
        assertThat(anvil("generate", "--db", db.toString(), "--stories", "2", "--days", "1")).isZero();
        int code = anvil("generate", "--db", db.toString(), "--stories", "2", "--days", "1");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("anvil: ").contains("already has 6 run(s)").contains("--append");
        try (HistoryDatabase h = HistoryDatabase.open(db)) {
            assertThat(h.repository().countResults()).isEqualTo(12);
        }
        assertThat(anvil("generate", "--db", db.toString(), "--stories", "2", "--days", "1", "--append")).isZero();
        try (HistoryDatabase h = HistoryDatabase.open(db)) {
            assertThat(h.repository().countResults()).isEqualTo(24);
        }
    }

    @Test
    void runsCountsTheRunsOfEachModeInstead(@TempDir Path tmp) {
        Path db = tmp.resolve("h.db");
        assertThat(anvil("generate", "--db", db.toString(), "--stories", "3", "--runs", "25")).isZero();
        assertThat(out.toString()).contains("generated 225 results in 75 runs");
    }

    @Test
    void rejectsNonsenseSizesWithOneLine(@TempDir Path tmp) {
        int code = anvil("generate", "--db", tmp.resolve("h.db").toString(), "--runs-per-day", "0");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("anvil: --runs-per-day must be between 1 and 48, not 0");
    }

    @Test
    void refusesSizesThatCannotFitInMemoryWithOneLineAndLeavesTheHistoryEmpty(@TempDir Path tmp) {
        Path db = tmp.resolve("h.db");
        int code = anvil("generate", "--db", db.toString(), "--stories", "2000000000", "--days", "1");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("anvil: 2,000,000,000 stories x 2 runs per mode cannot fit in memory")
                .contains("this JVM may use").doesNotContain("\n");
        assertThat(anvil("generate", "--db", db.toString(), "--stories", "1", "--days", "1000000000")).isEqualTo(2);
        assertThat(err.toString()).contains("2,000,000,000 runs per mode cannot fit in memory");
        try (HistoryDatabase h = HistoryDatabase.open(db)) {
            assertThat(h.repository().countResults()).isZero();
        }
    }

    @Test
    void aYearFitsInTheMemoryOfASmallJvm() {
        GenerateCommand.refuseWhatCannotFit(400, 730, 3, 256L << 20);
    }
}
