package dev.anvil.shell;

import dev.anvil.analysis.AnalysisFilter;
import dev.anvil.analysis.Every;

/**
 * The options of an analysis in a snippet, built fluently:
 * {@code regressions(opts().mode("copilot-cli").since("30d"))}. Each call returns a new Opts.
 */
public final class Opts {
    private final AnalysisFilter filter;
    private final Every every;
    private final boolean includeFixed;

    private Opts(AnalysisFilter filter, Every every) {
        this(filter, every, false);
    }

    private Opts(AnalysisFilter filter, Every every, boolean includeFixed) {
        this.filter = filter;
        this.every = every;
        this.includeFixed = includeFixed;
    }

    /** The whole history, series per story and mode, a trend per week. */
    public static Opts all() {
        return new Opts(AnalysisFilter.all(), Every.WEEK);
    }

    /** Only runs of this mode ({@code copilot-cli}, {@code aura-agents}, {@code story-ui}, ...). */
    public Opts mode(String mode) {
        return new Opts(filter.withMode(mode), every, includeFixed);
    }

    /** Only results in this language. */
    public Opts language(String language) {
        return new Opts(filter.withLanguage(language), every, includeFixed);
    }

    /** Only this story. */
    public Opts story(String storyId) {
        return new Opts(filter.withStory(storyId), every, includeFixed);
    }

    /** Only runs since then: {@code 30m}, {@code 12h}, {@code 7d}, {@code 2w}, {@code 2026-11-01} or an ISO instant. */
    public Opts since(String since) {
        return new Opts(filter.withSince(since), every, includeFixed);
    }

    /** Split series by language as well as story and mode. */
    public Opts byLanguage() {
        return new Opts(filter.withByLanguage(true), every, includeFixed);
    }

    /** Count error results (infrastructure) as failures. */
    public Opts errorsAsFailures() {
        return new Opts(filter.withErrorsAsFailures(true), every, includeFixed);
    }

    /** The trend's period: {@code day}, {@code week} or {@code run}. */
    public Opts every(String period) {
        return new Opts(filter, Every.parse(period), includeFixed);
    }

    /** Regressions that were fixed since are listed too (as {@code anvil analyze regressions --all}). */
    public Opts includeFixed() {
        return new Opts(filter, every, true);
    }

    public boolean includesFixed() {
        return includeFixed;
    }

    public AnalysisFilter filter() {
        return filter;
    }

    public Every period() {
        return every;
    }

    @Override
    public String toString() {
        return "Opts" + filter + " every " + every.name().toLowerCase(java.util.Locale.ROOT) + (includeFixed ? " includeFixed" : "");
    }
}
