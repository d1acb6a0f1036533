package dev.anvil.story;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A plain-language development task for the agent, with the expectations its work must meet.
 *
 * @param id          the story id ({@code name} in YAML scenarios, {@code id} in Markdown)
 * @param description the text given to the agent as its prompt
 * @param repository  the fixture repository, resolved to an absolute path (null when none)
 * @param repositoryText the repository as written in the file, for messages
 * @param executor    {@code internal} or {@code copilot}, passed to Aura; null when unspecified
 * @param fileHash    SHA-256 (hex) of the story file, recorded with each result
 */
public record Story(
        String id,
        String title,
        String description,
        String language,
        String category,
        List<String> tags,
        Path file,
        StoryFormat format,
        Path repository,
        String repositoryText,
        List<Expectation> expectations,
        Duration timeout,
        String executor,
        String fileHash) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);

    public Story {
        tags = tags == null ? List.of() : List.copyOf(tags);
        expectations = expectations == null ? List.of() : List.copyOf(expectations);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    /** The same story under another id (a name shared by two stories of a suite, qualified by its folder). */
    public Story withId(String newId) {
        return new Story(newId, title, description, language, category, tags, file, format, repository, repositoryText,
                expectations, timeout, executor, fileHash);
    }

    /** The prompt for the agent: the title, then the description. */
    public String prompt() {
        if (title == null || title.isBlank()) {
            return description == null ? "" : description;
        }
        return description == null || description.isBlank() ? title : title + "\n\n" + description;
    }
}
