package dev.anvil.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** An {@code ExpectationResults} row exactly as stored; its result is the enclosing one. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"position", "type", "description", "status", "message"})
public record StoredExpectation(Integer position, String type, String description, String status, String message) {
}
