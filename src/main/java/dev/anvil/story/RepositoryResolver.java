package dev.anvil.story;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a story's fixture repository. An absolute path is taken as it is; a relative one is tried
 * against the story file's folder, then each of its ancestors in turn, so a suite written for the
 * .NET Anvil ({@code repository: fixtures/hello} in {@code suite/csharp/hello.yaml}, resolved from
 * the suite root) works unchanged. The first folder that exists wins.
 */
public final class RepositoryResolver {
    private RepositoryResolver() {
    }

    public static Optional<Path> resolve(Path storyFile, String repository) {
        Path given;
        try {
            given = Path.of(expandHome(repository.trim()));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (given.isAbsolute()) {
            return Files.isDirectory(given) ? Optional.of(given.normalize()) : Optional.empty();
        }
        for (Path dir = storyFile.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(given).normalize();
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String expandHome(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return System.getProperty("user.home") + path.substring(1);
        }
        return path;
    }
}
