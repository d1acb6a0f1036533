package dev.anvil.shell;

import dev.anvil.history.HistoryDatabase;
import dev.anvil.synthetic.GeneratorSpec;
import dev.anvil.synthetic.GroundTruth;
import dev.anvil.synthetic.SyntheticHistory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One synthetic history (contract 2's {@code GeneratorSpec.small}) shared by the shell's tests: 30
 * stories, 3 modes, 40 runs each, ending now. Tests copy it when they write.
 */
public final class GeneratedHistory {
    public static final long SEED = 7;
    private static Path path;
    private static GroundTruth truth;

    private GeneratedHistory() {
    }

    public static synchronized Path path() {
        if (path == null) {
            try {
                Path dir = Files.createTempDirectory("anvil-shell-history-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
                path = dir.resolve("history.db");
                try (HistoryDatabase db = HistoryDatabase.open(path)) {
                    truth = SyntheticHistory.generate(GeneratorSpec.small(SEED), db.repository());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return path;
    }

    public static synchronized GroundTruth truth() {
        path();
        return truth;
    }

    /** A copy for a test that writes (record, use). */
    public static Path copyTo(Path folder) throws IOException {
        Path target = folder.resolve("history.db");
        Files.copy(path(), target);
        return target;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
