package dev.anvil.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaMigratorTest {

    @Test
    void latestVersionConstantMatchesTheHighestMigrationFile() throws IOException, URISyntaxException {
        Path dir = Path.of(SchemaMigrator.class.getResource("/db/migration").toURI());
        Pattern name = Pattern.compile("V(\\d+)__.*\\.sql");
        int highest;
        try (Stream<Path> files = Files.list(dir)) {
            highest = files.map(p -> name.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1)))
                    .max().orElse(0);
        }
        assertThat(SchemaMigrator.LATEST_VERSION).isEqualTo(highest);
    }

    @Test
    void aNewDatabaseIsCreatedAtTheLatestVersionWithItsParentFolders(@TempDir Path tmp) {
        Path file = tmp.resolve("a/b/anvil.db");
        try (HistoryDatabase db = HistoryDatabase.open(file)) {
            assertThat(db.schemaVersion()).isEqualTo(SchemaMigrator.LATEST_VERSION);
            assertThat(db.repository().countRuns()).isZero();
        }
        assertThat(file).exists();
    }
}
