package dev.anvil.record.worktree;

import dev.anvil.testing.TreeHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class WorktreeFactoryTest {
    @TempDir
    Path tmp;

    private static void sh(Path dir, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/bin/sh", "-c", command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }


    private Path fixture() throws IOException {
        Path f = tmp.resolve("fixture");
        Files.createDirectories(f.resolve("src"));
        Files.writeString(f.resolve("src/App.java"), "class App {}\n");
        Files.writeString(f.resolve("README.md"), "fixture\n");
        return f;
    }

    private Path log() throws IOException {
        Path log = tmp.resolve("logs/story.log");
        Files.createDirectories(log.getParent());
        return Files.exists(log) ? log : Files.createFile(log);
    }

    @Test
    void aFolderFixtureIsCopiedAndTheAgentsWritesNeverReachIt() throws Exception {
        Path fixture = fixture();
        String before = TreeHash.of(fixture);
        WorktreeFactory factory = new WorktreeFactory(tmp.resolve("worktrees"));

        Worktree wt = factory.create("run1", "story-a", fixture, log());
        sh(wt.path(), "echo changed >> src/App.java && mkdir -p docs && echo new > docs/NEW.md && rm README.md");

        assertThat(wt.kind()).isEqualTo(Worktree.Kind.FOLDER_COPY);
        assertThat(wt.path()).isEqualTo(tmp.resolve("worktrees/run1/story-a"));
        assertThat(TreeHash.of(fixture)).isEqualTo(before);
        assertThat(factory.generatedFiles(wt, log())).containsExactly("docs/NEW.md", "src/App.java");
    }

    @Test
    void aSameSizeEditWithinTheSameMillisecondIsStillSeenAsAChange() throws Exception {
        Path fixture = fixture();
        WorktreeFactory factory = new WorktreeFactory(tmp.resolve("worktrees"));
        Worktree wt = factory.create("run1", "s", fixture, log());
        Path file = wt.path().resolve("src/App.java");
        var mtime = Files.getLastModifiedTime(file);
        Files.writeString(file, "class Ap2 {}\n");
        Files.setLastModifiedTime(file, mtime);

        assertThat(factory.generatedFiles(wt, log())).containsExactly("src/App.java");
    }

    @Test
    void aGitFixtureIsClonedWithoutARemoteSoAnAgentThatCommitsTagsAndPushesLeavesItUntouched() throws Exception {
        Path fixture = fixture();
        sh(fixture, "git init -q . && git add -A && git -c user.email=t@t -c user.name=t commit -q -m init");
        String before = TreeHash.of(fixture);
        WorktreeFactory factory = new WorktreeFactory(tmp.resolve("worktrees"));

        Worktree wt = factory.create("run1", "story-g", fixture, log());
        sh(wt.path(), "echo more >> src/App.java && echo x > NEW.txt && git add -A && "
                + "git -c user.email=a@a -c user.name=a commit -q -m agent && "
                + "(git push -q origin HEAD:refs/heads/agent 2>/dev/null || true) && git tag v1 && echo y > untracked.txt "
                + "&& test -z \"$(git remote)\"");

        assertThat(wt.kind()).isEqualTo(Worktree.Kind.GIT_CLONE);
        assertThat(TreeHash.of(fixture)).as("fixture, .git included").isEqualTo(before);
        // what the agent committed counts as much as what it left uncommitted
        assertThat(factory.generatedFiles(wt, log())).containsExactly("NEW.txt", "src/App.java", "untracked.txt");
    }

    @Test
    void removingAWorktreeDeletesItWithoutFollowingLinksOut() throws Exception {
        Path fixture = fixture();
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "keep me");
        WorktreeFactory factory = new WorktreeFactory(tmp.resolve("worktrees"));
        Worktree wt = factory.create("run1", "s", fixture, log());
        Files.createSymbolicLink(wt.path().resolve("link"), outside);
        Files.createSymbolicLink(wt.path().resolve("dirlink"), tmp);

        factory.remove(wt);

        assertThat(wt.path()).doesNotExist();
        assertThat(outside).hasContent("keep me");
        assertThat(fixture.resolve("src/App.java")).exists();
    }

    @Test
    void twoStoriesWithTheSameIdGetTheirOwnWorktrees() throws Exception {
        Path fixture = fixture();
        WorktreeFactory factory = new WorktreeFactory(tmp.resolve("worktrees"));
        Worktree a = factory.create("run1", "../same id", fixture, log());
        Worktree b = factory.create("run1", "../same id", fixture, log());
        assertThat(a.path()).isNotEqualTo(b.path());
        assertThat(a.path().getParent()).isEqualTo(tmp.resolve("worktrees/run1"));
        assertThat(b.path().getParent()).isEqualTo(tmp.resolve("worktrees/run1"));
    }

    @Test
    void aFixtureReachedThroughASymbolicLinkIsCopiedNotLinked() throws Exception {
        Path fixture = fixture();
        Path link = Files.createSymbolicLink(tmp.resolve("fixture-link"), fixture);
        WorktreeFactory factory = new WorktreeFactory(tmp.resolve("worktrees"));
        Worktree wt = factory.create("run1", "s", link, log());
        assertThat(Files.isSymbolicLink(wt.path())).isFalse();
        assertThat(wt.path().resolve("src/App.java")).hasContent("class App {}");
    }

    @Test
    void gitStatusNamesFilesWithSpacesAndRenamesByTheirNewPathAndLeavesOutDeletions() throws Exception {
        Path fixture = fixture();
        sh(fixture, "git init -q . && git add -A && git -c user.email=t@t -c user.name=t commit -q -m init");
        WorktreeFactory factory = new WorktreeFactory(tmp.resolve("worktrees"));
        Worktree wt = factory.create("run1", "s", fixture, log());
        sh(wt.path(), "echo x > 'my notes.txt' && git mv README.md DOCS.md && git rm -q src/App.java");

        assertThat(factory.generatedFiles(wt, log())).containsExactly("DOCS.md", "my notes.txt");
    }

    @Test
    void aFixtureWithUncommittedChangesIsNamedInAWarningAndItsWorktreeTakesHead() throws Exception {
        Path fixture = fixture();
        sh(fixture, "git init -q . && git add -A && git -c user.email=t@t -c user.name=t commit -q -m init");
        assertThat(FixtureStatus.uncommittedChanges(fixture)).isNull();
        Files.writeString(fixture.resolve("README.md"), "changed\n");
        Files.writeString(fixture.resolve("scratch.txt"), "new\n");

        assertThat(FixtureStatus.uncommittedChanges(fixture)).isEqualTo("fixture " + fixture + " has uncommitted changes "
                + "(README.md, scratch.txt); its worktrees take HEAD (2 files not in them): commit them to include them");
        Worktree wt = new WorktreeFactory(tmp.resolve("worktrees")).create("run1", "dirty", fixture, log());
        assertThat(wt.path().resolve("README.md")).hasContent("fixture");
        assertThat(wt.path().resolve("scratch.txt")).doesNotExist();
        assertThat(FixtureStatus.uncommittedChanges(tmp.resolve("worktrees"))).as("not a repository root").isNull();
    }

    @Test
    void aFolderCopyIsARepositoryWhoseOneCommitIsTheFixtureAndTheSeedGoesAtTheEndOfTheRun() throws Exception {
        Path fixture = fixture();
        WorktreeFactory factory = new WorktreeFactory(tmp.resolve("worktrees"));
        Worktree a = factory.create("run1", "a", fixture, log());
        Worktree b = factory.create("run1", "b", fixture, log());

        assertThat(a.baseCommit()).isNotNull().isEqualTo(b.baseCommit());
        sh(a.path(), "test \"$(git rev-list --count HEAD)\" = 1 && test -z \"$(git status --porcelain)\" "
                + "&& test \"$(git ls-files | sort | tr '\\n' ' ')\" = 'README.md src/App.java '");
        assertThat(tmp.resolve("worktrees/run1/" + WorktreeFactory.SEEDS)).isDirectory();
        factory.remove(a);
        factory.remove(b);
        factory.removeRunFolderIfEmpty("run1");
        assertThat(tmp.resolve("worktrees/run1")).doesNotExist();
    }
}
