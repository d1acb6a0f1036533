package dev.anvil.story;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads stories from files and folders. A folder is searched recursively (hidden entries and
 * {@code anvil.yaml} skipped, files in name order): {@code .yaml}/{@code .yml} files are YAML
 * scenarios, {@code .md} files with front matter are Markdown stories, and a {@code .md} file
 * without front matter is documentation (a README) and ignored. A file named on the command line
 * must be a story. Every problem in every file is reported, with its line; a story with problems
 * is left out of the set.
 *
 * <p>Filters select before anything blocks: a file with problems that the filter does not select
 * (read as far as its name, tags and language can be), or whose selection cannot be told (its
 * YAML does not parse), is a warning, not a problem.
 *
 * <p>A story's id is its name when no other story of the suite has it, as the .NET Anvil keys its
 * scenarios; stories that share a name each get the id {@code folder/name}, the folder relative
 * to the suite root (the folder given; for a file given by itself, its folder), or the folder's
 * own name when the story sits in the root. The suite is everything loaded, selected or not, so a
 * filter never changes an id. Sharing a name is a warning; ids still equal after that a problem.
 */
public final class StoryLoader {
    private static final Set<String> SKIPPED_NAMES = Set.of("anvil.yaml", "anvil.yml");

    public StorySet load(List<Path> paths) {
        return load(paths, StoryFilter.ALL);
    }

    public StorySet load(Path... paths) {
        return load(List.of(paths));
    }

    public StorySet load(List<Path> paths, StoryFilter filter) {
        List<StoryProblem> problems = new ArrayList<>();
        List<StoryProblem> warnings = new ArrayList<>();
        Map<Path, Path> files = new LinkedHashMap<>(); // real location -> as the user will recognise it
        Map<Path, Path> roots = new LinkedHashMap<>(); // real location -> the suite root it was found under
        Set<Path> explicit = new LinkedHashSet<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                for (Path f : walk(path, problems)) {
                    Path abs = f.toAbsolutePath().normalize();
                    files.putIfAbsent(abs, f);
                    roots.putIfAbsent(abs, path.toAbsolutePath().normalize());
                }
            } else if (Files.isRegularFile(path)) {
                Path abs = path.toAbsolutePath().normalize();
                files.putIfAbsent(abs, path);
                roots.putIfAbsent(abs, abs.getParent());
                explicit.add(abs);
            } else {
                problems.add(new StoryProblem(path, 0, "no such file or folder"));
            }
        }
        List<LoadedStory> loaded = new ArrayList<>();
        files.forEach((abs, shown) -> {
            List<StoryProblem> own = new ArrayList<>();
            LoadedStory s = readFile(shown, abs, explicit.contains(abs), own);
            if (own.isEmpty()) {
                if (s != null) {
                    loaded.add(new LoadedStory(s.story(), s.shownFile(), s.idLine(), roots.get(abs)));
                }
                return;
            }
            String unselected = filter.selectsAll() ? null : SelectionFacts.whyUnselected(abs, filter);
            if (unselected == null) {
                problems.addAll(own);
            } else {
                own.forEach(p -> warnings.add(new StoryProblem(p.file(), p.line(), p.message() + " (" + unselected + ")")));
            }
        });
        List<Story> stories = uniqueIds(loaded, problems, warnings);
        List<Story> selected = filter.apply(stories);
        return new StorySet(selected, problems, warnings, stories.size());
    }

    /** Ids made unique as the class comment says; stories whose ids still collide are problems. */
    private static List<Story> uniqueIds(List<LoadedStory> loaded, List<StoryProblem> problems, List<StoryProblem> warnings) {
        Map<String, List<LoadedStory>> byName = new LinkedHashMap<>();
        for (LoadedStory s : loaded) {
            byName.computeIfAbsent(s.story().id(), k -> new ArrayList<>()).add(s);
        }
        Map<String, Integer> idCount = new java.util.HashMap<>();
        List<String> ids = new ArrayList<>();
        for (LoadedStory s : loaded) {
            String id = byName.get(s.story().id()).size() > 1 ? qualifier(s) + "/" + s.story().id() : s.story().id();
            ids.add(id);
            idCount.merge(id, 1, Integer::sum);
        }
        List<Story> stories = new ArrayList<>();
        Map<String, LoadedStory> first = new LinkedHashMap<>();
        for (int i = 0; i < loaded.size(); i++) {
            LoadedStory s = loaded.get(i);
            String name = s.story().id();
            String id = ids.get(i);
            LoadedStory earlier = first.putIfAbsent(id, s);
            if (earlier != null) {
                problems.add(new StoryProblem(s.shownFile(), s.idLine(), "duplicate story id '" + name + "' (first in "
                        + earlier.shownFile() + ":" + earlier.idLine() + ")" + (id.equals(name) ? ""
                        : "; stories that share a name must be in different folders")));
            } else if (idCount.get(id) > 1) {
                continue; // the first of a collision: no id to give it either
            } else if (!id.equals(name)) {
                List<String> others = byName.get(name).stream().filter(o -> o != s).map(o -> o.shownFile().toString()).toList();
                warnings.add(new StoryProblem(s.shownFile(), s.idLine(), "story name '" + name + "' is also used by "
                        + String.join(", ", others) + ": this story's id is '" + id + "'"));
                stories.add(s.story().withId(id));
            } else {
                stories.add(s.story());
            }
        }
        return stories;
    }

    /** The story's folder relative to its suite root, with '/'; the root's own name for a story at the root. */
    static String qualifier(LoadedStory s) {
        Path folder = s.story().file().toAbsolutePath().normalize().getParent();
        Path root = s.root() == null ? folder : s.root();
        Path rel = folder.startsWith(root) ? root.relativize(folder) : folder.getFileName();
        if (rel == null || rel.toString().isEmpty()) {
            rel = folder.getFileName();
        }
        return rel == null ? "" : rel.toString().replace('\\', '/');
    }

    private static LoadedStory readFile(Path shown, Path abs, boolean explicit, List<StoryProblem> problems) {
        String name = abs.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        boolean markdown = name.endsWith(".md");
        if (!yaml && !markdown) {
            problems.add(new StoryProblem(shown, 0, "not a story file (stories end in .yaml, .yml or .md)"));
            return null;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(abs);
        } catch (IOException e) {
            problems.add(new StoryProblem(shown, 0, "cannot read: " + e.getMessage()));
            return null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.add(new StoryProblem(shown, 0, "not UTF-8 text"));
            return null;
        }
        String hash = sha256(bytes);
        if (yaml) {
            return ScenarioReader.read(shown, abs, text, hash, problems);
        }
        if (!MarkdownStoryReader.hasFrontMatter(text)) {
            if (explicit) {
                problems.add(new StoryProblem(shown, 1, "no front matter: a Markdown story starts with a --- line, "
                        + "then id, title, language, ..., then ---"));
            }
            return null;
        }
        return MarkdownStoryReader.read(shown, abs, text, hash, problems);
    }

    private static List<Path> walk(Path dir, List<StoryProblem> problems) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !hidden(dir, p))
                    .filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return (n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".md")) && !SKIPPED_NAMES.contains(n);
                    })
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            problems.add(new StoryProblem(dir, 0, "cannot search this folder: " + io.getClass().getSimpleName()
                    + (io.getMessage() == null ? "" : " " + io.getMessage())));
            return List.of();
        }
    }

    /** Hidden below the folder given (.git, .anvil, ...); the folder itself may be anywhere. */
    private static boolean hidden(Path root, Path p) {
        for (Path part : root.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
