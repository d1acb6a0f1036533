package dev.anvil.record.aura;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An in-process stand-in for Aura's developer API (the one true system edge of these tests): it
 * records every request and answers a story's GETs with a scripted sequence of story states (the
 * last one repeats). With {@link #realWorktrees}, it does what Aura does with git: creating a story
 * adds a git worktree of its repositoryPath, running it lets a scripted agent work there, and
 * DELETE removes the story's worktree from disk. {@code {worktree}} in a state is replaced by the
 * story's worktree path.
 */
final class FakeAura implements AutoCloseable {
    /** The id of the first story created; later ones get fresh ids. */
    static final String ID = "7f0c1d2e-0000-4000-8000-000000000001";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STORIES = "/api/developer/stories";

    record Request(String method, String path, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** A story Aura holds. */
    private static final class AuraStory {
        final String id;
        final String title;
        final Path worktree;
        int gets;
        boolean ran;

        AuraStory(String id, String title, Path worktree) {
            this.id = id;
            this.title = title;
            this.worktree = worktree;
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> states = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, List<String>> statesByTitle = new ConcurrentHashMap<>();
    private final Map<String, Consumer<Path>> agents = new ConcurrentHashMap<>();
    private final Map<String, AuraStory> stories = new ConcurrentHashMap<>();
    private final List<Path> deletedWorktrees = new CopyOnWriteArrayList<>();
    private volatile Path worktreeRoot;
    private volatile int createStatus = 201;
    private volatile int unavailableGets;
    private volatile int healthStatus = 200;
    private volatile String healthBody = "{\"status\":\"healthy\",\"healthy\":true,\"version\":\"0.1.0\",\"timestamp\":\"2026-12-03T10:00:00Z\"}";

    FakeAura() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The stories' states, as JSON objects, answered to successive GETs of a story. */
    FakeAura states(String... json) {
        states.addAll(List.of(json));
        return this;
    }

    /** The states of the story with this title (others get {@link #states}). */
    FakeAura statesFor(String title, String... json) {
        statesByTitle.put(title, List.of(json));
        return this;
    }

    /** Each story gets a git worktree of its repositoryPath under {@code root}, removed again by DELETE. */
    FakeAura realWorktrees(Path root) {
        worktreeRoot = root;
        return this;
    }

    /** What the agent does in the worktree of the story with this title when it is run. */
    FakeAura agent(String title, Consumer<Path> work) {
        agents.put(title, work);
        return this;
    }

    /** The next {@code n} GETs of a story answer 503, as a restarting Aura would. */
    FakeAura unavailableFor(int n) {
        unavailableGets = n;
        return this;
    }

    FakeAura failCreateWith(int status) {
        createStatus = status;
        return this;
    }

    FakeAura health(int status, String body) {
        healthStatus = status;
        healthBody = body;
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<String> requestLines() {
        return requests.stream().map(Request::toString).toList();
    }

    /** The worktrees DELETE removed, in order. */
    List<Path> deletedWorktrees() {
        return List.copyOf(deletedWorktrees);
    }

    /** The stories still in Aura (not deleted), by title. */
    List<String> storiesLeft() {
        return stories.values().stream().map(s -> s.title).sorted().toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            route(ex);
        } catch (IOException | RuntimeException | InterruptedException e) {
            reply(ex, 500, "{\"error\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    private void route(HttpExchange ex) throws IOException, InterruptedException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        requests.add(new Request(method, path, body));
        if (method.equals("GET") && path.equals("/health")) {
            reply(ex, healthStatus, healthBody);
            return;
        }
        if (method.equals("POST") && path.equals(STORIES)) {
            create(ex, JSON.readTree(body));
            return;
        }
        String[] parts = path.startsWith(STORIES + "/") ? path.substring(STORIES.length() + 1).split("/") : new String[0];
        AuraStory story = parts.length == 0 ? null : stories.get(parts[0]);
        if (story == null) {
            reply(ex, 404, "{\"error\":\"no such story or route\"}");
        } else if (method.equals("POST") && parts.length == 2) {
            if (parts[1].equals("run") && !story.ran) {
                story.ran = true;
                Consumer<Path> agent = agents.get(story.title);
                if (agent != null && story.worktree != null) {
                    agent.accept(story.worktree);
                }
            }
            reply(ex, 200, "{\"id\":\"" + story.id + "\"}");
        } else if (method.equals("GET") && parts.length == 1 && unavailableGets > 0) {
            unavailableGets--;
            reply(ex, 503, "{\"error\":\"restarting\"}");
        } else if (method.equals("GET") && parts.length == 1) {
            List<String> list = statesByTitle.getOrDefault(story.title, states);
            String state;
            synchronized (list) {
                state = list.isEmpty() ? "{\"id\":\"{id}\",\"status\":\"Running\"}" : list.get(Math.min(story.gets++, list.size() - 1));
            }
            reply(ex, 200, state.replace("{id}", story.id).replace("{worktree}",
                    story.worktree == null ? "" : JSON.writeValueAsString(story.worktree.toString()).replaceAll("^\"|\"$", "")));
        } else if (method.equals("DELETE") && parts.length == 1) {
            stories.remove(story.id);
            if (story.worktree != null && Files.exists(story.worktree)) {
                git(story.worktree.getParent(), "-C", repositoryOf(story.worktree).toString(), "worktree", "remove", "--force",
                        story.worktree.toString());
                deletedWorktrees.add(story.worktree);
            }
            reply(ex, 204, "");
        } else {
            reply(ex, 404, "{\"error\":\"no such route\"}");
        }
    }

    private void create(HttpExchange ex, JsonNode request) throws IOException, InterruptedException {
        if (createStatus / 100 != 2) {
            reply(ex, createStatus, "{\"error\":\"database is locked\"}");
            return;
        }
        String id = stories.isEmpty() && requests.stream().filter(r -> r.method().equals("POST") && r.path().equals(STORIES)).count() == 1
                ? ID : UUID.randomUUID().toString();
        Path worktree = null;
        if (worktreeRoot != null) {
            Path repo = Path.of(request.path("repositoryPath").asText());
            worktree = worktreeRoot.resolve(id);
            Files.createDirectories(worktreeRoot);
            git(repo, "worktree", "add", "-q", "-b", "aura/" + id, worktree.toString());
        }
        AuraStory story = new AuraStory(id, request.path("title").asText(), worktree);
        stories.put(id, story);
        reply(ex, createStatus, "{\"id\":\"" + id + "\",\"status\":\"Created\""
                + (worktree == null ? "" : ",\"worktreePath\":" + JSON.writeValueAsString(worktree.toString())) + "}");
    }

    /** The main repository of a linked worktree (its .git file points there). */
    private static Path repositoryOf(Path worktree) throws IOException {
        String gitdir = Files.readString(worktree.resolve(".git")).strip().substring("gitdir:".length()).strip();
        return Path.of(gitdir).getParent().getParent().getParent();
    }

    static void git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.email=aura@example.com", "-c", "user.name=Aura"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed: " + out);
        }
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
