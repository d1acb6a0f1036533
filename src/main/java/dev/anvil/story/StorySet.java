package dev.anvil.story;

import java.util.List;

/** What loading found: the valid stories, and every problem in the files that were not. */
public record StorySet(List<Story> stories, List<StoryProblem> problems) {
    public StorySet {
        stories = List.copyOf(stories);
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }
}
