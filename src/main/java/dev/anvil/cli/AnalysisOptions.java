package dev.anvil.cli;

import dev.anvil.analysis.AnalysisFilter;
import dev.anvil.frame.TableFormat;
import picocli.CommandLine.Option;

import java.time.Clock;

/** The options every {@code anvil analyze} verb shares: what part of the history, how to count, how to print. */
public final class AnalysisOptions {
    @Option(names = "--mode", paramLabel = "MODE", description = "Only runs of this mode (copilot-cli, aura-agents, story-ui, ...).")
    String mode;

    @Option(names = "--language", paramLabel = "LANG", description = "Only results in this language (csharp, python, typescript, ...).")
    String language;

    @Option(names = "--story", paramLabel = "ID", description = "Only this story.")
    String story;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only runs started since then: a span back from now (30m, 12h, 7d, 2w), a UTC date "
                    + "(2026-11-01) or an ISO instant (2026-11-01T06:00:00Z).")
    String since;

    @Option(names = "--by-language", description = "Split series by language as well as by story and mode.")
    boolean byLanguage;

    @Option(names = "--errors-as-failures",
            description = "Count error results (infrastructure: crashes, timeouts) as failures. By default they are "
                    + "kept apart and left out of pass rates; skipped results never count.")
    boolean errorsAsFailures;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "Output: table (aligned text), json (an array of objects), csv or markdown. Default: ${DEFAULT-VALUE}.")
    TableFormat format;

    /** The filter these options describe; a bad --since is a usage error (exit 2). */
    public AnalysisFilter filter(Clock clock) {
        return new AnalysisFilter(mode, language, story, AnalysisFilter.parseSince(since, clock), byLanguage,
                errorsAsFailures);
    }

    public AnalysisFilter filter() {
        return filter(Clock.systemUTC());
    }

    public TableFormat format() {
        return format == null ? TableFormat.TABLE : format;
    }
}
