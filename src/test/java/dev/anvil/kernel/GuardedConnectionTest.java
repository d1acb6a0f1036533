package dev.anvil.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernel's connection against a raw ZeroMQ client (jeromq, no Jupyter needed): a message signed
 * with another key, or not signed, gets no reply and runs nothing, and the kernel keeps answering
 * properly signed messages afterwards. Jupyter's own client does the same in {@link KernelProtocolIT}.
 */
class GuardedConnectionTest {
    private static final String KEY = "the-connection-files-key";

    @TempDir
    static Path dir;
    static ShellCellEngine engine;
    static GuardedConnection connection;
    static int shellPort;
    static ZContext zmq;

    @BeforeAll
    static void startAKernel() throws Exception {
        int[] ports = freePorts(5);
        shellPort = ports[0];
        Path file = Files.writeString(dir.resolve("connection.json"), "{\"shell_port\": " + ports[0]
                + ", \"iopub_port\": " + ports[1] + ", \"stdin_port\": " + ports[2] + ", \"control_port\": " + ports[3]
                + ", \"hb_port\": " + ports[4] + ", \"ip\": \"127.0.0.1\", \"key\": \"" + KEY
                + "\", \"transport\": \"tcp\", \"signature_scheme\": \"hmac-sha256\", \"kernel_name\": \"anvil\"}");
        KernelConnectionProperties props = ConnectionFile.read(file);
        JupyterIO io = AnvilKernel.newIO();
        engine = ShellCellEngine.start(dir.resolve("history.db"), io.out, io.err);
        AnvilKernel kernel = new AnvilKernel(engine, io, 50);
        connection = new GuardedConnection(props);
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        zmq = new ZContext();
    }

    @AfterAll
    static void stop() {
        if (zmq != null) {
            zmq.close();
        }
        if (connection != null) {
            connection.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aForgedThenAnUnsignedExecuteRequestAreDroppedAndTheKernelStillAnswers() throws Exception {
        Path marker = dir.resolve("executed");
        String code = "java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + marker + "\"), \"x\")";
        long droppedBefore = connection.droppedMessages();
        try (ZMQ.Socket shell = zmq.createSocket(SocketType.DEALER)) {
            shell.setLinger(0);
            shell.setReceiveTimeOut(2000);
            shell.connect("tcp://127.0.0.1:" + shellPort);

            send(shell, new HMACGenerator("hmac-sha256", "another-key"), "execute_request", executeContent(code));
            assertThat(receive(shell)).as("reply to a forged request").isNull();
            send(shell, null, "execute_request", executeContent(code));
            assertThat(receive(shell)).as("reply to an unsigned request").isNull();

            assertThat(marker).doesNotExist();
            assertThat(connection.droppedMessages() - droppedBefore).isEqualTo(2);

            send(shell, new HMACGenerator("hmac-sha256", KEY), "kernel_info_request", "{}");
            List<byte[]> reply = receive(shell);
            assertThat(reply).as("reply to a signed kernel_info_request").isNotNull();
            JsonNode header = json(reply, 2);
            assertThat(header.path("msg_type").asText()).isEqualTo("kernel_info_reply");
            String signature = new String(reply.get(1), StandardCharsets.US_ASCII);
            assertThat(signature).as("the reply is signed with the key")
                    .isEqualTo(new HMACGenerator("hmac-sha256", KEY).calculateSignature(
                            reply.get(2), reply.get(3), reply.get(4), reply.get(5)));
            assertThat(json(reply, 5).path("language_info").path("name").asText()).isEqualTo("java");
        }
    }

    private static String executeContent(String code) throws Exception {
        return new ObjectMapper().writeValueAsString(java.util.Map.of("code", code, "silent", false,
                "store_history", true, "user_expressions", java.util.Map.of(), "allow_stdin", false,
                "stop_on_error", true));
    }

    /** A Jupyter wire message: delimiter, HMAC of the four JSON parts (empty when unsigned), the parts. */
    private static void send(ZMQ.Socket socket, HMACGenerator signer, String type, String content) {
        String header = "{\"msg_id\": \"" + UUID.randomUUID() + "\", \"session\": \"test\", \"username\": \"test\", "
                + "\"date\": \"2026-11-27T00:00:00.000000Z\", \"msg_type\": \"" + type + "\", \"version\": \"5.3\"}";
        byte[][] parts = {header.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8), content.getBytes(StandardCharsets.UTF_8)};
        String signature = signer == null ? "" : signer.calculateSignature(parts);
        socket.sendMore("<IDS|MSG>");
        socket.sendMore(signature);
        socket.sendMore(parts[0]);
        socket.sendMore(parts[1]);
        socket.sendMore(parts[2]);
        socket.send(parts[3]);
    }

    /** The frames after the delimiter of the next message, or null when none came within the timeout. */
    private static List<byte[]> receive(ZMQ.Socket socket) {
        byte[] first = socket.recv();
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv());
        }
        int delimiter = 0;
        while (!new String(frames.get(delimiter), StandardCharsets.US_ASCII).equals("<IDS|MSG>")) {
            delimiter++;
        }
        return frames.subList(delimiter, frames.size());
    }

    private static JsonNode json(List<byte[]> frames, int index) throws Exception {
        return new ObjectMapper().readTree(frames.get(index));
    }

    private static int[] freePorts(int n) throws Exception {
        int[] ports = new int[n];
        List<ServerSocket> open = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
            open.add(s);
            ports[i] = s.getLocalPort();
        }
        for (ServerSocket s : open) {
            s.close();
        }
        return ports;
    }
}
