package dev.anvil.record.expect;

import dev.anvil.history.ExpectationResult;
import dev.anvil.history.IndexUsage;
import dev.anvil.history.ResultStatus;
import dev.anvil.record.process.CommandResult;
import dev.anvil.record.process.ShellCommand;
import dev.anvil.story.Expectation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks one expectation against the agent's work. A failed check says what was expected and what
 * was found; {@code error} is kept for checks that could not be made at all (no build command
 * known for the language, a command that could not start).
 */
public final class ExpectationEvaluator {
    private static final int TAIL = 300;

    public ExpectationResult evaluate(int position, Expectation e, ExpectationContext ctx) throws InterruptedException {
        String type = e.type() == null ? "" : e.type().trim().toLowerCase(Locale.ROOT);
        Verdict v;
        try {
            switch (type) {
                case "compiles": v = buildOrTest(e, ctx, true); break;
                case "tests_pass": v = buildOrTest(e, ctx, false); break;
                case "file_exists": v = fileExists(e, ctx); break;
                case "file_contains": v = fileContains(e, ctx); break;
                case "file_not_contains": v = fileNotContains(e, ctx); break;
                case "command": v = command(e, ctx); break;
                case "run_output": v = runOutput(e, ctx); break;
                case "index_usage": v = indexUsage(e, ctx); break;
                default: v = Verdict.error("unknown expectation type '" + e.type() + "'");
            }
        } catch (ConfinedPath.EscapeException ex) {
            v = Verdict.fail(ex.getMessage());
        } catch (IOException ex) {
            v = Verdict.error(ex.getClass().getSimpleName() + ": " + ex.getMessage());
        }
        return new ExpectationResult(position, e.type(), e.description(), v.status, v.message);
    }

    private record Verdict(ResultStatus status, String message) {
        static Verdict pass(String message) {
            return new Verdict(ResultStatus.PASSED, message);
        }

        static Verdict fail(String message) {
            return new Verdict(ResultStatus.FAILED, message);
        }

        static Verdict error(String message) {
            return new Verdict(ResultStatus.ERROR, message);
        }

        static Verdict skip(String message) {
            return new Verdict(ResultStatus.SKIPPED, message);
        }
    }

    private Verdict buildOrTest(Expectation e, ExpectationContext ctx, boolean build) throws IOException, InterruptedException {
        String cmd = e.param("command");
        if (cmd == null || cmd.isBlank()) {
            cmd = build ? ctx.languages().build(ctx.story().language(), ctx.worktree())
                    : ctx.languages().test(ctx.story().language(), ctx.worktree());
        }
        String what = build ? "build" : "test";
        if (cmd == null) {
            return Verdict.error("no " + what + " command known for language '" + ctx.story().language()
                    + "'; set languages." + ctx.story().language() + "." + what + " in anvil.yaml or 'command' on the expectation");
        }
        if (e.param("command") == null) {
            String missing = ctx.languages().missingProject(ctx.story().language(), ctx.worktree());
            if (missing != null) {
                return Verdict.fail(missing);
            }
        }
        CommandResult r = run(cmd, ctx);
        if (r.succeeded()) {
            return Verdict.pass("`" + cmd + "` succeeded");
        }
        if (r.commandNotFound()) {
            return Verdict.error(notFound(cmd, r));
        }
        return Verdict.fail(failure(what, cmd, r, ctx));
    }

    private Verdict command(Expectation e, ExpectationContext ctx) throws IOException, InterruptedException {
        String cmd = e.param("command");
        if (cmd == null || cmd.isBlank()) {
            return Verdict.error("command expectation without a 'command'");
        }
        CommandResult r = run(cmd, ctx);
        if (r.commandNotFound()) {
            return Verdict.error(notFound(cmd, r));
        }
        return r.succeeded() ? Verdict.pass("`" + cmd + "` exited with 0") : Verdict.fail(failure("command", cmd, r, ctx));
    }

    private Verdict runOutput(Expectation e, ExpectationContext ctx) throws IOException, InterruptedException {
        String cmd = e.param("command");
        String pattern = e.param("pattern");
        if (cmd == null || cmd.isBlank() || pattern == null) {
            return Verdict.error("run_output needs 'command' and 'pattern'");
        }
        Pattern p = compile(pattern);
        if (p == null) {
            return Verdict.error("invalid pattern /" + pattern + "/");
        }
        CommandResult r = run(cmd, ctx);
        if (r.timedOut()) {
            return Verdict.fail(failure("run", cmd, r, ctx));
        }
        if (r.commandNotFound()) {
            return Verdict.error(notFound(cmd, r));
        }
        StreamingSearch.Result found;
        try (InputStream output = r.openOutput()) {
            found = StreamingSearch.find(p, output);
        }
        if (found.found()) {
            return Verdict.pass("output of `" + cmd + "` matches /" + pattern + "/");
        }
        return Verdict.fail("output of `" + cmd + "` (exit " + r.exitCode() + ", " + found.chars() + " characters) does not match /"
                + pattern + "/" + windowNote(found.windowed()) + ": " + r.tail(TAIL));
    }

    private Verdict fileExists(Expectation e, ExpectationContext ctx) throws IOException, ConfinedPath.EscapeException {
        String path = pathParam(e);
        if (isGlob(path)) {
            List<Path> matches = glob(ctx.worktree(), path);
            return matches.isEmpty() ? Verdict.fail("no file matches '" + path + "'")
                    : Verdict.pass(matches.size() + " file(s) match '" + path + "'");
        }
        Path file = ConfinedPath.resolve(ctx.worktree(), path);
        return Files.exists(file) ? Verdict.pass(path + " exists") : Verdict.fail(path + " does not exist");
    }

    private Verdict fileContains(Expectation e, ExpectationContext ctx) throws IOException, ConfinedPath.EscapeException {
        String path = pathParam(e);
        String pattern = patternParam(e);
        Pattern p = pattern == null ? null : compile(pattern);
        if (p == null) {
            return Verdict.error(pattern == null ? "file_contains needs a 'pattern'" : "invalid pattern /" + pattern + "/");
        }
        List<Path> files = filesNamed(path, ctx);
        if (files.isEmpty()) {
            return Verdict.fail(isGlob(path) ? "no file matches '" + path + "'" : path + " does not exist");
        }
        boolean windowed = false;
        for (Path f : files) {
            StreamingSearch.Result r = StreamingSearch.find(p, f);
            if (r.found()) {
                return Verdict.pass(ctx.worktree().relativize(f) + " matches /" + pattern + "/");
            }
            windowed |= r.windowed();
        }
        return Verdict.fail(path + " does not match /" + pattern + "/" + windowNote(windowed));
    }

    /** The .NET Anvil's rule: passes when no file named holds the pattern, a missing file included. */
    private Verdict fileNotContains(Expectation e, ExpectationContext ctx) throws IOException, ConfinedPath.EscapeException {
        String path = pathParam(e);
        String pattern = patternParam(e);
        Pattern p = pattern == null ? null : compile(pattern);
        if (p == null) {
            return Verdict.error(pattern == null ? "file_not_contains needs a 'pattern'" : "invalid pattern /" + pattern + "/");
        }
        List<Path> files = filesNamed(path, ctx);
        if (files.isEmpty()) {
            return Verdict.pass((isGlob(path) ? "no file matches '" + path + "'" : path + " does not exist")
                    + ", so /" + pattern + "/ is absent");
        }
        boolean windowed = false;
        for (Path f : files) {
            StreamingSearch.Result r = StreamingSearch.find(p, f);
            if (r.found()) {
                return Verdict.fail(ctx.worktree().relativize(f) + " still matches /" + pattern + "/");
            }
            windowed |= r.windowed();
        }
        return Verdict.pass("/" + pattern + "/ is absent from " + (files.size() == 1
                ? ctx.worktree().relativize(files.get(0)).toString() : files.size() + " files matching '" + path + "'")
                + windowNote(windowed));
    }

    /** The regular files a path or glob names (confined to the worktree); empty when none. */
    private static List<Path> filesNamed(String path, ExpectationContext ctx) throws IOException, ConfinedPath.EscapeException {
        if (isGlob(path)) {
            return glob(ctx.worktree(), path);
        }
        Path file = ConfinedPath.resolve(ctx.worktree(), path);
        return Files.isRegularFile(file) ? List.of(file) : List.of();
    }

    private static String patternParam(Expectation e) {
        String pattern = e.param("pattern");
        return pattern != null ? pattern : e.param("content");
    }

    private static String windowNote(boolean windowed) {
        return windowed ? " (searched in windows of " + StreamingSearch.WINDOW / (1024 * 1024) + " Mi characters overlapping by "
                + StreamingSearch.OVERLAP / (1024 * 1024) + " Mi: a single match longer than that is not seen)" : "";
    }

    /**
     * The .NET Anvil's index_usage: the share of Aura's semantic tools among the discovery calls
     * against {@code min_aura_tool_ratio}, the calls up to the first edit against
     * {@code max_steps_to_target}. The metrics come from the Aura executor, which measured them.
     */
    private Verdict indexUsage(Expectation e, ExpectationContext ctx) {
        if (!ctx.aura()) {
            return Verdict.skip("index_usage applies to the Aura executor only; this mode runs a command");
        }
        IndexUsage u = ctx.outcome() == null || ctx.outcome().aura() == null ? null : ctx.outcome().aura().indexUsage();
        if (u == null || u.toolCalls() == 0) {
            return Verdict.fail("no tool calls found in the story's steps");
        }
        String facts = String.format(Locale.ROOT, "%s Aura tool ratio (%d semantic, %d file-level of %d calls), "
                        + "%d steps to the first edit%s", u.auraToolRatio() == null ? "no" : percent(u.auraToolRatio()),
                u.semanticToolCalls(), u.fileLevelToolCalls(), u.toolCalls(), u.stepsToFirstRelevantCode(),
                u.detectedPatterns().isEmpty() ? "" : ", patterns: " + String.join(", ", u.detectedPatterns()));
        List<String> failures = new ArrayList<>();
        Double min = e.doubleParam("minAuraToolRatio");
        Integer maxSteps = e.intParam("maxStepsToTarget");
        if (min != null && (u.auraToolRatio() == null || u.auraToolRatio() < min)) {
            failures.add(u.auraToolRatio() == null ? "no discovery calls to take an Aura tool ratio of (required " + percent(min) + ")"
                    : "Aura tool ratio " + percent(u.auraToolRatio()) + " < required " + percent(min));
        }
        if (maxSteps != null && u.stepsToFirstRelevantCode() > maxSteps) {
            failures.add("steps to target " + u.stepsToFirstRelevantCode() + " > allowed " + maxSteps);
        }
        return failures.isEmpty() ? Verdict.pass("index usage OK: " + facts)
                : Verdict.fail(String.join("; ", failures) + " (" + facts + ")");
    }

    private static String percent(double ratio) {
        return Math.round(ratio * 100) + "%";
    }

    // ---- helpers -------------------------------------------------------------------------------

    private CommandResult run(String cmd, ExpectationContext ctx) throws IOException, InterruptedException {
        Files.writeString(ctx.log(), "\n== anvil: expectation command: " + cmd + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        return ShellCommand.run(cmd, ctx.worktree(), ctx.env(), ctx.commandTimeout(), ctx.log());
    }

    private static String failure(String what, String cmd, CommandResult r, ExpectationContext ctx) {
        if (r.timedOut()) {
            return "`" + cmd + "` timed out after " + ctx.commandTimeout().toSeconds() + "s";
        }
        String tail = r.tail(TAIL);
        return what + " `" + cmd + "` exited with " + r.exitCode() + (tail.isEmpty() ? "" : ": " + tail);
    }

    /** Exit 127: the shell found no such program. An infrastructure problem, not the agent's failure. */
    private static String notFound(String cmd, CommandResult r) {
        String tail = r.tail(TAIL);
        return "infrastructure: `" + cmd + "` exited with 127, a program it runs is not installed or not on the PATH"
                + (tail.isEmpty() ? "" : ": " + tail);
    }

    private static String pathParam(Expectation e) {
        String p = e.param("path");
        if (p == null) {
            p = e.param("file");
        }
        if (p == null) {
            p = e.param("glob");
        }
        return p;
    }

    static boolean isGlob(String path) {
        return path != null && (path.indexOf('*') >= 0 || path.indexOf('?') >= 0 || path.indexOf('[') >= 0
                || path.indexOf('{') >= 0);
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex, Pattern.MULTILINE);
        } catch (PatternSyntaxException ex) {
            return null;
        }
    }

    /** Regular files (or links to files inside the worktree) whose relative path matches the glob. */
    static List<Path> glob(Path worktree, String glob) throws IOException, ConfinedPath.EscapeException {
        if (glob.startsWith("/") || glob.startsWith("\\") || Path.of(glob.replaceAll("[*?\\[\\]{}]", "x")).isAbsolute()) {
            throw new ConfinedPath.EscapeException("'" + glob + "' is absolute; paths must be relative to the worktree");
        }
        for (String segment : glob.split("[/\\\\]")) {
            if (segment.equals("..")) {
                throw new ConfinedPath.EscapeException("'" + glob + "' escapes the worktree");
            }
        }
        Path root = worktree.toAbsolutePath().normalize();
        // "**/" also matches no folder at all, as in .gitignore and most globbing tools: src/**/*.java finds src/A.java.
        List<PathMatcher> matchers = new ArrayList<>();
        matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
        String zeroFolders = glob.replace("/**/", "/").replaceFirst("^\\*\\*/", "");
        if (!zeroFolders.equals(glob)) {
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + zeroFolders));
        }
        PathMatcher matcher = path -> matchers.stream().anyMatch(m -> m.matches(path));
        List<Path> matches = new ArrayList<>();
        List<String> escaped = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && dir.getFileName().toString().equals(".git")
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                Path rel = root.relativize(file);
                if (matcher.matches(rel)) {
                    if (attrs.isSymbolicLink()) {
                        try {
                            ConfinedPath.checkReal(root, file, rel.toString());
                        } catch (ConfinedPath.EscapeException ex) {
                            escaped.add(ex.getMessage());
                            return FileVisitResult.CONTINUE;
                        }
                    }
                    matches.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
        if (matches.isEmpty() && !escaped.isEmpty()) {
            throw new ConfinedPath.EscapeException(escaped.get(0));
        }
        matches.sort(null);
        return matches;
    }
}
