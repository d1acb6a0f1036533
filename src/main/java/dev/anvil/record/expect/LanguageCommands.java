package dev.anvil.record.expect;

import dev.anvil.config.AnvilConfig;
import dev.anvil.record.process.ShellQuote;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The build and test commands of each language: Anvil's defaults, overridden by the
 * {@code languages:} section of anvil.yaml (and, per expectation, by its own {@code command}).
 */
public final class LanguageCommands {
    private final Map<String, AnvilConfig.LanguageConfig> configured;

    public LanguageCommands(Map<String, AnvilConfig.LanguageConfig> configured) {
        this.configured = configured == null ? Map.of() : configured;
    }

    /** The build command for {@code compiles}, or null when none is known. */
    public String build(String language, Path worktree) {
        AnvilConfig.LanguageConfig c = lookup(language);
        if (c != null && c.build() != null && !c.build().isBlank()) {
            return c.build();
        }
        return defaultCommand(normalize(language), worktree, true);
    }

    /** The test command for {@code tests_pass}, or null when none is known. */
    public String test(String language, Path worktree) {
        AnvilConfig.LanguageConfig c = lookup(language);
        if (c != null && c.test() != null && !c.test().isBlank()) {
            return c.test();
        }
        return defaultCommand(normalize(language), worktree, false);
    }

    /**
     * Why the default command cannot work, or null: a C# story whose worktree holds no
     * {@code .sln} or {@code .csproj} (the agent produced no project to build).
     */
    public String missingProject(String language, Path worktree) {
        AnvilConfig.LanguageConfig c = lookup(language);
        boolean configured = c != null && ((c.build() != null && !c.build().isBlank()) || (c.test() != null && !c.test().isBlank()));
        if (configured || !normalize(language).equals("csharp") || worktree == null) {
            return null;
        }
        return DotnetProject.find(worktree) == null ? "no .sln or .csproj file in the worktree" : null;
    }

    private AnvilConfig.LanguageConfig lookup(String language) {
        if (language == null) {
            return null;
        }
        AnvilConfig.LanguageConfig c = configured.get(language);
        return c != null ? c : configured.get(normalize(language));
    }

    static String normalize(String language) {
        if (language == null) {
            return "";
        }
        String l = language.trim().toLowerCase(Locale.ROOT);
        switch (l) {
            case "c#": case "cs": case "dotnet": return "csharp";
            case "py": return "python";
            case "ts": case "javascript": case "js": case "node": return "typescript";
            case "golang": return "go";
            case "rs": return "rust";
            default: return l;
        }
    }

    private static String defaultCommand(String language, Path worktree, boolean build) {
        switch (language) {
            case "csharp": {
                // As the .NET Anvil: the first solution at the top, else the first project file below.
                Path project = worktree == null ? null : DotnetProject.find(worktree);
                if (project == null) {
                    return build ? "dotnet build" : "dotnet test";
                }
                String rel = worktree.relativize(project).toString();
                String p = rel.matches("[A-Za-z0-9._/][A-Za-z0-9._/-]*") ? rel : ShellQuote.quote(rel); // quoted only when it must be
                return "dotnet restore " + p + " && dotnet " + (build ? "build " : "test ") + p;
            }
            case "python": return build ? "python3 -m compileall -q ." : "python3 -m pytest -q";
            case "typescript": return build ? "npx tsc --noEmit" : "npm test";
            case "java": {
                boolean gradle = worktree != null && (Files.exists(worktree.resolve("build.gradle"))
                        || Files.exists(worktree.resolve("build.gradle.kts")));
                if (gradle) {
                    String g = Files.isExecutable(worktree.resolve("gradlew")) ? "./gradlew" : "gradle";
                    return build ? g + " -q compileJava" : g + " -q test";
                }
                return build ? "mvn -q -B compile" : "mvn -q -B test";
            }
            case "go": return build ? "go build ./..." : "go test ./...";
            case "rust": return build ? "cargo build -q" : "cargo test -q";
            default: return null;
        }
    }
}
