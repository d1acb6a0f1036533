package dev.anvil.record.aura;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anvil.AnvilException;
import dev.anvil.config.AnvilConfig;
import dev.anvil.record.AgentExecutor;
import dev.anvil.record.AgentOutcome;
import dev.anvil.record.AgentOutcome.Kind;
import dev.anvil.record.AgentTask;
import dev.anvil.story.Story;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs stories through Aura's developer API. Per story: create it ({@code POST
 * /api/developer/stories}), analyze, decompose and run it, poll it until it reaches a final
 * status (re-running it when it waits at a gate that proceeds automatically), and always delete
 * it at the end, also after a failure, a timeout or Ctrl-C. Aura makes its own worktree; the
 * story is validated in the {@code worktreePath} it reports.
 */
public final class AuraExecutor implements AgentExecutor {
    public static final String DEFAULT_URL = "http://localhost:5300";
    static final String STORIES = "/api/developer/stories";

    private static final Set<String> COMPLETED = Set.of("completed", "readytocomplete");
    private static final Set<String> FAILED = Set.of("failed", "gatefailed");
    private static final Set<String> CANCELLED = Set.of("cancelled", "canceled");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DELETE_TIMEOUT = Duration.ofSeconds(10);

    static final int POLL_RETRIES = 3;

    private final AuraClient client;
    private final Duration pollInterval;

    public AuraExecutor(String baseUrl) {
        this(baseUrl, Duration.ofSeconds(2));
    }

    public AuraExecutor(String baseUrl, Duration pollInterval) {
        this.client = new AuraClient(parse(baseUrl), CONNECT_TIMEOUT);
        this.pollInterval = pollInterval;
    }

    /** The URL to use: {@code --aura-url}, then the mode's {@code auraUrl}, then the top-level one in anvil.yaml, then the default. */
    public static String resolveUrl(String option, AnvilConfig config, String mode) {
        if (option != null && !option.isBlank()) {
            return option;
        }
        if (config != null) {
            AnvilConfig.ModeConfig m = mode == null ? null : config.modes().get(mode);
            if (m != null && m.auraUrl() != null && !m.auraUrl().isBlank()) {
                return m.auraUrl();
            }
            if (config.auraUrl() != null && !config.auraUrl().isBlank()) {
                return config.auraUrl();
            }
        }
        return DEFAULT_URL;
    }

    public URI baseUrl() {
        return client.base();
    }

    @Override
    public boolean needsWorktree() {
        return false;
    }

    /** {@code GET /health}, once before the run: one clear error when Aura cannot be reached. */
    @Override
    public void checkReady() {
        try {
            client.get("/health", HEALTH_TIMEOUT, Transcript.NONE);
        } catch (IOException e) {
            throw new AnvilException("Aura is not reachable at " + client.base() + " (GET /health: "
                    + AuraClient.describe(e) + "); start Aura or point --aura-url (or auraUrl in anvil.yaml) at it", e);
        } catch (AuraHttpException e) {
            throw new AnvilException("Aura at " + client.base() + " is not healthy: GET /health returned HTTP "
                    + e.status(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnvilException("interrupted while checking Aura at " + client.base(), e);
        }
    }

    @Override
    public AgentOutcome run(AgentTask task) throws InterruptedException {
        Story story = task.story();
        Duration timeout = task.timeout() != null ? task.timeout() : story.timeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        String id = null;
        JsonNode last = null;
        try (Transcript log = Transcript.open(task.logFile())) {
            log.line("Aura " + client.base() + ", story " + story.id() + " (mode " + task.mode() + ", timeout "
                    + seconds(timeout) + ")");
            try {
                if (story.repository() == null) {
                    log.line("no repository: Aura needs repositoryPath");
                    return outcome(Kind.CRASHED, null, "story " + story.id() + " has no repository; Aura needs one", null);
                }
                JsonNode created = client.post(STORIES, createBody(story), remaining(deadline), log);
                id = created.path("id").asText(null);
                if (id == null || id.isBlank()) {
                    id = null;
                    return outcome(Kind.CRASHED, null, "Aura created the story but returned no id", null);
                }
                String path = STORIES + "/" + id;
                client.post(path + "/analyze", null, remaining(deadline), log);
                client.post(path + "/decompose", null, remaining(deadline), log);
                client.post(path + "/run", null, remaining(deadline), log);
                String lastStatus = null;
                int[] failedPolls = {0};
                while (true) {
                    if (System.nanoTime() - deadline >= 0) {
                        log.line("timed out after " + seconds(timeout) + ", last status " + lastStatus);
                        return outcome(Kind.TIMED_OUT, last, "Aura story did not finish within " + seconds(timeout)
                                + (lastStatus == null ? " (no status yet)" : " (last status " + lastStatus + ")"), null);
                    }
                    JsonNode polled = poll(path, deadline, log, failedPolls);
                    if (polled == null) {
                        Thread.sleep(Math.max(1, Math.min(pollInterval.toMillis(), remaining(deadline).toMillis())));
                        continue;
                    }
                    last = polled;
                    String status = last.path("status").asText("");
                    if (!status.equals(lastStatus)) {
                        log.line("status " + status + gateText(last));
                        lastStatus = status;
                    }
                    String s = status.toLowerCase(Locale.ROOT);
                    if (COMPLETED.contains(s)) {
                        log.line("final story: " + AuraHttpException.excerpt(last.toString()));
                        return outcome(Kind.COMPLETED, last, null, null);
                    }
                    if (FAILED.contains(s)) {
                        log.line("final story: " + AuraHttpException.excerpt(last.toString()));
                        return outcome(Kind.FAILED, last, "Aura story " + status + errorText(last), null);
                    }
                    if (CANCELLED.contains(s)) {
                        return outcome(Kind.CRASHED, last, "Aura story was cancelled" + errorText(last), null);
                    }
                    if (s.equals("gatepending") && last.path("gateMode").asText("").equalsIgnoreCase("AutoProceed")) {
                        client.post(path + "/run", null, remaining(deadline), log);
                    }
                    Thread.sleep(Math.max(1, Math.min(pollInterval.toMillis(), remaining(deadline).toMillis())));
                }
            } catch (java.net.http.HttpTimeoutException e) {
                if (e instanceof java.net.http.HttpConnectTimeoutException) {
                    log.line("lost Aura: cannot connect");
                    return outcome(Kind.CRASHED, last, "Aura at " + client.base() + ": cannot connect", null);
                }
                log.line("timed out waiting for Aura: " + e.getMessage());
                return outcome(Kind.TIMED_OUT, last, "Aura did not answer within the story's " + seconds(timeout), null);
            } catch (IOException e) {
                log.line("lost Aura: " + AuraClient.describe(e));
                return outcome(Kind.CRASHED, last, "Aura at " + client.base() + ": " + AuraClient.describe(e), null);
            } catch (AuraHttpException e) {
                return outcome(Kind.CRASHED, last, "Aura: " + e.getMessage(), null);
            } finally {
                if (id != null) {
                    delete(id, log);
                }
            }
        }
    }

    /**
     * One poll of the story. A lost answer or a 5xx is retried on the next poll (a night-long run
     * should not lose a story to one network blip); after {@value #POLL_RETRIES} in a row it
     * counts. Returns null when this poll should be retried.
     */
    private JsonNode poll(String path, long deadline, Transcript log, int[] failedPolls)
            throws IOException, InterruptedException, AuraHttpException {
        try {
            JsonNode story = client.get(path, remaining(deadline), Transcript.NONE);
            failedPolls[0] = 0;
            return story;
        } catch (java.net.http.HttpTimeoutException e) {
            throw e;
        } catch (IOException | AuraHttpException e) {
            boolean transientError = e instanceof IOException || ((AuraHttpException) e).status() >= 500;
            if (!transientError || ++failedPolls[0] >= POLL_RETRIES) {
                failedPolls[0] = 0;
                throw e;
            }
            log.line("GET " + path + " failed (" + (e instanceof IOException io ? AuraClient.describe(io) : e.getMessage())
                    + "); trying again");
            return null;
        }
    }

    /** Always, and even when this thread was interrupted: the story must not stay in Aura. */
    private void delete(String id, Transcript log) {
        boolean interrupted = Thread.interrupted();
        try {
            client.delete(STORIES + "/" + id, DELETE_TIMEOUT, log);
        } catch (IOException | AuraHttpException e) {
            log.line("could not delete story " + id + ": " + e.getMessage());
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static Map<String, Object> createBody(Story story) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", story.title());
        body.put("description", story.description());
        body.put("repositoryPath", story.repository().toString());
        body.put("automationMode", "Autonomous");
        if (story.executor() != null) {
            body.put("preferredExecutor", story.executor());
        }
        return body;
    }

    private static AgentOutcome outcome(Kind kind, JsonNode story, String message, Integer exitCode) {
        Path worktree = null;
        List<AgentOutcome.AgentStep> steps = List.of();
        if (story != null) {
            String wt = story.path("worktreePath").asText(null);
            worktree = wt == null || wt.isBlank() ? null : Path.of(wt);
            steps = AuraSteps.from(story);
        }
        if (kind == Kind.COMPLETED && worktree == null) {
            message = "Aura completed the story but reported no worktreePath to validate";
        }
        return new AgentOutcome(kind, worktree, message, exitCode, steps);
    }

    private static Duration remaining(long deadline) {
        long nanos = deadline - System.nanoTime();
        return Duration.ofNanos(Math.max(nanos, Duration.ofMillis(500).toNanos()));
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s"
                : String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    private static String gateText(JsonNode story) {
        String gate = story.path("gateMode").asText("");
        return gate.isEmpty() ? "" : " (gateMode " + gate + ")";
    }

    private static String errorText(JsonNode story) {
        String error = story.path("error").asText("");
        return error.isBlank() ? "" : ": " + error;
    }

    private static URI parse(String url) {
        String u = url == null || url.isBlank() ? DEFAULT_URL : url.strip();
        try {
            URI uri = new URI(u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new AnvilException("bad Aura URL '" + url + "': expected http://HOST:PORT");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new AnvilException("bad Aura URL '" + url + "': " + e.getReason(), e);
        }
    }
}
