package dev.anvil.story;

import java.util.List;

/**
 * What loading found.
 *
 * @param stories  the valid stories the filter selected, with their final ids
 * @param problems what blocks a run: problems in files the filter selects (or every file, unfiltered)
 * @param warnings what does not: names shared by several stories, problems in files not selected
 * @param found    how many valid stories the paths hold, selected or not
 */
public record StorySet(List<Story> stories, List<StoryProblem> problems, List<StoryProblem> warnings, int found) {
    public StorySet {
        stories = List.copyOf(stories);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    public StorySet(List<Story> stories, List<StoryProblem> problems) {
        this(stories, problems, List.of(), stories.size());
    }

    public boolean valid() {
        return problems.isEmpty();
    }
}
