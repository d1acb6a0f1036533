package dev.anvil.record.aura;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anvil.AnvilException;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * Aura's {@code GET /health}, as the .NET Anvil's {@code anvil health} asks it: healthy when it
 * answers 2xx (and does not say {@code "healthy": false}), with the version Aura reports.
 *
 * @param url     the Aura asked
 * @param healthy whether it says it is
 * @param version Aura's version from the answer, or null
 * @param detail  why it is not healthy (the status or its answer), or its own status text
 */
public record AuraHealth(URI url, boolean healthy, String version, String detail) {

    /** Asks Aura at {@code baseUrl}; throws AnvilException (one line naming the URL) when it cannot be reached. */
    public static AuraHealth check(String baseUrl) {
        return check(new AuraClient(AuraExecutor.parse(baseUrl), Duration.ofSeconds(5)));
    }

    static AuraHealth check(AuraClient client) {
        try {
            JsonNode answer = client.get("/health", AuraExecutor.HEALTH_TIMEOUT, Transcript.NONE);
            String version = text(answer, "version");
            String status = text(answer, "status");
            if (answer.path("healthy").isBoolean() && !answer.path("healthy").asBoolean()) {
                return new AuraHealth(client.base(), false, version, "GET /health says "
                        + AuraHttpException.excerpt(answer.toString()));
            }
            return new AuraHealth(client.base(), true, version, status);
        } catch (IOException e) {
            throw new AnvilException("Aura is not reachable at " + client.base() + " (GET /health: "
                    + AuraClient.describe(e) + "); start Aura or point --aura-url (or AURA_URL, or auraUrl in anvil.yaml) at it", e);
        } catch (AuraHttpException e) {
            return new AuraHealth(client.base(), false, null, "GET /health returned HTTP " + e.status());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnvilException("interrupted while checking Aura at " + client.base(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() && !v.isNull() && !v.asText().isBlank() ? v.asText() : null;
    }
}
