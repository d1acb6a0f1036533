package dev.anvil.shell;

import java.util.List;

/**
 * The preloads as JShell source: the imports everybody expects (JShell's defaults, java.time,
 * Tablesaw) and a static import of {@link Preloads}, whose methods become plain functions and whose
 * fields {@code history} and {@code jdbi} plain names. One text for the console, saved queries and
 * the kernel.
 *
 * <p>Everything comes in by static import rather than as declared JShell methods and variables:
 * JShell compiles a class for each declaration, about 0.1 s apiece at start; imports cost next to
 * nothing. Their Javadoc shows in completion all the same.
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

    private PreloadScript() {
    }

    /** The snippets, one per element, in order. */
    public static List<String> snippets() {
        return SNIPPETS;
    }

    /**
     * The console's startup script: the imports, then {@code greeting} (a statement that waits for the
     * history, opened meanwhile, and prints the banner).
     */
    public static String consoleStartup(String greeting) {
        return String.join("\n", SNIPPETS) + "\n" + greeting + "\n";
    }
}
