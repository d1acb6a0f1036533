package dev.anvil.record.expect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The project {@code compiles} and {@code tests_pass} build for a C# story, found as the .NET
 * Anvil finds it: the first {@code *.sln} in the worktree's top folder, else the first
 * {@code *.csproj} anywhere below (shallowest first, then by path, so the choice is the same on
 * every machine). Folders whose names start with a dot, {@code bin} and {@code obj} are not searched.
 */
final class DotnetProject {
    private DotnetProject() {
    }

    static Path find(Path worktree) {
        try (Stream<Path> top = Files.list(worktree)) {
            Optional<Path> sln = top.filter(p -> name(p).endsWith(".sln") && Files.isRegularFile(p)).min(Comparator.naturalOrder());
            if (sln.isPresent()) {
                return sln.get();
            }
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
        try (Stream<Path> all = Files.walk(worktree)) {
            return all.filter(p -> name(p).endsWith(".csproj") && Files.isRegularFile(p) && !skipped(worktree, p))
                    .min(Comparator.comparingInt(Path::getNameCount).thenComparing(Comparator.naturalOrder()))
                    .orElse(null);
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }

    private static boolean skipped(Path root, Path file) {
        Path rel = root.relativize(file);
        for (int i = 0; i < rel.getNameCount() - 1; i++) {
            String part = rel.getName(i).toString();
            if (part.startsWith(".") || part.equals("bin") || part.equals("obj")) {
                return true;
            }
        }
        return false;
    }

    private static String name(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT);
    }
}
