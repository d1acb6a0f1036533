package dev.anvil.story;

import java.nio.file.Path;

/** A story just read, with where its id was written (for messages) and the suite root it was found under. */
record LoadedStory(Story story, Path shownFile, int idLine, Path root) {
    LoadedStory(Story story, Path shownFile, int idLine) {
        this(story, shownFile, idLine, null);
    }
}
