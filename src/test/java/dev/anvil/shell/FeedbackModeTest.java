package dev.anvil.shell;

import jdk.jshell.tool.JavaShellToolBuilder;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FeedbackModeTest {

    @Test
    void theShippedModeIsWhatThisJdksJShellRetainsForTheDocumentedCommands() throws Exception {
        Map<String, String> prefs = new HashMap<>();
        String commands = String.join("\n",
                "/set mode anvil normal -quiet",
                "/set truncation anvil 1000000000",
                "/set truncation anvil 1000000000 varvalue,expression",
                "/set mode anvil -retain",
                "/exit", "");
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        JavaShellToolBuilder.builder().in(new ByteArrayInputStream(commands.getBytes(StandardCharsets.UTF_8)), null)
                .out(sink).err(sink).persistence(prefs).start("--execution", "local", "--no-startup", "-q");

        assertThat(prefs.get(FeedbackMode.MODES_KEY)).isEqualTo(FeedbackMode.encoded());
    }

    @Test
    void theToolSeesAnvilsModeBesideTheUsersRetainedOnesAndWritesBackOnlyTheUsers() {
        Map<String, String> user = new HashMap<>(Map.of("MODE2", "mine" + FeedbackMode.SEPARATOR + "***", "HISTORY_LINE_0", "1 + 1"));
        Map<String, String> seen = FeedbackMode.preferences(user);

        assertThat(seen.get("MODE2")).isEqualTo("mine" + FeedbackMode.SEPARATOR + "***" + FeedbackMode.SEPARATOR + FeedbackMode.encoded());
        assertThat(seen.get("HISTORY_LINE_0")).isEqualTo("1 + 1");

        seen.put("MODE2", seen.get("MODE2"));
        assertThat(user.get("MODE2")).isEqualTo("mine" + FeedbackMode.SEPARATOR + "***");

        Map<String, String> fresh = new HashMap<>();
        FeedbackMode.preferences(fresh).put("MODE2", FeedbackMode.encoded());
        assertThat(fresh).doesNotContainKey("MODE2");
    }
}
