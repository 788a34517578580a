package net.portforward.engine;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the engine searches and talks to routers.
 *
 * @param interfaceName where to search, or {@code null} for the interface of the default route
 * @param router a description URL that skips SSDP (direct mode), or {@code null}
 * @param dataDir where the engine keeps its records (disabled mappings)
 */
public record EngineOptions(
        Duration discoveryTimeout, Duration discoveryGrace, String interfaceName, URI router, Duration httpTimeout,
        Path dataDir) {

    public static EngineOptions defaults(Path dataDir) {
        return new EngineOptions(Duration.ofSeconds(3), Duration.ofMillis(300), null, null, Duration.ofSeconds(5), dataDir);
    }

    public EngineOptions withRouter(URI value) {
        return new EngineOptions(discoveryTimeout, discoveryGrace, interfaceName, value, httpTimeout, dataDir);
    }
}
