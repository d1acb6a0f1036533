package dev.anvil.record.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ShellCommandTest {
    @TempDir
    Path dir;

    private static boolean alive(Path pidFile) throws Exception {
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void awaitFile(Path f) throws InterruptedException {
        for (int i = 0; i < 100 && !Files.exists(f); i++) {
            Thread.sleep(50);
        }
    }

    @Test
    void aTimeoutStopsTheShellItsChildAndAGrandchildThatWasOrphaned() throws Exception {
        // child: a sleeping subshell; orphan: a grandchild whose parent exited at once (reparented to init)
        String cmd = "sh -c 'sleep 300 & echo $! > orphan.pid' ; sleep 300 & echo $! > child.pid; wait";
        CommandResult r = ShellCommand.run(cmd, dir, Map.of(), Duration.ofSeconds(2), dir.resolve("log"));

        assertThat(r.timedOut()).isTrue();
        assertThat(alive(dir.resolve("child.pid"))).isFalse();
        if (ShellCommand.usesProcessGroups()) {
            Thread.sleep(200);
            assertThat(alive(dir.resolve("orphan.pid"))).as("orphaned grandchild").isFalse();
        }
    }

    @Test
    void interruptingTheWaitingThreadStopsTheTreeAndRethrows() throws Exception {
        Thread waiter = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            try {
                awaitFile(dir.resolve("child.pid"));
                Thread.sleep(200);
            } catch (InterruptedException ignored) {
                return;
            }
            waiter.interrupt();
        });
        interrupter.start();
        boolean interrupted = false;
        try {
            ShellCommand.run("sleep 300 & echo $! > child.pid; wait", dir, Map.of(), Duration.ofSeconds(60), dir.resolve("log"));
        } catch (InterruptedException e) {
            interrupted = true;
        }
        interrupter.join();
        assertThat(interrupted).isTrue();
        assertThat(alive(dir.resolve("child.pid"))).isFalse();
    }

    @Test
    void outputOfStdoutAndStderrIsAppendedToTheLogAndReturned() throws Exception {
        Path log = dir.resolve("log");
        Files.writeString(log, "before\n");
        CommandResult r = ShellCommand.run("echo out; echo err >&2; exit 3", dir, Map.of("X", "1"), Duration.ofSeconds(10), log);

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.output()).isEqualTo("out\nerr\n");
        assertThat(Files.readString(log)).isEqualTo("before\nout\nerr\n");
    }

    @Test
    void standardInputIsEmptySoAnAgentReadingItDoesNotHang() throws Exception {
        CommandResult r = ShellCommand.run("cat; echo done", dir, Map.of(), Duration.ofSeconds(10), dir.resolve("log"));
        assertThat(r.timedOut()).isFalse();
        assertThat(r.output()).isEqualTo("done\n");
    }
}
