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
 * is left out of the set, and so is a second story with an id already taken.
 */
public final class StoryLoader {
    private static final Set<String> SKIPPED_NAMES = Set.of("anvil.yaml", "anvil.yml");

    public StorySet load(List<Path> paths) {
        List<StoryProblem> problems = new ArrayList<>();
        Map<Path, Path> files = new LinkedHashMap<>(); // real location -> as the user will recognise it
        Set<Path> explicit = new LinkedHashSet<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                for (Path f : walk(path, problems)) {
                    files.putIfAbsent(f.toAbsolutePath().normalize(), f);
                }
            } else if (Files.isRegularFile(path)) {
                Path abs = path.toAbsolutePath().normalize();
                files.putIfAbsent(abs, path);
                explicit.add(abs);
            } else {
                problems.add(new StoryProblem(path, 0, "no such file or folder"));
            }
        }
        List<LoadedStory> loaded = new ArrayList<>();
        files.forEach((abs, shown) -> {
            LoadedStory s = readFile(shown, abs, explicit.contains(abs), problems);
            if (s != null) {
                loaded.add(s);
            }
        });
        List<Story> stories = new ArrayList<>();
        Map<String, LoadedStory> byId = new LinkedHashMap<>();
        for (LoadedStory s : loaded) {
            LoadedStory first = byId.putIfAbsent(s.story().id(), s);
            if (first == null) {
                stories.add(s.story());
            } else {
                problems.add(new StoryProblem(s.shownFile(), s.idLine(), "duplicate story id '" + s.story().id()
                        + "' (first in " + first.shownFile() + ":" + first.idLine() + ")"));
            }
        }
        return new StorySet(stories, problems);
    }

    public StorySet load(Path... paths) {
        return load(List.of(paths));
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
