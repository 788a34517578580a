package net.portforward.testing;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import net.portforward.engine.EngineOptions;
import net.portforward.engine.discovery.DiscoveryPolicy;
import net.portforward.engine.model.MappingProtocol;

/**
 * The one way tests make engine options: a router on loopback named by URL (or none) with a
 * discovery policy that never sends to the network (no default route, no multicast), or a search
 * through a test's own loopback policy.
 */
public final class EngineFixture {
    private EngineFixture() {
    }

    /** Direct mode to {@code router} (or nothing to find when null), HTTP calls bounded by {@code httpTimeout}. */
    public static EngineOptions options(Path dataDir, URI router, Duration httpTimeout) {
        return new EngineOptions(Duration.ofSeconds(3), Duration.ofMillis(300), null, router, httpTimeout, dataDir, null,
                DiscoveryPolicy.none());
    }

    public static EngineOptions options(Path dataDir, URI router) {
        return options(dataDir, router, Duration.ofSeconds(5));
    }

    /**
     * A search through {@code discovery} (fakes on loopback only: a test's default route and
     * ports), using only {@code protocol} (null: the best the gateway offers); a short grace, since
     * the fakes answer at once.
     */
    public static EngineOptions searching(Path dataDir, DiscoveryPolicy discovery, MappingProtocol protocol) {
        return new EngineOptions(Duration.ofSeconds(5), Duration.ofMillis(100), null, null, Duration.ofSeconds(5), dataDir,
                protocol, discovery);
    }

    /**
     * Direct mode only, with {@code ipv6} for the IPv6 side (pinholes): a fake router's firewall
     * and SSDP on ::1 ({@link net.portforward.engine.pinhole.Ipv6Network#loopback}).
     */
    public static EngineOptions withIpv6(Path dataDir, net.portforward.engine.pinhole.Ipv6Network ipv6) {
        return new EngineOptions(Duration.ofSeconds(3), Duration.ofMillis(300), null, null, Duration.ofSeconds(10),
                dataDir, null, DiscoveryPolicy.none().withIpv6(ipv6));
    }

    /** Direct mode to {@code router}, with {@code ipv6} for its firewall on ::1 (the window's pinhole tests). */
    public static EngineOptions withIpv6(Path dataDir, URI router, net.portforward.engine.pinhole.Ipv6Network ipv6) {
        return new EngineOptions(Duration.ofSeconds(3), Duration.ofMillis(300), null, router, Duration.ofSeconds(10),
                dataDir, null, DiscoveryPolicy.none().withIpv6(ipv6));
    }
}
