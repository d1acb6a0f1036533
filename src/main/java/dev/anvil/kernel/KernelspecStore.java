package dev.anvil.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anvil.AnvilException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Installs, finds and removes Anvil kernelspecs in Jupyter data folders ({@code DATA/kernels/NAME/kernel.json}). */
public final class KernelspecStore {

    /** A kernelspec found on disk, with whether its Java and jar still exist. */
    public record Installed(Kernelspec spec, Path directory) {
        public boolean runnable() {
            List<String> argv = spec.argv();
            if (argv.isEmpty() || !Files.isExecutable(Path.of(argv.get(0)))) {
                return false;
            }
            int jar = argv.indexOf("-jar");
            return jar < 0 || (jar + 1 < argv.size() && Files.isRegularFile(Path.of(argv.get(jar + 1))));
        }
    }

    private KernelspecStore() {
    }

    public static Path kernelsDir(Path dataDir) {
        return dataDir.resolve("kernels");
    }

    public static Path install(Path dataDir, Kernelspec spec) {
        checkName(spec.name());
        Path dir = kernelsDir(dataDir).resolve(spec.name());
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "kernel", ".json.tmp");
            Files.writeString(tmp, spec.toJson(), StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve("kernel.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new AnvilException(dir + ": cannot write the kernelspec: " + e.getMessage(), e);
        }
        return dir;
    }

    /** The Anvil kernelspecs in these data folders, in Jupyter's search order. */
    public static List<Installed> list(List<Path> dataDirs) {
        List<Installed> found = new ArrayList<>();
        for (Path data : dataDirs) {
            Path kernels = kernelsDir(data);
            if (!Files.isDirectory(kernels)) {
                continue;
            }
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(kernels, Files::isDirectory)) {
                List<Path> sorted = new ArrayList<>();
                dirs.forEach(sorted::add);
                sorted.sort(Comparator.comparing(Path::toString));
                for (Path dir : sorted) {
                    Kernelspec spec = read(dir);
                    if (spec != null && spec.anvilVersion() != null) {
                        found.add(new Installed(spec, dir));
                    }
                }
            } catch (IOException e) {
                // An unreadable folder holds nothing we can list; Jupyter skips it too.
            }
        }
        return found;
    }

    public static Path remove(Path dataDir, String name) {
        checkName(name);
        Path dir = kernelsDir(dataDir).resolve(name);
        Kernelspec spec = read(dir);
        if (spec == null) {
            throw new AnvilException("no kernelspec '" + name + "' in " + kernelsDir(dataDir));
        }
        if (spec.anvilVersion() == null) {
            throw new AnvilException(dir + " is not an Anvil kernelspec; remove it with 'jupyter kernelspec remove "
                    + name + "'");
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new AnvilException(dir + ": cannot remove the kernelspec: " + e.getMessage(), e);
        }
        return dir;
    }

    static Kernelspec read(Path dir) {
        Path file = dir.resolve("kernel.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode root = Kernelspec.JSON.readTree(file.toFile());
            return root == null || !root.isObject() ? null : Kernelspec.parse(dir.getFileName().toString(), root);
        } catch (IOException e) {
            return null;
        }
    }

    /** Jupyter's rule for kernel names: ASCII letters, digits, '.', '_' and '-'. */
    static void checkName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new AnvilException("invalid kernel name '" + name + "': use letters, digits, '.', '_' and '-'");
        }
    }
}
