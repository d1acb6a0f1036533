package dev.anvil.story;

import java.nio.file.Path;

/** Something wrong with a story file, where it is (line 0 when the whole file is concerned). */
public record StoryProblem(Path file, int line, String message) {
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
