package dev.anvil.story;

import java.nio.file.Path;

/** A story just read, with where its id was written (for duplicate-id messages). */
record LoadedStory(Story story, Path shownFile, int idLine) {
}
