package dev.anvil.cli;

import dev.anvil.AnvilException;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.Run;
import dev.anvil.record.importing.ReportImporter;
import dev.anvil.story.Story;
import dev.anvil.story.StoryLoader;
import dev.anvil.story.StoryProblem;
import dev.anvil.story.StorySet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "record", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Run stories through the agent under test and record every outcome as one run.",
        description = {
                "",
                "Loads the stories under PATH (files or folders, searched recursively) and selects them with the "
                        + "filters, validates the selected ones (any problem: nothing runs, exit 2; problems in files not "
                        + "selected are warnings), then runs each in a fresh copy of its fixture repository with the "
                        + "mode's agent, checks its expectations and commits its result to the history as it ends.",
                "",
                "The mode's agent comes from --agent-command, else modes.NAME in anvil.yaml (working folder, user "
                        + "config folder, then the nearest anvil.yaml above the story paths). Ctrl-C stops the story "
                        + "in flight, records it as an error and marks the run interrupted (exit 130).",
                ""},
        footerHeading = "%nExit codes:%n",
        footer = {"  0 every story passed, 1 a story failed or errored, 2 usage or setup error (invalid stories, "
                + "unknown mode, missing fixture), 130 interrupted."})
final class RecordCommand extends RecordingCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Story files (.yaml, .yml, .md) or folders of them.")
    List<Path> paths = new ArrayList<>();

    @Option(names = {"-m", "--mode"}, paramLabel = "NAME", defaultValue = "copilot-cli",
            description = "Mode the run is recorded under, and whose agent runs (default: ${DEFAULT-VALUE}).")
    String mode;

    @Mixin
    StoryFilterOptions filter = new StoryFilterOptions();

    @Option(names = "--import", paramLabel = "FILE",
            description = "Record a report produced elsewhere as one run of --mode, instead of running stories: the .NET "
                    + "Anvil's JSON report, JUnit XML, or a folder of JUnit XML files such as target/surefire-reports/. "
                    + "Anvil's own reports (--output-file, --junit) are imported as the run they are, with its id and mode: "
                    + "refused where it already is.")
    Path importFile;

    @Override
    public Integer call() {
        if (importFile != null) {
            return importReport();
        }
        if (paths.isEmpty()) {
            throw new AnvilException("no story paths given: anvil record PATH... --mode NAME (e.g. anvil record examples/stories --mode demo)");
        }
        return record(load(paths), paths, mode);
    }

    private List<Story> load(List<Path> storyPaths) {
        StorySet set = new StoryLoader().load(storyPaths, filter.filter());
        for (StoryProblem w : set.warnings()) {
            err().println("warning: " + w);
        }
        err().flush();
        if (!set.valid()) {
            for (StoryProblem p : set.problems()) {
                err().println(p);
            }
            err().flush();
            long files = set.problems().stream().map(StoryProblem::file).distinct().count();
            throw new AnvilException(set.problems().size() + " problem(s) in " + files
                    + " story file(s); nothing was recorded (fix them; anvil validate lists the same)");
        }
        return set.stories();
    }

    private int importReport() {
        if (!paths.isEmpty()) {
            throw new AnvilException("--import records a report instead of running stories; give either story paths or --import FILE");
        }
        if (!Files.isRegularFile(importFile) && !Files.isDirectory(importFile)) {
            throw new AnvilException("--import " + importFile + ": no such file or folder");
        }
        boolean modeGiven = spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption("--mode");
        try (HistoryDatabase db = openHistoryForWriting("record --import")) {
            Run run = ReportImporter.importReport(importFile, mode, modeGiven, db.repository());
            out().printf("imported %s as run %s of mode %s: %d stories, %d passed, %d failed (%d errors), %d skipped%n",
                    importFile, run.shortId(), run.mode(), run.totalStories(), run.passed(), run.failed(), run.errors(),
                    run.skipped());
            out().flush();
        }
        return 0;
    }
}
