package dev.anvil.record.worktree;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Sizes, modification times and (for small files) checksums of the files in a folder, to tell
 * which files the agent added or changed. The checksum catches an edit that kept the size within
 * the file system's timestamp resolution.
 */
public final class FileSnapshot {
    static final long CHECKSUM_LIMIT = 256 * 1024;

    private record Entry(long size, long modified, long checksum) {
    }

    private final Map<String, Entry> files;

    private FileSnapshot(Map<String, Entry> files) {
        this.files = files;
    }

    public static FileSnapshot of(Path root) throws IOException {
        Map<String, Entry> files = new HashMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && dir.getFileName().toString().equals(".git")
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                long sum = attrs.isRegularFile() && attrs.size() <= CHECKSUM_LIMIT ? checksum(file) : 0;
                files.put(relative(root, file), new Entry(attrs.size(), attrs.lastModifiedTime().toMillis(), sum));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE; // unreadable files cannot be compared; not ours to fail on
            }
        });
        return new FileSnapshot(files);
    }

    /** Files in {@code after} that are new or differ from this snapshot, sorted, with '/' separators. */
    public List<String> addedOrChanged(FileSnapshot after) {
        List<String> changed = new ArrayList<>();
        after.files.forEach((path, entry) -> {
            if (!entry.equals(files.get(path))) {
                changed.add(path);
            }
        });
        changed.sort(null);
        return changed;
    }

    static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static long checksum(Path file) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[8192];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                crc.update(buffer, 0, n);
            }
        }
        return crc.getValue();
    }
}
