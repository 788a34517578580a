package net.portforward.testing;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import net.portforward.engine.EngineOptions;
import net.portforward.engine.discovery.DiscoveryPolicy;

/**
 * The one way tests make engine options: a router on loopback named by URL (or none), and a
 * discovery policy that never sends to the network (no default route, no multicast).
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
     * Direct mode only, with {@code ipv6} for the IPv6 side (pinholes): a fake router's firewall
     * and SSDP on ::1 ({@link net.portforward.engine.pinhole.Ipv6Network#loopback}).
     */
    public static EngineOptions withIpv6(Path dataDir, net.portforward.engine.pinhole.Ipv6Network ipv6) {
        return new EngineOptions(Duration.ofSeconds(3), Duration.ofMillis(300), null, null, Duration.ofSeconds(10),
                dataDir, null, DiscoveryPolicy.none().withIpv6(ipv6));
    }
}
