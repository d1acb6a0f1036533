package dev.anvil.record.aura;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * JSON over HTTP to one Aura server. Every request and its answer go to the transcript, so the
 * story's log shows what Anvil asked and what Aura said.
 */
final class AuraClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http;

    AuraClient(URI base, Duration connectTimeout) {
        this.base = base;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    URI base() {
        return base;
    }

    JsonNode get(String path, Duration timeout, Transcript log) throws IOException, InterruptedException, AuraHttpException {
        return send("GET", path, null, timeout, log);
    }

    JsonNode post(String path, Object body, Duration timeout, Transcript log) throws IOException, InterruptedException, AuraHttpException {
        return send("POST", path, body, timeout, log);
    }

    JsonNode delete(String path, Duration timeout, Transcript log) throws IOException, InterruptedException, AuraHttpException {
        return send("DELETE", path, null, timeout, log);
    }

    private JsonNode send(String method, String path, Object body, Duration timeout, Transcript log)
            throws IOException, InterruptedException, AuraHttpException {
        String json = body == null ? null : JSON.writeValueAsString(body);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Accept", "application/json");
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        String request = method + " " + path;
        log.request(request, json);
        HttpResponse<String> response;
        try {
            response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            log.line(request + " failed: " + describe(e));
            throw e;
        }
        log.response(request, response.statusCode(), response.body());
        if (response.statusCode() / 100 != 2) {
            throw new AuraHttpException(request, response.statusCode(), response.body());
        }
        String text = response.body();
        if (text == null || text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IOException(request + " answered with something that is not JSON: " + AuraHttpException.excerpt(text), e);
        }
    }

    static String describe(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "no answer in time";
        }
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
