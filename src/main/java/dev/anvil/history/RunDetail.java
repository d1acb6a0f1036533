package dev.anvil.history;

import java.util.List;

/** A run with its story results (each with its expectations). */
public record RunDetail(Run run, List<StoryResult> results) {
}
