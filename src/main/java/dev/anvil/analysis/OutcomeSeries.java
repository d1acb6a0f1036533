package dev.anvil.analysis;

/**
 * The counted outcomes of one series (a story in a mode, or in a language with
 * {@code byLanguage}), oldest first: {@code passed[i]} is whether the i-th counted result passed,
 * {@code runs[i]} the index of its run in the {@link OutcomeHistory}. Skipped results are never
 * in a series; errors only when counted as failures.
 */
public final class OutcomeSeries {
    private final String storyId;
    private final String mode;
    private final String language;
    private boolean[] passed;
    private int[] runs;
    private int size;

    OutcomeSeries(String storyId, String mode, String language) {
        this.storyId = storyId;
        this.mode = mode;
        this.language = language;
        this.passed = new boolean[16];
        this.runs = new int[16];
    }

    void add(int run, boolean pass) {
        if (size == runs.length) {
            runs = java.util.Arrays.copyOf(runs, size * 2);
            passed = java.util.Arrays.copyOf(passed, size * 2);
        }
        runs[size] = run;
        passed[size] = pass;
        size++;
    }

    public String storyId() {
        return storyId;
    }

    /** The mode, or null for a series per language that spans modes. */
    public String mode() {
        return mode;
    }

    /** The language with {@code byLanguage}; null per mode (see {@link OutcomeHistory#language}). */
    public String language() {
        return language;
    }

    public int size() {
        return size;
    }

    public boolean passed(int i) {
        return passed[i];
    }

    /** Index of the i-th outcome's run in its {@link OutcomeHistory}. */
    public int run(int i) {
        return runs[i];
    }

    /** Passes in {@code [from, to)}. Linear; analyses use their own prefix sums. */
    public int passes(int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (passed[i]) {
                n++;
            }
        }
        return n;
    }

    /** Prefix sums of passes: {@code p[i]} = passes among the first i outcomes. */
    public int[] prefixPasses() {
        int[] p = new int[size + 1];
        for (int i = 0; i < size; i++) {
            p[i + 1] = p[i] + (passed[i] ? 1 : 0);
        }
        return p;
    }
}
