package dev.anvil.shell;

/** Whether a piece of input is ready to evaluate (what a front end asks before sending it). */
public enum Completeness {
    /** Every snippet is complete (or the input is blank): evaluate it. */
    COMPLETE,
    /** The last snippet needs more input (an open brace, a missing semicolon in a statement). */
    INCOMPLETE,
    /** It cannot become valid Java by adding more input. */
    INVALID
}
