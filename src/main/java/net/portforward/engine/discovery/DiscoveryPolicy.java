package net.portforward.engine.discovery;

import java.util.Optional;
import java.util.function.Supplier;

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
 */
public record DiscoveryPolicy(boolean multicast, int ssdpPort, int portControlPort,
        Supplier<Optional<DefaultRoute>> route) {

    public static final int SSDP_PORT = 1900;
    public static final int PORT_CONTROL_PORT = 5351;

    /** The real network: the system's default route, the standard ports, multicast allowed. */
    public static DiscoveryPolicy system() {
        return new DiscoveryPolicy(true, SSDP_PORT, PORT_CONTROL_PORT, DefaultRoute::read);
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
}
