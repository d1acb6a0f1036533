package dev.anvil.record.aura;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anvil.AnvilException;
import dev.anvil.config.AnvilConfig;
import dev.anvil.history.AuraResult;
import dev.anvil.record.AgentExecutor;
import dev.anvil.record.AgentOutcome;
import dev.anvil.record.AgentOutcome.Kind;
import dev.anvil.record.AgentTask;
import dev.anvil.record.ModeResolver;
import dev.anvil.story.Story;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs stories through Aura's developer API, as the .NET Anvil's StoryRunner does. Per story:
 * create it ({@code POST /api/developer/stories}), analyze, decompose (body from the mode's
 * {@code decompose}, by default {@code {"maxParallelism": 1, "includeTests": false}}) and run
 * it, then poll it until it reaches a final status (re-running it when it waits at a gate that
 * proceeds automatically). Aura makes its own worktree; the story is validated in the
 * {@code worktreePath} it reports, and only then released: deleted in Aura (which removes that
 * worktree) when it passed, kept with its worktree when it did not. A story that never gets
 * that far (error, timeout, Ctrl-C) is deleted at once.
 *
 * <p>Aura's final status does not decide the result: a story whose expectations all hold passes
 * even when Aura says Failed or GateFailed, and the status is stored beside the result. A story
 * Aura cancelled, or that has no worktree to validate, is an error.
 */
public final class AuraExecutor implements AgentExecutor {
    public static final String DEFAULT_URL = ModeResolver.DEFAULT_AURA_URL;
    static final String STORIES = "/api/developer/stories";
    /** The .NET Anvil's decompose: sequential steps, no generated test steps. */
    static final Map<String, Object> DEFAULT_DECOMPOSE = Map.of("maxParallelism", 1, "includeTests", false);

    private static final Set<String> COMPLETED = Set.of("completed", "readytocomplete");
    private static final Set<String> FAILED = Set.of("failed", "gatefailed");
    private static final Set<String> CANCELLED = Set.of("cancelled", "canceled");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DELETE_TIMEOUT = Duration.ofSeconds(10);

    static final int POLL_RETRIES = 3;

    private final AuraClient client;
    private final Duration pollInterval;
    private final Map<String, Object> decompose;
    private final IndexUsageAnalyzer indexUsage;

    public AuraExecutor(String baseUrl) {
        this(baseUrl, Duration.ofSeconds(2), null);
    }

    /** @param mode the mode's anvil.yaml entry (its decompose body and index usage tool lists), or null */
    public AuraExecutor(String baseUrl, AnvilConfig.ModeConfig mode) {
        this(baseUrl, Duration.ofSeconds(2), mode);
    }

    AuraExecutor(String baseUrl, Duration pollInterval) {
        this(baseUrl, pollInterval, null);
    }

    AuraExecutor(String baseUrl, Duration pollInterval, AnvilConfig.ModeConfig mode) {
        this.client = new AuraClient(parse(baseUrl), CONNECT_TIMEOUT);
        this.pollInterval = pollInterval;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("maxParallelism", DEFAULT_DECOMPOSE.get("maxParallelism"));
        body.put("includeTests", DEFAULT_DECOMPOSE.get("includeTests"));
        if (mode != null && mode.decompose() != null) {
            body.putAll(mode.decompose());
        }
        this.decompose = java.util.Collections.unmodifiableMap(body);
        this.indexUsage = new IndexUsageAnalyzer(ToolKinds.of(mode == null ? null : mode.indexUsage()));
    }

    public URI baseUrl() {
        return client.base();
    }

    @Override
    public boolean needsWorktree() {
        return false;
    }

    /** {@code GET /health}, once before the run: one clear error when Aura cannot be reached or is not healthy. */
    @Override
    public void checkReady() {
        AuraHealth health = AuraHealth.check(client);
        if (!health.healthy()) {
            throw new AnvilException("Aura at " + client.base() + " is not healthy: " + health.detail());
        }
    }

    @Override
    public AgentOutcome run(AgentTask task) throws InterruptedException {
        Story story = task.story();
        Duration timeout = task.timeout() != null ? task.timeout() : story.timeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        String id = null;
        JsonNode last = null;
        boolean handedOver = false;
        try (Transcript log = Transcript.open(task.logFile())) {
            log.line("Aura " + client.base() + ", story " + story.id() + " (mode " + task.mode() + ", timeout "
                    + seconds(timeout) + ")");
            try {
                if (story.repository() == null) {
                    log.line("no repository: Aura needs repositoryPath");
                    return outcome(Kind.CRASHED, null, null, "story " + story.id() + " has no repository; Aura needs one", null);
                }
                JsonNode created = client.post(STORIES, createBody(story), remaining(deadline), log);
                id = created.path("id").asText(null);
                if (id == null || id.isBlank()) {
                    id = null;
                    return outcome(Kind.CRASHED, null, null, "Aura created the story but returned no id", null);
                }
                String path = STORIES + "/" + id;
                client.post(path + "/analyze", null, remaining(deadline), log);
                client.post(path + "/decompose", decompose, remaining(deadline), log);
                client.post(path + "/run", null, remaining(deadline), log);
                String lastStatus = null;
                int[] failedPolls = {0};
                while (true) {
                    if (System.nanoTime() - deadline >= 0) {
                        log.line("timed out after " + seconds(timeout) + ", last status " + lastStatus);
                        return outcome(Kind.TIMED_OUT, id, last, "Aura story did not finish within " + seconds(timeout)
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
                    if (CANCELLED.contains(s)) {
                        return outcome(Kind.CRASHED, id, last, "Aura story was cancelled" + errorText(last), null);
                    }
                    if (COMPLETED.contains(s) || FAILED.contains(s)) {
                        log.line("final story: " + AuraHttpException.excerpt(last.toString()));
                        AgentOutcome finished = finished(id, last, status, task);
                        handedOver = finished.kind() == Kind.COMPLETED;
                        return finished;
                    }
                    if (s.equals("gatepending") && last.path("gateMode").asText("").equalsIgnoreCase("AutoProceed")) {
                        client.post(path + "/run", null, remaining(deadline), log);
                    }
                    Thread.sleep(Math.max(1, Math.min(pollInterval.toMillis(), remaining(deadline).toMillis())));
                }
            } catch (java.net.http.HttpTimeoutException e) {
                if (e instanceof java.net.http.HttpConnectTimeoutException) {
                    log.line("lost Aura: cannot connect");
                    return outcome(Kind.CRASHED, id, last, "Aura at " + client.base() + ": cannot connect", null);
                }
                log.line("timed out waiting for Aura: " + e.getMessage());
                return outcome(Kind.TIMED_OUT, id, last, "Aura did not answer within the story's " + seconds(timeout), null);
            } catch (IOException e) {
                log.line("lost Aura: " + AuraClient.describe(e));
                return outcome(Kind.CRASHED, id, last, "Aura at " + client.base() + ": " + AuraClient.describe(e), null);
            } catch (AuraHttpException e) {
                return outcome(Kind.CRASHED, id, last, "Aura: " + e.getMessage(), null);
            } finally {
                if (id != null && !handedOver) {
                    delete(id, log);
                }
            }
        }
    }

    /**
     * A story Aura has finished, completed or not: validated in its worktree when it has one (the
     * recorder then releases it), an error when it has none.
     */
    private AgentOutcome finished(String id, JsonNode story, String status, AgentTask task) {
        String note = FAILED.contains(status.toLowerCase(Locale.ROOT)) ? "Aura story " + status + errorText(story) : null;
        String wt = story.path("worktreePath").asText("");
        if (wt.isBlank()) {
            return outcome(Kind.CRASHED, id, story, "Aura finished the story (" + status + ") but reported no worktreePath to validate", null);
        }
        Path worktree = Path.of(wt);
        if (!Files.isDirectory(worktree)) {
            return outcome(Kind.CRASHED, id, story, "Aura's worktree " + worktree + " (story " + status + ") does not exist", null);
        }
        return outcome(Kind.COMPLETED, id, story, note, keep -> release(id, worktree, keep, task.logFile()));
    }

    /** After validation: keep the story and its worktree for inspection, or delete both in Aura. */
    private void release(String id, Path worktree, boolean keep, Path logFile) {
        Transcript opened;
        try {
            opened = Transcript.open(logFile);
        } catch (java.io.UncheckedIOException e) {
            opened = Transcript.NONE; // the log is for people: releasing the story matters more
        }
        try (Transcript log = opened) {
            if (keep) {
                log.line("kept story " + id + " in Aura with its worktree " + worktree + " for inspection; "
                        + "DELETE " + STORIES + "/" + id + " removes both");
                return;
            }
            delete(id, log);
            if (Files.isDirectory(worktree)) {
                log.line("Aura kept the worktree " + worktree + " after the delete");
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

    private AgentOutcome outcome(Kind kind, String id, JsonNode story, String message, AgentOutcome.Release release) {
        Path worktree = null;
        List<AgentOutcome.AgentStep> steps = List.of();
        AuraResult aura = id == null ? null : new AuraResult(id, null, null);
        if (story != null) {
            String wt = story.path("worktreePath").asText(null);
            worktree = wt == null || wt.isBlank() ? null : Path.of(wt);
            List<ToolCall> calls = AuraSteps.from(story);
            steps = new ArrayList<>();
            for (ToolCall c : calls) {
                steps.add(new AgentOutcome.AgentStep(c.step(), c.tool(), indexUsage.isSemantic(c.tool())));
            }
            String status = story.path("status").asText(null);
            aura = new AuraResult(id, status, indexUsage.analyze(calls));
        }
        return new AgentOutcome(kind, worktree, message, null, steps, aura, release);
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

    static URI parse(String url) {
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
