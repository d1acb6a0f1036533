package dev.anvil.story;

/** The two story file formats: the .NET Anvil's YAML scenarios and ADR-008 Markdown with front matter. */
public enum StoryFormat {
    YAML, MARKDOWN
}
