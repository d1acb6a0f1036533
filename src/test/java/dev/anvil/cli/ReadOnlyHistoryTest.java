package dev.anvil.cli;

import dev.anvil.history.Histories;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.testing.SmallFilesystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** A history one may not write: the reading commands work on it, record says so in one line. */
class ReadOnlyHistoryTest {
    @TempDir
    Path tmp;

    private static void recordTwoRuns(Path file) {
        try (HistoryDatabase db = HistoryDatabase.open(file)) {
            Histories.recordRun(db.repository(), "m", Instant.parse("2026-11-01T06:00:00Z"), 4);
            Histories.recordRun(db.repository(), "m", Instant.parse("2026-11-02T06:00:00Z"), 4);
        }
    }

    private void assertReadingWorksAndRecordIsRefused(Path file) throws Exception {
        byte[] before = Files.readAllBytes(file);
        for (String[] command : new String[][] {{"runs"}, {"show", "latest"}, {"analyze", "regressions"},
                {"export", "--output", tmp.resolve("out.jsonl").toString()}}) {
            String[] args = new String[command.length + 2];
            args[0] = "--db";
            args[1] = file.toString();
            System.arraycopy(command, 0, args, 2, command.length);
            Cli.Outcome o = Cli.run(args);
            assertThat(o.err()).as(String.join(" ", command)).doesNotContain("anvil:");
            assertThat(o.exitCode()).as(String.join(" ", command)).isZero();
        }
        assertThat(Files.readString(tmp.resolve("out.jsonl")).lines().count()).isEqualTo(3);

        Files.createDirectories(tmp.resolve("stories"));
        Files.writeString(tmp.resolve("stories/s.yaml"), "name: s\nlanguage: java\nrepository: .\nstory:\n  title: t\n  description: d\n"
                + "expectations:\n  - type: file_exists\n    path: X\n");
        Cli.Outcome record = Cli.run("--db", file.toString(), "record", tmp.resolve("stories").toString(), "--mode", "m",
                "--agent-command", "true");
        assertThat(record.exitCode()).isEqualTo(2);
        assertThat(record.err()).isEqualTo("anvil: cannot write the database " + file + ": it is read-only (permission "
                + "denied or a read-only file system); reading commands (runs, show, analyze, export) still work on it\n");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void onAReadOnlyFileSystem() throws Exception {
        try (SmallFilesystem fs = SmallFilesystem.mount(tmp.resolve("ro"), 8)) {
            Path file = fs.root().resolve("anvil.db");
            recordTwoRuns(file);
            fs.readOnly(true);
            assertReadingWorksAndRecordIsRefused(file);
        }
    }

    @Test
    void asAChmod444FileInAReadOnlyFolder() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root may write whatever the permissions say");
        Path folder = Files.createDirectories(tmp.resolve("history"));
        Path file = folder.resolve("anvil.db");
        recordTwoRuns(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertReadingWorksAndRecordIsRefused(file);
        } finally {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
