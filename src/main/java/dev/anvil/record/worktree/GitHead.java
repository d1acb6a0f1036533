package dev.anvil.record.worktree;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the commit a repository's HEAD points at from its files, without starting git: one
 * process less per story on the recorder's hot path. Anything unusual (a {@code .git} file, a
 * ref in a packed form it does not find) gives null, and the caller asks git.
 */
final class GitHead {
    private GitHead() {
    }

    static String read(Path repo) {
        Path git = repo.resolve(".git");
        try {
            if (!Files.isDirectory(git)) {
                return null;
            }
            String head = Files.readString(git.resolve("HEAD"), StandardCharsets.UTF_8).strip();
            if (!head.startsWith("ref: ")) {
                return head.matches("[0-9a-f]{40,64}") ? head : null;
            }
            String ref = head.substring(5).strip();
            if (ref.contains("..")) {
                return null;
            }
            Path loose = git.resolve(ref);
            if (Files.isRegularFile(loose)) {
                String sha = Files.readString(loose, StandardCharsets.UTF_8).strip();
                return sha.matches("[0-9a-f]{40,64}") ? sha : null;
            }
            Path packed = git.resolve("packed-refs");
            if (Files.isRegularFile(packed)) {
                for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                    if (line.endsWith(" " + ref) && !line.startsWith("#")) {
                        return line.substring(0, line.indexOf(' '));
                    }
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
