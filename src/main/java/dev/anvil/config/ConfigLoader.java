package dev.anvil.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.anvil.AnvilException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Finds and reads {@code anvil.yaml}: the working folder first, then the user's config folder. */
public final class ConfigLoader {
    public static final String FILE_NAME = "anvil.yaml";

    /** Built only when there is a file to read: Jackson's start-up is felt by quick commands. */
    private static final class Yaml {
        static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    private final Path workingDir;
    private final Map<String, String> env;

    public ConfigLoader(Path workingDir, Map<String, String> env) {
        this.workingDir = workingDir;
        this.env = env;
    }

    public static ConfigLoader forThisProcess() {
        return new ConfigLoader(Path.of("").toAbsolutePath(), System.getenv());
    }

    public AnvilConfig load() {
        return locate().map(ConfigLoader::read).orElse(AnvilConfig.EMPTY);
    }

    public Optional<Path> locate() {
        Path local = workingDir.resolve(FILE_NAME);
        if (Files.isRegularFile(local)) {
            return Optional.of(local);
        }
        Path user = Platform.userConfigDir(env).resolve(FILE_NAME);
        return Files.isRegularFile(user) ? Optional.of(user) : Optional.empty();
    }

    public static AnvilConfig read(Path file) {
        try {
            if (Files.size(file) == 0) {
                return AnvilConfig.EMPTY.withSource(file);
            }
            AnvilConfig config = Yaml.MAPPER.readValue(file.toFile(), AnvilConfig.class);
            return (config == null ? AnvilConfig.EMPTY : config).withSource(file);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? file.toString() : file + ":" + at.getLineNr();
            throw new AnvilException(where + ": invalid configuration: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new AnvilException(file + ": cannot read configuration: " + e.getMessage(), e);
        }
    }
}
