package dev.anvil.record;

import dev.anvil.history.Run;
import dev.anvil.history.StoryResult;
import dev.anvil.story.Story;

import java.util.List;

/** Hears a run as it is recorded (the terminal's progress). Called from worker threads. */
public interface RecordListener {
    default void runStarted(Run run, List<Story> stories) {
    }

    default void storyStarted(Story story) {
    }

    /** @param done how many stories have finished, this one included */
    default void storyFinished(Story story, StoryResult result, int done, int total) {
    }

    default void runFinished(RecordOutcome outcome) {
    }

    RecordListener NONE = new RecordListener() { };
}
