package dev.anvil.shell;

import dev.anvil.AnvilException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where saved queries live and how a name finds one. A NAME is looked up as {@code NAME.jsh}, then
 * {@code NAME.sql}, in {@code queries/} of the working folder, then in the {@code queries/} folder of
 * the Anvil installation (beside {@code target/} holding the jar, i.e. the project's own queries),
 * so the team's queries run from anywhere and a local folder can override one.
 */
public final class SavedQueries {
    public static final String FOLDER = "queries";

    /** A saved query: its name (file name without extension), file and first comment line. */
    public record SavedQuery(String name, Path file, String description) {
        public boolean isSql() {
            return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sql");
        }
    }

    private final List<Path> folders;

    public SavedQueries(List<Path> folders) {
        this.folders = List.copyOf(folders);
    }

    /** The working folder's {@code queries/}, then the installation's. */
    public static SavedQueries standard() {
        Set<Path> folders = new LinkedHashSet<>();
        folders.add(Path.of(FOLDER).toAbsolutePath().normalize());
        installationFolder().ifPresent(folders::add);
        return new SavedQueries(new ArrayList<>(folders));
    }

    static java.util.Optional<Path> installationFolder() {
        try {
            Path code = Path.of(SavedQueries.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // target/anvil.jar or target/classes: the project is the folder holding target/
            Path project = code.getParent() == null ? null : code.getParent().getParent();
            if (project != null && Files.isDirectory(project.resolve(FOLDER))) {
                return java.util.Optional.of(project.resolve(FOLDER).toAbsolutePath().normalize());
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no code source (an unusual class loader): only the working folder counts
        }
        return java.util.Optional.empty();
    }

    public List<Path> folders() {
        return folders;
    }

    /** A path to an existing file, or a NAME looked up in the folders. */
    public Path resolve(String fileOrName) {
        Path direct = Path.of(fileOrName);
        if (Files.isRegularFile(direct)) {
            checkExtension(direct);
            return direct;
        }
        boolean looksLikeName = !fileOrName.contains("/") && !fileOrName.contains("\\")
                && !fileOrName.endsWith(".jsh") && !fileOrName.endsWith(".sql");
        if (looksLikeName) {
            for (Path folder : folders) {
                for (String ext : new String[] {".jsh", ".sql"}) {
                    Path p = folder.resolve(fileOrName + ext);
                    if (Files.isRegularFile(p)) {
                        return p;
                    }
                }
            }
            throw new AnvilException("no saved query named '" + fileOrName + "': looked for " + fileOrName
                    + ".jsh and " + fileOrName + ".sql in " + folders + "; 'anvil query --list' shows them");
        }
        throw new AnvilException(fileOrName + ": no such file");
    }

    private static void checkExtension(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!n.endsWith(".jsh") && !n.endsWith(".sql")) {
            throw new AnvilException(file + ": a saved query is a .jsh (Java) or .sql file");
        }
    }

    /** Every saved query, by name; a name in an earlier folder hides the same name in a later one. */
    public List<SavedQuery> list() {
        Map<String, SavedQuery> byName = new LinkedHashMap<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(Files::isRegularFile)
                        .filter(p -> p.toString().endsWith(".jsh") || p.toString().endsWith(".sql"))
                        .sorted()
                        .forEach(p -> {
                            String file = p.getFileName().toString();
                            String name = file.substring(0, file.lastIndexOf('.'));
                            byName.putIfAbsent(name, new SavedQuery(name, p, description(p)));
                        });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<SavedQuery> out = new ArrayList<>(byName.values());
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    static String description(Path file) {
        try {
            String text = Files.readString(file);
            return SqlScript.description(text, file.toString().endsWith(".sql") ? "--" : "//");
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
