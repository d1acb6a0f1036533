package dev.anvil.shell;

import dev.anvil.AnvilException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class AnvilShellTest {
    @TempDir
    static Path dir;
    static AnvilShell shell;

    @BeforeAll
    static void start() {
        shell = AnvilShell.start(ShellOptions.of(dir.resolve("h.db")));
    }

    @AfterAll
    static void stop() {
        shell.close();
    }

    @Test
    void valueOfTheLastExpressionIsTheHostObject() {
        Evaluation e = shell.eval("int a = 2;\nint b = 3;\na * b");
        assertThat(e.succeeded()).isTrue();
        assertThat(e.value()).isEqualTo(6);
        assertThat(e.valueText()).isEqualTo("6");
        assertThat(e.line()).isEqualTo(3);
    }

    @Test
    void preloadedSqlReturnsARealTablesawTable() {
        Evaluation e = shell.eval("sql(\"SELECT COUNT(*) AS n FROM TestRuns WHERE Mode = ?\", \"x\")");
        assertThat(e.exception()).isNull();
        assertThat(e.value()).isInstanceOf(Table.class);
        assertThat(((Table) e.value()).intColumn("n").get(0)).isZero();
    }

    @Test
    void historyAndJdbiAreVariables() {
        Evaluation e = shell.eval("history.countRuns() + jdbi.withHandle(h -> h.createQuery(\"SELECT COUNT(*) FROM StoryResults\").mapTo(long.class).one())");
        assertThat(e.exception()).isNull();
        assertThat(e.value()).isEqualTo(0L);
    }

    @Test
    void compileErrorNamesTheLineOfTheCode() {
        Evaluation e = shell.eval("// a comment\nint x = 1;\n\nString s = x;\nint y = 2;");
        assertThat(e.compileErrors()).hasSize(1);
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.compileErrors().get(0).message()).contains("incompatible types");
    }

    @Test
    void errorOnTheSecondLineOfAMultiLineSnippet() {
        Evaluation e = shell.eval("int z = 1;\nvoid f() {\n  int q = \"a\";\n}");
        assertThat(e.compileErrors()).isNotEmpty();
        assertThat(e.line()).isEqualTo(3);
    }

    @Test
    void runTimeExceptionIsTheHostThrowableWithItsScriptLine() {
        Evaluation e = shell.eval("int k = 1;\nObject o = null;\n\no.toString();");
        assertThat(e.exception()).isInstanceOf(NullPointerException.class);
        assertThat(e.line()).isEqualTo(4);
    }

    @Test
    void exceptionInsideAMethodDeclaredInTheSameCodeNamesThatLine() {
        Evaluation e = shell.eval("int boom(int n) {\n  if (n > 0) throw new IllegalStateException(\"boom \" + n);\n  return n;\n}\nboom(3)");
        assertThat(e.exception()).isInstanceOf(IllegalStateException.class).hasMessage("boom 3");
        assertThat(e.line()).isEqualTo(2);
    }

    @Test
    void exceptionInAMethodAfterBlankLinesNamesTheThrowingLine() {
        Evaluation e = shell.eval("int k2 = 1;\n\nvoid h2() {\n  throw new RuntimeException(\"here\");\n}\nh2();");
        assertThat(e.exception()).hasMessage("here");
        assertThat(e.line()).isEqualTo(4);
    }

    @Test
    void aPreloadThrowsItsOwnException() {
        Evaluation e = shell.eval("param(\"nope\")");
        assertThat(e.exception()).isInstanceOf(AnvilException.class).hasMessageContaining("missing parameter nope");
    }

    @Test
    void incompleteInputIsAnErrorWhenEvaluatedAndIncompleteWhenAsked() {
        assertThat(shell.isComplete("void f() {")).isEqualTo(Completeness.INCOMPLETE);
        assertThat(shell.isComplete("int a = 1; a + 1")).isEqualTo(Completeness.COMPLETE);
        assertThat(shell.isComplete("")).isEqualTo(Completeness.COMPLETE);
        Evaluation e = shell.eval("int w = 1;\nvoid g() {");
        assertThat(e.compileErrors()).isNotEmpty();
        assertThat(e.line()).isEqualTo(2);
    }

    @Test
    void completesPreloadsAndMembers() {
        int[] anchor = new int[1];
        List<String> c = shell.complete("int q = 1; regr", 15, anchor);
        // the analyses come with the frames merge; sql is there from the start
        List<String> s = shell.complete("int q = 1; sq", 13, anchor);
        assertThat(s).anyMatch(x -> x.startsWith("sql("));
        assertThat(anchor[0]).isEqualTo(11);
        List<String> m = shell.complete("history.countR", 14, anchor);
        assertThat(m).contains("countRuns()");
    }

    @Test
    void plotReturnsThePathOfTheFileItDrew() {
        Path file = dir.resolve("p/trend.svg");
        Evaluation e = shell.eval("plot(trend(), \"" + file.toString().replace("\\", "\\\\") + "\")");
        assertThat(e.exception()).isNull();
        assertThat(e.value()).isEqualTo(file.toAbsolutePath());
        assertThat(file).isRegularFile();
    }

    @Test
    void useSwitchesTheHistoryTheFieldsFollow() {
        Path other = dir.resolve("other.db");
        Evaluation e = shell.eval("var before = history;\nuse(\"" + other + "\");\nhistory != before && db().endsWith(\"other.db\")");
        assertThat(e.value()).isEqualTo(true);
        shell.eval("use(\"" + dir.resolve("h.db") + "\")");
    }

    @Test
    void completesTheColumnNamesOfATableVariableInsideItsColumnMethods() {
        shell.eval("var t = runs()");
        int[] anchor = new int[1];
        String code = "t.doubleColumn(\"passR";

        assertThat(shell.complete(code, code.length(), anchor)).containsExactly("passRate\"");
        assertThat(anchor[0]).isEqualTo(code.indexOf('"') + 1);
        String select = "t.selectColumns(\"runId\", \"mo";
        assertThat(shell.complete(select, select.length(), anchor)).containsExactly("mode\"");
        assertThat(shell.complete("t.sortOn(\"", 10, anchor)).contains("runId\"", "startedAt\"", "mode\"");
        assertThat(shell.complete("t.row", 5, anchor)).as("not in a string: JShell's own completion").contains("rowCount()");
    }

    @Test
    void documentationOfAPreload() {
        assertThat(shell.documentation("sql(", 4)).hasValueSatisfying(d -> assertThat(d).contains("sql(String"));
    }

    @Test
    void interruptStopsARunawaySnippet() throws Exception {
        CompletableFuture<Evaluation> running = CompletableFuture.supplyAsync(() -> shell.eval("while (true) { Thread.onSpinWait(); }"));
        // On a loaded machine compiling the snippet can outlast any fixed pause, and a stop before the
        // snippet runs stops nothing: ask again until it has ended (a minute at most).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        do {
            Thread.sleep(500);
            shell.interrupt();
        } while (!running.isDone() && System.nanoTime() < deadline);
        Evaluation e = running.get(10, TimeUnit.SECONDS);
        assertThat(e.exception()).isNotNull();
        assertThat(shell.eval("1 + 1").value()).isEqualTo(2);
    }
}
