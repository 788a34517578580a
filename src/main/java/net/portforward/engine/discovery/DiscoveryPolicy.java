package net.portforward.engine.discovery;

import java.util.Optional;
import java.util.function.Supplier;
import net.portforward.engine.pinhole.Ipv6Network;

/**
 * Where and how discovery may send: the real network's ports and default route, or (in tests)
 * loopback fakes. Passed in, never read from a switch, so production code cannot be talked into
 * another behaviour.
 *
 * @param multicast whether SSDP may also be multicast (239.255.255.250) to find other devices
 *     and gateways that answer only multicast searches (Eero, tailscale #3197)
 * @param ssdpPort where the gateway's SSDP listens (1900)
 * @param portControlPort where the gateway's PCP and NAT-PMP listen (5351)
 * @param route this computer's default route: the gateway PortForward trusts by itself
 * @param ipv6 where the search for the router's IPv6 firewall may send (pinholes); it runs only
 *     when a pinhole is asked for, after the IPv4 search, never beside it (FritzBox)
 */
public record DiscoveryPolicy(boolean multicast, int ssdpPort, int portControlPort,
        Supplier<Optional<DefaultRoute>> route, Ipv6Network ipv6) {

    /** Without IPv6: pinholes are unavailable. */
    public DiscoveryPolicy(boolean multicast, int ssdpPort, int portControlPort, Supplier<Optional<DefaultRoute>> route) {
        this(multicast, ssdpPort, portControlPort, route, Ipv6Network.none());
    }

    public static final int SSDP_PORT = 1900;
    public static final int PORT_CONTROL_PORT = 5351;

    /** The real network: the system's default route, the standard ports, multicast allowed. */
    public static DiscoveryPolicy system() {
        return new DiscoveryPolicy(true, SSDP_PORT, PORT_CONTROL_PORT, DefaultRoute::read, Ipv6Network.system());
    }

    /**
     * A gateway at {@code route} on the given ports, unicast only: for fakes on 127.0.0.1, which
     * must never lead to a multicast packet.
     */
    public static DiscoveryPolicy unicastOnly(DefaultRoute route, int ssdpPort, int portControlPort) {
        return new DiscoveryPolicy(false, ssdpPort, portControlPort, () -> Optional.of(route));
    }

    /** No default route and no multicast: discovery finds nothing, direct mode still works. */
    public static DiscoveryPolicy none() {
        return new DiscoveryPolicy(false, SSDP_PORT, PORT_CONTROL_PORT, Optional::empty);
    }

    /** The same, with {@code value} for the IPv6 side (a test's loopback fakes). */
    public DiscoveryPolicy withIpv6(Ipv6Network value) {
        return new DiscoveryPolicy(multicast, ssdpPort, portControlPort, route, value);
    }
}
