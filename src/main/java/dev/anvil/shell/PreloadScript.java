package dev.anvil.shell;

import java.util.List;

/**
 * The preloads as JShell source: the imports everybody expects (JShell's defaults, java.time,
 * Tablesaw), a static import of {@link Preloads} (its methods become plain functions), and the two
 * variables {@code history} and {@code jdbi}. One text for the console, saved queries and the kernel.
 *
 * <p>Functions come in by static import rather than as declared JShell methods: one snippet instead of
 * thirty to compile at start, and their Javadoc shows in completion.
 */
public final class PreloadScript {
    private static final List<String> SNIPPETS = List.of(
            "import java.io.*;",
            "import java.math.*;",
            "import java.net.*;",
            "import java.nio.file.*;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.function.*;",
            "import java.util.regex.*;",
            "import java.util.stream.*;",
            "import java.time.*;",
            "import tech.tablesaw.api.*;",
            "import org.jdbi.v3.core.Jdbi;",
            "import dev.anvil.history.HistoryRepository;",
            "import dev.anvil.history.Run;",
            "import dev.anvil.history.StoryResult;",
            "import dev.anvil.shell.Preloads;",
            "import dev.anvil.shell.Opts;",
            "import static dev.anvil.shell.Preloads.*;");

    /** The variables, declared after the imports (each costs a compiled class, so a saved query declares only those it uses). */
    public static final List<String> VARIABLES = List.of("history", "jdbi");
    private static final List<String> DECLARATIONS = List.of(
            "HistoryRepository history = Preloads.history();",
            "Jdbi jdbi = Preloads.jdbi();");

    private PreloadScript() {
    }

    /** The import snippets, one per element, in order. */
    public static List<String> imports() {
        return SNIPPETS;
    }

    /** The declaration of variable {@code name} (one of {@link #VARIABLES}). */
    public static String declaration(String name) {
        return DECLARATIONS.get(VARIABLES.indexOf(name));
    }

    /** Imports and every variable, one snippet per element. */
    public static List<String> snippets() {
        List<String> all = new java.util.ArrayList<>(SNIPPETS);
        all.addAll(DECLARATIONS);
        return all;
    }

    /**
     * The console's startup script: the imports, then {@code greeting} (a statement that waits for the
     * history and prints the banner, while the tool has been warming up), then the variables.
     */
    public static String consoleStartup(String greeting) {
        return String.join("\n", SNIPPETS) + "\n" + greeting + "\n" + String.join("\n", DECLARATIONS) + "\n";
    }
}
