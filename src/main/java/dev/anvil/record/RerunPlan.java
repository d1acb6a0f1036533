package dev.anvil.record;

import dev.anvil.history.ResultStatus;
import dev.anvil.history.StoryResult;
import dev.anvil.story.Story;
import dev.anvil.story.StoryLoader;
import dev.anvil.story.StoryProblem;
import dev.anvil.story.StorySet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stories of a recorded run, found again by the files they were recorded from (StoryPath),
 * as those files are now.
 *
 * @param missing  stories that cannot be rerun, each with why (file gone, story no longer in it)
 * @param problems problems in the files found (a rerun refuses them, as record does)
 */
public record RerunPlan(List<Story> stories, List<Path> files, List<String> missing, List<String> problems) {

    public static RerunPlan of(List<StoryResult> results, boolean failedOnly) {
        Map<String, Path> wanted = new LinkedHashMap<>(); // story id -> file it came from
        for (StoryResult r : results) {
            boolean failed = r.status() == ResultStatus.FAILED || r.status() == ResultStatus.ERROR;
            if (!failedOnly || failed) {
                wanted.putIfAbsent(r.storyId(), r.storyPath() == null ? null : Path.of(r.storyPath()));
            }
        }
        List<String> missing = new ArrayList<>();
        Set<Path> files = new LinkedHashSet<>();
        wanted.forEach((id, file) -> {
            if (file == null || !Files.isRegularFile(file)) {
                missing.add("story " + id + ": its file " + file + " is gone");
            } else {
                files.add(file);
            }
        });
        if (files.isEmpty()) {
            return new RerunPlan(List.of(), List.of(), missing, List.of());
        }
        StorySet set = new StoryLoader().load(new ArrayList<>(files));
        List<String> problems = new ArrayList<>();
        for (StoryProblem p : set.problems()) {
            problems.add(p.toString());
        }
        Map<String, Story> byId = new LinkedHashMap<>();
        for (Story s : set.stories()) {
            byId.put(s.id(), s);
        }
        List<Story> stories = new ArrayList<>();
        wanted.forEach((id, file) -> {
            Story s = byId.get(id);
            if (s == null && file != null) {
                s = qualifiedAtRecording(set.stories(), id, file);
            }
            if (s != null) {
                stories.add(s);
            } else if (file != null && files.contains(file) && problems.isEmpty()) {
                missing.add("story " + id + ": " + file + " no longer holds it");
            }
        });
        return new RerunPlan(stories, new ArrayList<>(files), missing, problems);
    }

    /**
     * A story recorded as {@code FOLDER/NAME} (its name was shared in the suite then) whose file,
     * loaded alone now, gives it the plain name: the same story, rerun under its recorded id.
     */
    private static Story qualifiedAtRecording(List<Story> loaded, String id, Path file) {
        int slash = id.lastIndexOf('/');
        if (slash < 0) {
            return null;
        }
        String name = id.substring(slash + 1);
        Path abs = file.toAbsolutePath().normalize();
        for (Story s : loaded) {
            boolean sameFile = s.file() != null && s.file().toAbsolutePath().normalize().equals(abs);
            if (sameFile && (s.id().equals(name) || s.id().endsWith("/" + name))) {
                return s.withId(id);
            }
        }
        return null;
    }
}
