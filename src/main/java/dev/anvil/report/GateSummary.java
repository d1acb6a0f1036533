package dev.anvil.report;

import dev.anvil.analysis.FlakyStory;
import dev.anvil.analysis.PassRate;
import dev.anvil.analysis.Regression;
import dev.anvil.history.Ids;
import dev.anvil.history.Run;
import dev.anvil.history.StoryResult;
import dev.anvil.history.Timestamps;

import java.util.List;
import java.util.Locale;

/** The gate's verdict as people read it: plain text for a terminal, Markdown for a CI job summary. */
public final class GateSummary {
    /** Failing stories listed by name at most, per kind; the rest are counted. */
    static final int LISTED = 20;

    private GateSummary() {
    }

    public static String text(Gate.Verdict v) {
        StringBuilder sb = new StringBuilder();
        sb.append("gate: ").append(v.failed() ? "FAIL" : "PASS").append("  run ").append(describe(v.run()))
                .append(" against ").append(v.baseline().described()).append('\n');
        if (v.regressions().isEmpty()) {
            sb.append("  no new significant regression\n");
        }
        for (Regression r : limit(v.regressions())) {
            sb.append("  regression: ").append(r.storyId()).append(" (").append(r.mode()).append("): ")
                    .append(evidence(r)).append('\n');
        }
        more(sb, "  ", v.regressions().size(), "regression(s)");
        sb.append("  pass rate: ").append(passRate(v.passRate())).append('\n');
        for (FlakyStory f : limit(v.flakyFailures())) {
            sb.append("  flaky, not counted: ").append(f.storyId()).append(" ").append(flakyEvidence(f)).append('\n');
        }
        more(sb, "  ", v.flakyFailures().size(), "flaky failure(s)");
        for (StoryResult r : limit(v.otherFailures())) {
            sb.append("  ").append(r.status().dbValue()).append(", not a significant change: ").append(r.storyId())
                    .append(r.errorMessage() == null ? "" : ": " + firstLine(r.errorMessage())).append('\n');
        }
        more(sb, "  ", v.otherFailures().size(), "other failure(s)");
        return sb.toString();
    }

    public static String markdown(Gate.Verdict v) {
        StringBuilder sb = new StringBuilder();
        sb.append("## Anvil gate: ").append(v.failed() ? "❌ failed" : "✅ passed").append("\n\n");
        sb.append("Run `").append(v.run().shortId()).append("` (").append(md(v.run().mode()))
                .append(v.run().label() == null ? "" : ", " + md(v.run().label()))
                .append(v.run().sutRevision() == null ? "" : ", revision `" + v.run().sutRevision() + "`")
                .append(", ").append(time(v.run())).append(") against ").append(md(v.baseline().described())).append(".\n\n");
        sb.append("| Check | Result |\n|---|---|\n");
        sb.append("| New significant regressions | ").append(v.regressions().size()).append(" |\n");
        sb.append("| Pass rate | ").append(md(passRate(v.passRate()))).append(" |\n");
        sb.append("| Flaky failures (not counted) | ").append(v.flakyFailures().size()).append(" |\n");
        sb.append("| Other failures (not significant) | ").append(v.otherFailures().size()).append(" |\n\n");
        if (!v.regressions().isEmpty()) {
            sb.append("### Regressions\n\n| Story | Mode | Since run | Revision | Evidence |\n|---|---|---|---|---|\n");
            for (Regression r : limit(v.regressions())) {
                sb.append("| ").append(md(r.storyId())).append(" | ").append(md(r.mode())).append(" | `")
                        .append(Ids.shortId(r.firstFailingRunId())).append("` | ")
                        .append(r.sutRevision() == null ? "" : "`" + revision(r.sutRevision()) + "`").append(" | ")
                        .append(md(evidence(r))).append(" |\n");
            }
            moreMd(sb, v.regressions().size());
        }
        if (!v.flakyFailures().isEmpty()) {
            sb.append("### Flaky failures (not counted)\n\n| Story | Evidence |\n|---|---|\n");
            for (FlakyStory f : limit(v.flakyFailures())) {
                sb.append("| ").append(md(f.storyId())).append(" | ").append(md(flakyEvidence(f))).append(" |\n");
            }
            moreMd(sb, v.flakyFailures().size());
        }
        return sb.toString();
    }

    static String evidence(Regression r) {
        return String.format(Locale.ROOT, "passed %s of %d before run %s%s, %s of %d since; p = %s",
                percent(r.passRateBefore()), r.runsBefore(), Ids.shortId(r.firstFailingRunId()),
                r.sutRevision() == null ? "" : " (revision " + revision(r.sutRevision()) + ")",
                percent(r.passRateAfter()), r.runsAfter(), pValue(r.pValue()));
    }

    /** A revision as people quote it: a git hash shortened to 12 characters, anything else as it is. */
    static String revision(String rev) {
        return rev != null && rev.length() > 12 && rev.matches("[0-9a-f]+") ? rev.substring(0, 12) : rev;
    }

    static String flakyEvidence(FlakyStory f) {
        return String.format(Locale.ROOT, "passes %s [%s, %s] of %d runs, flips %s of the time",
                percent(f.passRate()), percent(f.passRateLow()), percent(f.passRateHigh()), f.runs(), percent(f.flipRate()));
    }

    static String passRate(PassRateCheck c) {
        if (!c.comparable()) {
            return rate(c.run()) + (c.baselineRuns() == 0 ? "; no baseline runs to compare with" : "; nothing counted to compare");
        }
        String verdict = c.significantDrop() ? "a significant drop"
                : c.drop() > c.maxDrop() ? "a drop, but not significant (p >= " + PassRateCheck.ALPHA + ")"
                : "within " + points(c.maxDrop()) + " of the baseline";
        return String.format(Locale.ROOT, "%s vs %s over %d baseline run(s): %s %s points, p = %s: %s",
                rate(c.run()), rate(c.baseline()), c.baselineRuns(), c.drop() >= 0 ? "down" : "up",
                String.format(Locale.ROOT, "%.1f", Math.abs(c.drop()) * 100), pValue(c.pValue()), verdict);
    }

    static String rate(PassRate r) {
        if (r.rate() == null) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%s [%s, %s] (%d/%d)", percent(r.rate()), percent(r.low()), percent(r.high()),
                r.passed(), r.counted());
    }

    static String percent(double v) {
        return String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    static String pValue(double p) {
        return p < 0.0001 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
    }

    private static String points(double fraction) {
        return String.format(Locale.ROOT, "%.1f points", fraction * 100);
    }

    private static String describe(Run r) {
        return r.shortId() + " (" + r.mode() + (r.label() == null ? "" : ", " + r.label()) + ", " + time(r) + ")";
    }

    private static String time(Run r) {
        return Timestamps.format(r.startedAt()).substring(0, 16).replace('T', ' ') + " UTC";
    }

    private static <T> List<T> limit(List<T> list) {
        return list.size() <= LISTED ? list : list.subList(0, LISTED);
    }

    private static void more(StringBuilder sb, String indent, int size, String what) {
        if (size > LISTED) {
            sb.append(indent).append("... and ").append(size - LISTED).append(" more ").append(what).append('\n');
        }
    }

    private static void moreMd(StringBuilder sb, int size) {
        sb.append(size > LISTED ? "\n… and " + (size - LISTED) + " more.\n\n" : "\n");
    }

    static String firstLine(String s) {
        String line = s.lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 159) + "…" : line;
    }

    /** Markdown table cell text: pipes and line breaks would end the cell. */
    private static String md(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
