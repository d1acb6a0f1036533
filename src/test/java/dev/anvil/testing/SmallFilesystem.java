package dev.anvil.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real, small file system for fault tests: a tmpfs of a few megabytes mounted on a temporary
 * folder, which can be filled up (ENOSPC) or remounted read-only (EROFS). Mounting needs root
 * (or CAP_SYS_ADMIN); where the test cannot mount, it is skipped with that reason.
 */
public final class SmallFilesystem implements AutoCloseable {
    private final Path mountPoint;

    private SmallFilesystem(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    public static SmallFilesystem mount(Path mountPoint, int megabytes) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        int code;
        try {
            code = run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", mountPoint.toString());
        } catch (IOException e) {
            code = -1; // no mount command at all
        }
        assumeTrue(code == 0, "cannot mount a tmpfs here (needs root): the full-disk and read-only tests need one");
        return new SmallFilesystem(mountPoint);
    }

    public Path root() {
        return mountPoint;
    }

    /** Fills every free byte with one file, {@code fill}. */
    public void fill() throws IOException, InterruptedException {
        run("sh", "-c", "dd if=/dev/zero of=" + mountPoint.resolve("fill") + " bs=64k 2>/dev/null; sync");
    }

    public void free() throws IOException {
        Files.deleteIfExists(mountPoint.resolve("fill"));
    }

    public void readOnly(boolean ro) throws IOException, InterruptedException {
        int code = run("mount", "-o", "remount," + (ro ? "ro" : "rw"), mountPoint.toString());
        if (code != 0) {
            throw new IOException("cannot remount " + mountPoint + (ro ? " read-only" : " read-write"));
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", "-l", mountPoint.toString());
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}
