package dev.anvil.record.aura;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process stand-in for Aura's developer API (the one true system edge of these tests): it
 * records every request and answers the story's GETs with a scripted sequence of story states
 * (the last one repeats).
 */
final class FakeAura implements AutoCloseable {
    static final String ID = "7f0c1d2e-0000-4000-8000-000000000001";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Request(String method, String path, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> states = Collections.synchronizedList(new ArrayList<>());
    private volatile int createStatus = 201;
    private volatile int getCount;
    private volatile int unavailableGets;

    FakeAura() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The story's states, as JSON objects, answered to successive GETs of the story. */
    FakeAura states(String... json) {
        states.addAll(List.of(json));
        return this;
    }

    /** The next {@code n} GETs of the story answer 503, as a restarting Aura would. */
    FakeAura unavailableFor(int n) {
        unavailableGets = n;
        return this;
    }

    FakeAura failCreateWith(int status) {
        createStatus = status;
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<String> requestLines() {
        return requests.stream().map(Request::toString).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        requests.add(new Request(method, path, body));
        String stories = "/api/developer/stories";
        if (method.equals("GET") && path.equals("/health")) {
            reply(ex, 200, "{\"status\":\"Healthy\"}");
        } else if (method.equals("POST") && path.equals(stories)) {
            if (createStatus / 100 == 2) {
                reply(ex, createStatus, "{\"id\":\"" + ID + "\",\"status\":\"Created\"}");
            } else {
                reply(ex, createStatus, "{\"error\":\"database is locked\"}");
            }
        } else if (method.equals("POST") && path.startsWith(stories + "/" + ID + "/")) {
            reply(ex, 200, "{\"id\":\"" + ID + "\"}");
        } else if (method.equals("GET") && path.equals(stories + "/" + ID) && unavailableGets > 0) {
            unavailableGets--;
            reply(ex, 503, "{\"error\":\"restarting\"}");
        } else if (method.equals("GET") && path.equals(stories + "/" + ID)) {
            int i = Math.min(getCount++, states.size() - 1);
            reply(ex, 200, states.isEmpty() ? "{\"id\":\"" + ID + "\",\"status\":\"Running\"}" : states.get(i));
        } else if (method.equals("DELETE") && path.equals(stories + "/" + ID)) {
            reply(ex, 204, "");
        } else {
            reply(ex, 404, "{\"error\":\"no such route\"}");
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
