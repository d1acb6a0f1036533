package dev.anvil.cli;

import dev.anvil.story.StoryFilter;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The story selection options shared by {@code validate} and {@code record}: a picocli mixin. */
public final class StoryFilterOptions {
    @Option(names = "--tag", paramLabel = "TAG", split = ",",
            description = "Only stories with any of these tags (repeatable, or comma-separated).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--exclude-tag", paramLabel = "TAG", split = ",",
            description = "Leave out stories with any of these tags (repeatable, or comma-separated).")
    List<String> excludeTags = new ArrayList<>();

    @Option(names = "--language", paramLabel = "LANG",
            description = "Only stories in this language (csharp, python, java, ...).")
    String language;

    @Option(names = "--name", paramLabel = "GLOB",
            description = "Only stories whose id matches GLOB (* any characters, ? one character).")
    String name;

    public StoryFilter filter() {
        return new StoryFilter(tags, excludeTags, language, name);
    }
}
