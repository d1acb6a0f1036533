package dev.anvil.cli;

import dev.anvil.config.AnvilConfig;
import dev.anvil.config.ConfigLoader;
import dev.anvil.record.AgentMode;
import dev.anvil.record.ModeResolver;
import dev.anvil.record.RunPreflight;
import dev.anvil.story.Story;
import dev.anvil.story.StoryFilter;
import dev.anvil.story.StoryLoader;
import dev.anvil.story.StoryProblem;
import dev.anvil.story.StorySet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Check story files and report every problem with its file and line.",
        description = {
                "",
                "Reads YAML scenarios (.yaml, .yml) and Markdown stories with front matter (.md) from the files and "
                        + "folders given (folders recursively; a .md file without front matter is documentation and "
                        + "skipped) and prints each problem as FILE:LINE: MESSAGE: bad YAML, missing fields, unknown "
                        + "expectation types or parameters, regular expressions that do not compile, fixture "
                        + "repositories that do not exist, bad timeouts. Stories that share a name get the id "
                        + "FOLDER/NAME (a warning).",
                "",
                "The filter options show which stories a selection would run (with --list, one line each); a file "
                        + "with problems that they do not select is a warning, not a problem. With --mode (or "
                        + "--agent-command), also checks that the agent command can be given each selected story.",
                ""},
        footer = {"", "Exit codes: 0 every story is valid, 2 problems found (or a usage error)."})
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Story files or folders.")
    List<Path> paths;

    @Mixin
    StoryFilterOptions filterOptions;

    @Option(names = "--list", description = "List the stories selected: id, language, format, expectations, file.")
    boolean list;

    @Option(names = {"-m", "--mode"}, paramLabel = "NAME",
            description = "Also check that the mode's agent command can be given every selected story "
                    + "(a {prompt} over the OS argument limit, placeholders inside quotes).")
    String mode;

    @Option(names = "--agent-command", paramLabel = "COMMAND", description = "Check this agent command instead of the mode's.")
    String agentCommand;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        StoryFilter filter = filterOptions.filter();
        StorySet set = new StoryLoader().load(paths, filter);
        for (StoryProblem p : set.problems()) {
            out.println(p);
        }
        for (StoryProblem w : set.warnings()) {
            out.println("warning: " + w);
        }
        List<Story> selected = set.stories();
        List<String> agentProblems = agentProblems(selected);
        agentProblems.forEach(out::println);
        if (list) {
            for (Story s : selected) {
                out.printf("%-32s %-12s %-8s %2d expectation%s  %s%n", s.id(), s.language(),
                        s.format().name().toLowerCase(java.util.Locale.ROOT), s.expectations().size(),
                        s.expectations().size() == 1 ? " " : "s", s.file());
            }
        }
        int n = set.found();
        int m = set.problems().size() + agentProblems.size();
        int w = set.warnings().size();
        out.printf("%d %s%s, %d %s%s%n", n, n == 1 ? "story" : "stories",
                filter.selectsAll() ? "" : " (" + selected.size() + " selected)",
                m, m == 1 ? "problem" : "problems", w == 0 ? "" : ", " + w + (w == 1 ? " warning" : " warnings"));
        out.flush();
        return m == 0 ? 0 : ErrorHandler.USAGE;
    }

    /** With --mode or --agent-command: what the agent command cannot do with these stories. */
    private List<String> agentProblems(List<Story> stories) {
        if (mode == null && agentCommand == null) {
            return List.of();
        }
        AnvilConfig config = ConfigLoader.forThisProcess().load();
        AgentMode agent = ModeResolver.forStories(config, paths)
                .resolve(mode == null ? "validate" : mode, agentCommand, null, url -> null);
        try (var executor = agent.executor()) {
            return RunPreflight.promptProblems(executor, stories);
        }
    }
}
