package net.portforward.engine.pinhole;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.portforward.engine.discovery.SsdpAnswer;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.error.RouterTrouble;
import net.portforward.engine.model.DeviceDescription;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.ServiceRef;
import net.portforward.engine.net.GatewayAddressPolicy;
import net.portforward.engine.net.Ipv6;
import net.portforward.engine.net.SafeHttp;
import net.portforward.engine.pcp.PcpClient;
import net.portforward.engine.pcp.PcpException;
import net.portforward.engine.pcp.PcpRetransmission;
import net.portforward.engine.portcontrol.NoAnswerException;
import net.portforward.engine.progress.Progress;
import net.portforward.engine.progress.Step;
import net.portforward.engine.upnp.DescriptionParser;
import net.portforward.engine.upnp.SoapClient;

/**
 * Finds how to open pinholes in the firewall of a router already found over IPv4. First this
 * computer's address to open ({@link AddressChoice}); then, for a UPnP router, its IPv6 address
 * from an SSDP search over IPv6 ({@link Ssdp6Search}) and its WANIPv6FirewallControl service from
 * the description read there, every URL pinned to that address like IPv4's; else PCP over IPv6 at
 * that address or the IPv6 default router. The router requires pinhole requests over IPv6 from
 * the address they open (miniupnpd PinholeVerification: 606 otherwise, LAB.md; miniupnp #600,
 * #731), so every request of the service found is sent from it.
 */
public final class PinholeFinder {
    /** miniupnpd answers a multicast search within MX (1 s), after a random delay. */
    static final Duration SEARCH_WAIT = Duration.ofMillis(1500);
    /** One ANNOUNCE: PCP's retransmission would start after 3 s, which a probe does not wait for. */
    static final Duration PCP_PROBE = Duration.ofSeconds(1);
    private static final String FIREWALL_TYPE_PREFIX = "urn:schemas-upnp-org:service:WANIPv6FirewallControl:";

    private final SafeHttp http;
    private final Ipv6Network net;
    private final Duration pcpDeadline;

    /** @param pcpDeadline how long each PCP request may take */
    public PinholeFinder(SafeHttp http, Ipv6Network net, Duration pcpDeadline) {
        this.http = http;
        this.net = net;
        this.pcpDeadline = pcpDeadline;
    }

    public PinholeSupport find(Gateway gateway, Progress p) throws CancelledException {
        NetworkInterface nif = interfaceOf(gateway.localAddress());
        String name = nif == null ? "?" : nif.getName();
        if (!net.enabled()) {
            return PinholeSupport.unavailable(PinholeSupport.Reason.IPV6_OFF, List.of(),
                    new AddressChoice(AddressChoice.Outcome.NO_IPV6, Optional.empty(), name));
        }
        AddressChoice choice = net.addresses().apply(name);
        if (!choice.found()) {
            return PinholeSupport.unavailable(PinholeSupport.Reason.NO_PUBLIC_ADDRESS, List.of(), choice);
        }
        Inet6Address local = choice.address().orElseThrow();
        List<Fact> why = new ArrayList<>();
        Optional<InetAddress> router = Optional.empty();
        boolean answeredOverIpv6 = false;
        if (gateway.upnp().isPresent()) {
            p.report(0.1, Step.LOOKING_OVER_IPV6.with());
            DeviceDescription device = gateway.upnp().get().device();
            Ssdp6Search.Result found = Ssdp6Search.search(local, nif, net, device.deviceType(), device.udn(),
                    SEARCH_WAIT, p);
            why.addAll(found.refused());
            if (found.answer().isPresent()) {
                SsdpAnswer a = found.answer().get();
                router = Optional.of(a.source());
                answeredOverIpv6 = true;
                try {
                    Optional<ServiceRef> firewall = firewallService(a.location(), a.source(), device.udn(), p);
                    if (firewall.isPresent()) {
                        FirewallControl control = new FirewallControl(new SoapClient(http, local), firewall.get());
                        return available(new UpnpPinholes(control, local, a.source()), choice);
                    }
                    why.add(PinholeFact.NO_FIREWALL_SERVICE.with());
                } catch (CancelledException e) {
                    throw e;
                } catch (PortForwardException e) {
                    why.add(RouterTrouble.FAILURE.with(e));
                }
            } else if (found.refused().isEmpty()) {
                why.add(PinholeFact.NO_IPV6_SEARCH_ANSWER.with(SEARCH_WAIT.toMillis()));
            }
        }
        Optional<? extends InetAddress> pcpServer = router.isPresent() ? router : net.defaultRouter().get();
        if (pcpServer.isPresent()) {
            p.report(0.6, Step.ASKING_PCP_OVER_IPV6.with());
            PcpClient pcp = new PcpClient(new InetSocketAddress(pcpServer.get(), net.portControlPort()), local,
                    Clock.systemUTC(), PcpRetransmission.rfc());
            try {
                pcp.announce(PCP_PROBE, p);
                PinholeSupport viaPcp = available(new PcpPinholes(pcp, pcpServer.get(), pcpDeadline), choice);
                // Where UPnP was tried first, say why it was not used: a router report needs it.
                List<Fact> notUpnp = new ArrayList<>();
                notUpnp.add(PinholeFact.NOT_THROUGH_UPNP.with());
                notUpnp.addAll(why);
                return why.isEmpty() ? viaPcp : new PinholeSupport(viaPcp.service(), viaPcp.reason(), notUpnp, choice);
            } catch (PcpException e) {
                answeredOverIpv6 = true;
                why.add(PinholeFact.PCP_ERROR.with(e));
            } catch (NoAnswerException e) {
                why.add(PinholeFact.NO_PCP_ANSWER.with(pcpServer.get()));
            }
        }
        if (answeredOverIpv6) {
            return PinholeSupport.unavailable(PinholeSupport.Reason.NO_FIREWALL_CONTROL, why, choice);
        }
        return PinholeSupport.unavailable(PinholeSupport.Reason.ROUTER_SILENT, why, choice);
    }

    private static PinholeSupport available(PinholeService service, AddressChoice choice) {
        return new PinholeSupport(Optional.of(service), PinholeSupport.Reason.AVAILABLE, List.of(), choice);
    }

    /**
     * The router's description as it serves it over IPv6, read under the same rules as over IPv4
     * (plain http to that one address, bounded, no redirects), and its firewall service. The
     * description must carry the UDN of the router found over IPv4.
     */
    private Optional<ServiceRef> firewallService(URI location, InetAddress router, String udn, Progress p)
            throws PortForwardException {
        GatewayAddressPolicy policy = new GatewayAddressPolicy(router);
        policy.check(location, "IPv6 description URL");
        SafeHttp.Response response = http.get(location, p);
        if (response.status() != 200) {
            throw new RouterProtocolException(PinholeFact.DESCRIPTION_STATUS.with(response.status()));
        }
        DeviceDescription d = DescriptionParser.parse(response.body(), location, policy).description();
        if (!d.udn().toLowerCase(Locale.ROOT).equals(udn.toLowerCase(Locale.ROOT))) {
            throw new RouterProtocolException(PinholeFact.DESCRIPTION_OTHER_DEVICE.with(location, d.udn()));
        }
        return d.services().stream().filter(s -> s.serviceType().startsWith(FIREWALL_TYPE_PREFIX)).findFirst();
    }

    private static NetworkInterface interfaceOf(InetAddress local) {
        try {
            return NetworkInterface.getByInetAddress(local);
        } catch (SocketException e) {
            return null;
        }
    }
}
