package dev.anvil.history;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** export --output onto what is not a plain file: a symbolic link is written through, a FIFO or device as a stream. */
class ExportTargetsTest {
    @TempDir
    Path tmp;
    Path source;

    @BeforeEach
    void setUp() {
        source = tmp.resolve("source.db");
        try (HistoryDatabase db = HistoryDatabase.open(source)) {
            Histories.recordRun(db.repository(), "m", Instant.parse("2026-11-01T06:00:00Z"), 3);
        }
    }

    private TransferReport export(Path output) {
        try (HistoryDatabase db = HistoryDatabase.open(source)) {
            return new HistoryExport(db).write(ExportFormat.JSONL, output);
        }
    }

    @Test
    void aSymbolicLinkStaysALinkAndTheFileItNamesGetsTheExport() throws Exception {
        Path real = Files.writeString(Files.createDirectories(tmp.resolve("exports")).resolve("history.jsonl"), "old\n");
        Path link = Files.createSymbolicLink(tmp.resolve("latest.jsonl"), Path.of("exports/history.jsonl"));

        export(link);

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("exports/history.jsonl"));
        assertThat(Files.readString(real)).startsWith("{\"anvilExport\":2").contains("\"mode\":\"m\"");
        assertThat(Files.list(tmp.resolve("exports"))).as("no temporary file left").containsExactly(real);
    }

    @Test
    void aDanglingLinkCreatesTheFileItNames() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("dangling.jsonl"), tmp.resolve("made.jsonl"));
        export(link);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(tmp.resolve("made.jsonl")).lines().count()).isEqualTo(2);
    }

    @Test
    void aFifoIsWrittenAsAStreamAndStaysAFifo() throws Exception {
        Path fifo = tmp.resolve("pipe");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mk.waitFor()).isZero();
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(Files.readAllBytes(fifo), StandardCharsets.UTF_8);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        TransferReport report = export(fifo);

        assertThat(report.runs()).isEqualTo(1);
        assertThat(reader.get(30, TimeUnit.SECONDS)).startsWith("{\"anvilExport\":2").contains("\"mode\":\"m\"");
        assertThat(Files.isRegularFile(fifo)).isFalse();
        assertThat(Files.exists(fifo)).isTrue();
    }

    @Test
    void aDeviceIsWrittenNotReplaced() {
        Path devNull = Path.of("/dev/null");
        assertThat(export(devNull).runs()).isEqualTo(1);
        assertThat(Files.isRegularFile(devNull)).isFalse();
    }
}
