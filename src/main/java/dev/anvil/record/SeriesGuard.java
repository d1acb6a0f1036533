package dev.anvil.record;

import dev.anvil.history.HistoryRepository;
import dev.anvil.story.Story;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Keeps two different stories out of one series across runs. Within one suite a shared name is
 * qualified by the loader; but recording {@code calibration/} and then {@code test/} gives each
 * story its plain name, and both would land in one series. A story whose id the history last saw
 * recorded from another file with other content is a different story: it is recorded as
 * {@code FOLDER/NAME} (its folder's name), with a warning. A moved file (same content) or an
 * edited one (same path) is the same story and keeps its id, and so does one whose earlier results
 * came from an imported report (no hash, or a path from another machine): nothing to compare.
 */
public final class SeriesGuard {
    private SeriesGuard() {
    }

    public static List<Story> distinct(HistoryRepository repo, List<Story> stories, Consumer<String> warn) {
        List<Story> out = new ArrayList<>(stories.size());
        for (Story s : stories) {
            out.add(distinct(repo, s, warn));
        }
        return out;
    }

    private static Story distinct(HistoryRepository repo, Story s, Consumer<String> warn) {
        if (s.file() == null || s.id().contains("/")) {
            return s; // already qualified by its folder
        }
        String path = s.file().toAbsolutePath().normalize().toString();
        Optional<HistoryRepository.StoryOrigin> before = repo.lastOrigin(s.id());
        if (before.isEmpty() || before.get().hash() == null || before.get().path() == null
                || !Path.of(before.get().path()).isAbsolute()
                || before.get().path().equals(path) || Objects.equals(before.get().hash(), s.fileHash())) {
            return s; // the same story, or one recorded elsewhere (an imported report) that cannot be told apart
        }
        Path folder = s.file().toAbsolutePath().normalize().getParent();
        String id = (folder == null || folder.getFileName() == null ? "" : folder.getFileName().toString()) + "/" + s.id();
        warn.accept("story '" + s.id() + "' in " + s.file() + ": the history's '" + s.id() + "' was recorded from "
                + before.get().path() + ", a different story; recorded as '" + id
                + "' so the two series stay apart (give one of them another name)");
        return s.withId(id);
    }
}
