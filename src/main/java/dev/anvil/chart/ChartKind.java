package dev.anvil.chart;

/** The pictures Anvil draws, each from the analysis table that holds its numbers. */
public enum ChartKind {
    /** {@code trend()}: pass rate per period and mode, a line with its 95% Wilson interval band. */
    TREND("trend"),
    /** {@code story("id")}: a strip of coloured cells per mode, one per outcome, oldest first. */
    TIMELINE("timeline"),
    /** {@code durations("id")}: one story's durations per mode as box plots, split at the change point. */
    DURATION_SPREAD("duration-spread"),
    /** {@code durations()}, {@code slower()}: median and p90 duration per story and mode, as bars. */
    DURATIONS("durations"),
    /** {@code modes()}: pass rate per mode per language, bars with their 95% Wilson intervals. */
    MODES("modes"),
    /** {@code flaky()}: pass rate against flip rate, one point per flaky story and mode. */
    FLAKY("flaky");

    private final String fileName;

    ChartKind(String fileName) {
        this.fileName = fileName;
    }

    /** The kind's name in file names: {@code anvil-plots/trend-<time>.png}. */
    public String fileName() {
        return fileName;
    }
}
