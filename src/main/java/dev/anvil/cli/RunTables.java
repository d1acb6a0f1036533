package dev.anvil.cli;

import dev.anvil.history.ExpectationResult;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Run;
import dev.anvil.history.StoryResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Runs and results as Tablesaw tables for the CLI: a human form (short id, rounded pass %, a
 * readable duration) for table and markdown, a machine form (full ids, ISO instants, numbers
 * unrounded, camelCase names) for json and csv. {@code failed} counts failures without errors,
 * so total = passed + failed + errors + skipped.
 */
final class RunTables {
    private RunTables() {
    }

    /** The human form of a run list: short id, rounded pass %, readable duration. */
    static TextGrid runsForPeople(List<Run> runs) {
        TextGrid grid = new TextGrid("runs")
                .column("id", TextGrid.Kind.TEXT)
                .column("started", TextGrid.Kind.INSTANT)
                .column("mode", TextGrid.Kind.TEXT)
                .column("label", TextGrid.Kind.TEXT)
                .column("total", TextGrid.Kind.INTEGER)
                .column("passed", TextGrid.Kind.INTEGER)
                .column("failed", TextGrid.Kind.INTEGER)
                .column("errors", TextGrid.Kind.INTEGER)
                .column("skipped", TextGrid.Kind.INTEGER)
                .column("pass %", TextGrid.Kind.TEXT)
                .column("duration", TextGrid.Kind.TEXT)
                .column("status", TextGrid.Kind.TEXT);
        for (Run r : runs) {
            grid.row(r.shortId(), r.startedAt(), r.mode(), r.label() == null ? "" : r.label(), r.totalStories(),
                    r.passed(), r.failed() - r.errors(), r.errors(), r.skipped(),
                    r.passRate() == null ? "" : String.format(Locale.ROOT, "%.1f", 100 * r.passRate()),
                    humanDuration(r.duration()), r.status().dbValue());
        }
        return grid;
    }

    /** The machine form: full ids, ISO instants, passRate as a fraction, durationMs. */
    static Table runsForPrograms(List<Run> runs) {
        return runsForProgramsTable(runs);
    }

    private static Table runsForProgramsTable(List<Run> runs) {
        StringColumn id = StringColumn.create("id");
        StringColumn shortId = StringColumn.create("shortId");
        InstantColumn started = InstantColumn.create("startedAt");
        InstantColumn completed = InstantColumn.create("completedAt");
        StringColumn mode = StringColumn.create("mode");
        StringColumn label = StringColumn.create("label");
        StringColumn sut = StringColumn.create("sutRevision");
        StringColumn host = StringColumn.create("host");
        IntColumn total = IntColumn.create("total");
        IntColumn passed = IntColumn.create("passed");
        IntColumn failed = IntColumn.create("failed");
        IntColumn errors = IntColumn.create("errors");
        IntColumn skipped = IntColumn.create("skipped");
        DoubleColumn passRate = DoubleColumn.create("passRate");
        LongColumn durationMs = LongColumn.create("durationMs");
        StringColumn status = StringColumn.create("status");
        for (Run r : runs) {
            id.append(r.id());
            shortId.append(r.shortId());
            appendInstant(started, r.startedAt());
            appendInstant(completed, r.completedAt());
            mode.append(r.mode());
            appendText(label, r.label());
            appendText(sut, r.sutRevision());
            appendText(host, r.host());
            total.append(r.totalStories());
            passed.append(r.passed());
            failed.append(r.failed() - r.errors());
            errors.append(r.errors());
            skipped.append(r.skipped());
            if (r.passRate() == null) {
                passRate.appendMissing();
            } else {
                passRate.append(r.passRate());
            }
            if (r.duration() == null) {
                durationMs.appendMissing();
            } else {
                durationMs.append(r.duration().toMillis());
            }
            status.append(r.status().dbValue());
        }
        return Table.create("runs", id, shortId, started, completed, mode, label, sut, host, total, passed, failed,
                errors, skipped, passRate, durationMs, status);
    }

    /** A run's results: story, language, status, duration, expectations passed of all, error. */
    static Table results(List<StoryResult> results, boolean machine) {
        StringColumn resultId = StringColumn.create("resultId");
        StringColumn story = StringColumn.create(machine ? "storyId" : "story");
        StringColumn path = StringColumn.create("storyPath");
        StringColumn language = StringColumn.create("language");
        StringColumn status = StringColumn.create("status");
        StringColumn duration = StringColumn.create("duration");
        LongColumn durationMs = LongColumn.create("durationMs");
        StringColumn expectations = StringColumn.create("expectations");
        IntColumn expectationsPassed = IntColumn.create("expectationsPassed");
        IntColumn expectationsTotal = IntColumn.create("expectationsTotal");
        InstantColumn executed = InstantColumn.create("executedAt");
        StringColumn error = StringColumn.create(machine ? "errorMessage" : "error");
        for (StoryResult r : results) {
            int ok = 0;
            for (ExpectationResult e : r.expectations()) {
                ok += e.status() == ResultStatus.PASSED ? 1 : 0;
            }
            resultId.append(r.id());
            story.append(r.storyId());
            path.append(r.storyPath());
            language.append(r.language());
            status.append(r.status().dbValue());
            duration.append(r.durationMs() == null ? "" : humanDuration(Duration.ofMillis(r.durationMs())));
            if (r.durationMs() == null) {
                durationMs.appendMissing();
            } else {
                durationMs.append(r.durationMs());
            }
            expectations.append(r.expectations().isEmpty() ? "" : ok + "/" + r.expectations().size());
            expectationsPassed.append(ok);
            expectationsTotal.append(r.expectations().size());
            appendInstant(executed, r.executedAt());
            if (machine) {
                appendText(error, r.errorMessage());
            } else {
                error.append(oneLine(r.errorMessage(), 100));
            }
        }
        return machine
                ? Table.create("results", resultId, story, path, language, status, durationMs, expectationsPassed,
                        expectationsTotal, executed, error)
                : Table.create("results", story, language, status, duration, expectations, error);
    }

    /** One row per expectation of every result, in the story's order. */
    static Table expectations(List<StoryResult> results, boolean machine) {
        StringColumn resultId = StringColumn.create("resultId");
        StringColumn story = StringColumn.create(machine ? "storyId" : "story");
        IntColumn position = IntColumn.create(machine ? "position" : "#");
        StringColumn type = StringColumn.create("type");
        StringColumn description = StringColumn.create("description");
        StringColumn status = StringColumn.create("status");
        StringColumn message = StringColumn.create("message");
        for (StoryResult r : results) {
            for (ExpectationResult e : r.expectations()) {
                resultId.append(r.id());
                story.append(r.storyId());
                position.append(e.position());
                type.append(e.type());
                if (machine) {
                    appendText(description, e.description());
                    appendText(message, e.message());
                } else {
                    description.append(oneLine(e.description(), 60));
                    message.append(oneLine(e.message(), 80));
                }
                status.append(e.status().dbValue());
            }
        }
        return machine
                ? Table.create("expectations", resultId, story, position, type, description, status, message)
                : Table.create("expectations", story, position, type, status, description, message);
    }

    static String humanDuration(Duration d) {
        if (d == null) {
            return "";
        }
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long s = d.toSeconds();
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
    }

    static String oneLine(String text, int max) {
        if (text == null) {
            return "";
        }
        String t = text.strip();
        int nl = t.indexOf('\n');
        if (nl >= 0) {
            t = t.substring(0, nl).strip() + " ...";
        }
        return t.length() <= max ? t : t.substring(0, max - 3) + "...";
    }

    private static void appendInstant(InstantColumn c, Instant v) {
        if (v == null) {
            c.appendMissing();
        } else {
            c.append(v);
        }
    }

    private static void appendText(StringColumn c, String v) {
        if (v == null) {
            c.appendMissing();
        } else {
            c.append(v);
        }
    }
}
