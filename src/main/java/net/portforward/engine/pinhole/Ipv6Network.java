package net.portforward.engine.pinhole;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where the engine may send over IPv6 to find the router's firewall, and where this computer's
 * IPv6 addresses come from: the real network's, or (in tests) loopback fakes. Passed in with the
 * {@link net.portforward.engine.discovery.DiscoveryPolicy}, never read from a switch.
 *
 * @param addresses this computer's IPv6 address choice on an interface (by name)
 * @param unicastSearch where the IPv6 SSDP search goes instead of the link's multicast group
 *     ff02::c (a fake router on ::1), or empty for the real multicast search
 * @param portControlPort where the router's PCP listens (5351)
 * @param defaultRouter the IPv6 default route's next hop, the PCP server when no UPnP answer
 *     names the router's IPv6 address
 * @param loopbackRouters whether ::1 may play the router (tests only)
 * @param enabled false: the engine sends nothing over IPv6 (pinholes are then unavailable)
 */
public record Ipv6Network(Function<String, AddressChoice> addresses, Optional<InetSocketAddress> unicastSearch,
        int portControlPort, Supplier<Optional<Inet6Address>> defaultRouter, boolean loopbackRouters,
        boolean enabled) {

    /** SSDP over IPv6: the link-local multicast group of UPnP devices (UDA 1.1 section 1.1.2). */
    public static final String SSDP_GROUP = "ff02::c";
    public static final int SSDP_PORT = 1900;

    /** The real network: the system's addresses and IPv6 routes, the multicast search on the router's link. */
    public static Ipv6Network system() {
        return new Ipv6Network(name -> AddressChoice.choose(AddressTable.read(), name), Optional.empty(),
                net.portforward.engine.pcp.PcpClient.SERVER_PORT, Ipv6Routes::defaultRouter, false, true);
    }

    /** Nothing over IPv6: no search, no address. */
    public static Ipv6Network none() {
        return new Ipv6Network(name -> new AddressChoice(AddressChoice.Outcome.NO_IPV6, Optional.empty(), name),
                Optional.empty(), net.portforward.engine.pcp.PcpClient.SERVER_PORT, Optional::empty, false, false);
    }

    /**
     * A router fake on ::1: this computer's address is ::1 too, the search is unicast to
     * {@code ssdp}, PCP to {@code pcpPort} of ::1.
     */
    public static Ipv6Network loopback(InetSocketAddress ssdp, int pcpPort) {
        Inet6Address one = Ipv6Routes.loopback();
        return new Ipv6Network(name -> new AddressChoice(AddressChoice.Outcome.CHOSEN, Optional.of(one), name),
                Optional.of(ssdp), pcpPort, () -> Optional.of(one), true, true);
    }

    /** The same with another address choice (a test of what the engine does with none). */
    public Ipv6Network withAddresses(Function<String, AddressChoice> value) {
        return new Ipv6Network(value, unicastSearch, portControlPort, defaultRouter, loopbackRouters, enabled);
    }
}
