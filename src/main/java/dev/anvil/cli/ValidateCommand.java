package dev.anvil.cli;

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
                        + "repositories that do not exist, bad timeouts, story ids used twice.",
                "",
                "The filter options show which stories a selection would run (with --list, one line each).",
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

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        StorySet set = new StoryLoader().load(paths);
        for (StoryProblem p : set.problems()) {
            out.println(p);
        }
        StoryFilter filter = filterOptions.filter();
        List<Story> selected = filter.apply(set.stories());
        if (list) {
            for (Story s : selected) {
                out.printf("%-32s %-12s %-8s %2d expectation%s  %s%n", s.id(), s.language(),
                        s.format().name().toLowerCase(java.util.Locale.ROOT), s.expectations().size(),
                        s.expectations().size() == 1 ? " " : "s", s.file());
            }
        }
        int n = set.stories().size();
        int m = set.problems().size();
        out.printf("%d %s%s, %d %s%n", n, n == 1 ? "story" : "stories",
                filter.selectsAll() ? "" : " (" + selected.size() + " selected)",
                m, m == 1 ? "problem" : "problems");
        out.flush();
        return m == 0 ? 0 : ErrorHandler.USAGE;
    }
}
