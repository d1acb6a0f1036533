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
    static final long MAX_READ = 16L * 1024 * 1024;
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
        CommandResult r = run(cmd, ctx);
        if (r.succeeded()) {
            return Verdict.pass("`" + cmd + "` succeeded");
        }
        return Verdict.fail(failure(what, cmd, r, ctx));
    }

    private Verdict command(Expectation e, ExpectationContext ctx) throws IOException, InterruptedException {
        String cmd = e.param("command");
        if (cmd == null || cmd.isBlank()) {
            return Verdict.error("command expectation without a 'command'");
        }
        CommandResult r = run(cmd, ctx);
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
        if (p.matcher(r.output()).find()) {
            return Verdict.pass("output of `" + cmd + "` matches /" + pattern + "/");
        }
        return Verdict.fail("output of `" + cmd + "` (exit " + r.exitCode() + ") does not match /" + pattern + "/: "
                + r.tail(TAIL));
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
        String pattern = e.param("pattern");
        if (pattern == null) {
            pattern = e.param("content");
        }
        if (pattern == null) {
            return Verdict.error("file_contains needs a 'pattern'");
        }
        Pattern p = compile(pattern);
        if (p == null) {
            return Verdict.error("invalid pattern /" + pattern + "/");
        }
        List<Path> files;
        if (isGlob(path)) {
            files = glob(ctx.worktree(), path);
            if (files.isEmpty()) {
                return Verdict.fail("no file matches '" + path + "'");
            }
        } else {
            Path file = ConfinedPath.resolve(ctx.worktree(), path);
            if (!Files.isRegularFile(file)) {
                return Verdict.fail(path + " does not exist");
            }
            files = List.of(file);
        }
        for (Path f : files) {
            if (p.matcher(read(f)).find()) {
                return Verdict.pass(ctx.worktree().relativize(f) + " matches /" + pattern + "/");
            }
        }
        return Verdict.fail(path + " does not match /" + pattern + "/");
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

    private static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes((int) MAX_READ), StandardCharsets.UTF_8);
        }
    }
}
