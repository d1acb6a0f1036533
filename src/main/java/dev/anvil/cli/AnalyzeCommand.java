package dev.anvil.cli;

import picocli.CommandLine.Command;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "analyze", mixinStandardHelpOptions = true,
        header = "Ask the history what changed: regressions, fixes, flaky stories, trends, durations, comparisons, failures, one story's record.",
        description = {
                "",
                "Each verb prints a table (--format table|json|csv|markdown; JSON is an array of objects with "
                        + "camelCase fields). Filters: --mode, --language, --story, --since 7d|2026-11-01. Error "
                        + "results are kept apart from failures unless --errors-as-failures; skipped results never count.",
                ""},
        footer = {"", "Exit codes: 0 answered (an empty answer is an empty table), 2 bad option, unknown run or story, "
                + "or an empty history where a run is needed."})
final class AnalyzeCommand implements Callable<Integer> {
    /** The verbs, in the order of {@code anvil analyze --help} (built lazily, as {@link Main#commandLine(String...)} says). */
    static final List<Class<?>> VERBS = List.of(TrendCommand.class, RegressionsCommand.class, FixedCommand.class,
            FlakyCommand.class, DurationsCommand.class, CompareCommand.class, FailuresCommand.class, StoryCommand.class);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("anvil analyze: name a verb");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ErrorHandler.USAGE;
    }
}
