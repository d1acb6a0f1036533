package dev.anvil.cli;

import dev.anvil.record.ModeResolver;
import dev.anvil.record.aura.AuraHealth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code anvil health}: is Aura there, and which version (the .NET Anvil's health command). */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = {"Check that Aura answers (GET /health) and show its version.",
                "Exit 0 healthy, 1 answering but not healthy, 2 not reachable."})
final class HealthCommand extends HistoryCommand implements Callable<Integer> {
    @Option(names = {"--aura-url", "--url"}, paramLabel = "URL",
            description = "Aura's base URL (default: the mode's auraUrl in anvil.yaml, then $" + ModeResolver.AURA_URL_ENV
                    + ", then auraUrl in anvil.yaml, then " + ModeResolver.DEFAULT_AURA_URL + ").")
    String auraUrl;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = ModeResolver.AURA_MODE,
            description = "The Aura mode whose auraUrl in anvil.yaml to use (default: ${DEFAULT-VALUE}).")
    String mode;

    @Override
    public Integer call() {
        ModeResolver modes = ModeResolver.forStories(config(), List.of());
        AuraHealth health = AuraHealth.check(modes.auraUrl(auraUrl, modes.modeConfig(mode)));
        if (health.healthy()) {
            out().println("Aura at " + health.url() + " is healthy"
                    + (health.version() == null ? "" : " (version " + health.version() + ")"));
            out().flush();
            return 0;
        }
        out().println("Aura at " + health.url() + " is not healthy: " + health.detail());
        out().flush();
        return ErrorHandler.FAILURE;
    }
}
