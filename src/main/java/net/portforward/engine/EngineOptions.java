package net.portforward.engine;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import net.portforward.engine.discovery.DiscoveryPolicy;
import net.portforward.engine.model.MappingProtocol;

/**
 * How the engine searches and talks to routers.
 *
 * @param interfaceName where to search, or {@code null} for the interface of the default route
 * @param router a description URL that skips SSDP (direct mode), or {@code null}
 * @param dataDir where the engine keeps its records (disabled mappings)
 * @param protocol the only protocol to use, or {@code null} for the best the gateway offers
 * @param discovery where discovery may send
 */
public record EngineOptions(
        Duration discoveryTimeout, Duration discoveryGrace, String interfaceName, URI router, Duration httpTimeout,
        Path dataDir, MappingProtocol protocol, DiscoveryPolicy discovery) {

    public EngineOptions withRouter(URI value) {
        return new EngineOptions(discoveryTimeout, discoveryGrace, interfaceName, value, httpTimeout, dataDir, protocol,
                discovery);
    }

    public EngineOptions withProtocol(MappingProtocol value) {
        return new EngineOptions(discoveryTimeout, discoveryGrace, interfaceName, router, httpTimeout, dataDir, value,
                discovery);
    }
}
