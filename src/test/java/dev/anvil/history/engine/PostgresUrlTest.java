package dev.anvil.history.engine;

import dev.anvil.history.DatabaseLocation;
import dev.anvil.config.AnvilConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresUrlTest {
    @TempDir
    Path tmp;

    @Test
    void theUsualFormNamesHostPortDatabaseAndUserAndKeepsParameters() {
        PostgresUrl u = PostgresUrl.parse("postgresql://ci@db.example:6543/anvil?sslmode=require", Map.of());
        assertThat(u.host()).isEqualTo("db.example");
        assertThat(u.port()).isEqualTo(6543);
        assertThat(u.database()).isEqualTo("anvil");
        assertThat(u.user()).isEqualTo("ci");
        assertThat(u.masked()).isEqualTo("postgresql://ci@db.example:6543/anvil?sslmode=require");
    }

    @Test
    void thePasswordInTheUrlIsMaskedEverywhereItCouldBeShown() {
        PostgresUrl u = PostgresUrl.parse("postgresql://ci:s3cr%40t@db.example/anvil", Map.of());
        assertThat(u.masked()).isEqualTo("postgresql://ci:***@db.example:5432/anvil");
        assertThat(u.toString()).doesNotContain("s3cr");
        assertThat(u.withoutPassword()).isEqualTo("postgresql://ci@db.example:5432/anvil");
        DatabaseLocation loc = DatabaseLocation.of("postgresql://ci:s3cr%40t@db.example/anvil", null, "--db", Map.of());
        assertThat(loc.toString() + loc.display() + loc.shareable() + loc.path()).doesNotContain("s3cr");
    }

    @Test
    void theJdbcFormsAreUnderstood() {
        PostgresUrl u = PostgresUrl.parse("jdbc:postgresql://h:5433/anvil?user=me&password=pw&ssl=true", Map.of());
        assertThat(u.user()).isEqualTo("me");
        assertThat(u.port()).isEqualTo(5433);
        assertThat(u.masked()).isEqualTo("postgresql://me:***@h:5433/anvil?ssl=true");
        PostgresUrl local = PostgresUrl.parse("jdbc:postgresql:anvil", Map.of("PGUSER", "me"));
        assertThat(local.host()).isEqualTo("localhost");
        assertThat(local.database()).isEqualTo("anvil");
        assertThat(local.user()).isEqualTo("me");
    }

    @Test
    void thePasswordComesFromPgpassWhenNeitherTheUrlNorPgpasswordHasIt() throws Exception {
        Path pgpass = Files.writeString(tmp.resolve("pgpass"), "# team\nother:5432:*:ci:nope\ndb.example:*:anvil:ci:from\\:file\n");
        PostgresUrl u = PostgresUrl.parse("postgresql://ci@db.example/anvil", Map.of("PGPASSFILE", pgpass.toString()));
        assertThat(u.dataSource().getPassword()).isEqualTo("from:file");
        assertThat(u.masked()).isEqualTo("postgresql://ci@db.example:5432/anvil");
        PostgresUrl env = PostgresUrl.parse("postgresql://ci@db.example/anvil",
                Map.of("PGPASSFILE", pgpass.toString(), "PGPASSWORD", "from-env"));
        assertThat(env.dataSource().getPassword()).isEqualTo("from-env");
    }

    @Test
    void dbNamesAFileOrAServerFromEveryPlaceAHistoryIsNamed() {
        assertThat(DatabaseLocation.resolve((String) null, Map.of("ANVIL_DB", "postgresql://ci@h/anvil"), null).engine())
                .isEqualTo(Engine.POSTGRESQL);
        AnvilConfig yaml = new AnvilConfig("postgres://ci@h/anvil", Map.of(), Map.of(), null, tmp.resolve("anvil.yaml"));
        DatabaseLocation fromYaml = DatabaseLocation.resolve((String) null, Map.of(), yaml);
        assertThat(fromYaml.isPostgres()).isTrue();
        assertThat(fromYaml.path().toString()).contains("postgresql").contains("h-5432-anvil-ci");
        DatabaseLocation file = DatabaseLocation.resolve("history.db", Map.of(), null);
        assertThat(file.engine()).isEqualTo(Engine.SQLITE);
        assertThat(file.path()).isAbsolute();
    }
}
