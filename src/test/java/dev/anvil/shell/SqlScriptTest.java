package dev.anvil.shell;

import dev.anvil.AnvilException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlScriptTest {
    @Test
    void namedParametersBecomePlaceholdersInOrderOfUse() {
        SqlScript s = new SqlScript("SELECT * FROM TestRuns WHERE Mode = :mode AND StartedAt >= :since OR Label = :mode;");
        assertThat(s.jdbcSql()).isEqualTo("SELECT * FROM TestRuns WHERE Mode = ? AND StartedAt >= ? OR Label = ?");
        assertThat(s.parameters()).containsExactly("mode", "since");
    }

    @Test
    void colonsInTextCommentsAndCastsAreNotParameters() {
        SqlScript s = new SqlScript("-- header mentions :nothing\nSELECT 'a:b', \"x:y\", '12:00''s :z', v::text /* :c */ FROM t WHERE a = :real");
        assertThat(s.parameters()).containsExactly("real");
        assertThat(s.jdbcSql()).endsWith("'12:00''s :z', v::text /* :c */ FROM t WHERE a = ?");
    }

    @Test
    void aPositionalPlaceholderIsRefused() {
        assertThatThrownBy(() -> new SqlScript("SELECT * FROM TestRuns WHERE Mode = ?"))
                .isInstanceOf(AnvilException.class).hasMessageContaining(":name");
    }

    @Test
    void onlyCommentsIsAnEmptyQuery() {
        assertThatThrownBy(() -> new SqlScript("-- nothing here\n/* still nothing */\n"))
                .isInstanceOf(AnvilException.class).hasMessage("the query is empty (only comments)");
    }

    @Test
    void canonicalNumbersAreBoundAsNumbersAndEverythingElseAsText() {
        assertThat(SqlScript.typed("42")).isEqualTo(42L);
        assertThat(SqlScript.typed("-3.5")).isEqualTo(-3.5);
        assertThat(SqlScript.typed("007")).isEqualTo("007");
        assertThat(SqlScript.typed("1e9")).isEqualTo("1e9");
        assertThat(SqlScript.typed("x' OR 1=1")).isEqualTo("x' OR 1=1");
    }
}
