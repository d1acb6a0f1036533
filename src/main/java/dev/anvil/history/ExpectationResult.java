package dev.anvil.history;

/** The outcome of one expectation of a story, in the story's order. */
public record ExpectationResult(int position, String type, String description, ResultStatus status, String message) {
}
