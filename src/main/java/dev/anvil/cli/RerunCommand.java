package dev.anvil.cli;

import dev.anvil.AnvilException;
import dev.anvil.history.HistoryDatabase;
import dev.anvil.history.Run;
import dev.anvil.history.StoryResult;
import dev.anvil.record.RerunPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "rerun", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Run the stories of a recorded run again, as a new run (ADR-012).",
        description = {
                "",
                "Finds each story of RUN (a run id prefix, latest or latest~N) by the file it was recorded from, "
                        + "loads it as it is now, and records the lot as a new run of the same mode (or --mode). "
                        + "Stories whose file is gone, or no longer holds them, are reported and left out.",
                ""},
        footerHeading = "%nExit codes:%n",
        footer = {"  0 every story passed, 1 a story failed or errored, 2 usage or setup error, 130 interrupted."})
final class RerunCommand extends RecordingCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "The run to repeat: an id prefix, latest or latest~N.")
    String runName;

    @Option(names = "--failed-only", description = "Only the stories that failed or errored in RUN.")
    boolean failedOnly;

    @Option(names = {"-m", "--mode"}, paramLabel = "NAME", description = "Record under this mode (default: RUN's mode).")
    String mode;

    @Override
    public Integer call() {
        Run run;
        java.util.List<StoryResult> results;
        try (HistoryDatabase db = openHistory()) {
            run = db.repository().resolveRun(runName);
            results = db.repository().results(run.id());
        }
        RerunPlan plan = RerunPlan.of(results, failedOnly);
        for (String missing : plan.missing()) {
            err().println("anvil: not rerun: " + missing);
        }
        for (String problem : plan.problems()) {
            err().println(problem);
        }
        err().flush();
        if (!plan.problems().isEmpty()) {
            throw new AnvilException("story files of run " + run.shortId() + " have problems now; nothing was recorded");
        }
        if (plan.stories().isEmpty()) {
            throw new AnvilException(failedOnly
                    ? "run " + run.shortId() + " has no failed story left to rerun"
                    : "run " + run.shortId() + " has no story left to rerun");
        }
        return record(plan.stories(), plan.files(), mode != null ? mode : run.mode());
    }
}
