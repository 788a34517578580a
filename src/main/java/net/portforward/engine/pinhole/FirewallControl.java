package net.portforward.engine.pinhole;

import static net.portforward.engine.upnp.SoapClient.arg;

import java.net.Inet6Address;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.error.RouterTrouble;
import net.portforward.engine.error.UpnpErrorCode;
import net.portforward.engine.error.UpnpException;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.model.ServiceRef;
import net.portforward.engine.net.Ipv6;
import net.portforward.engine.net.Text;
import net.portforward.engine.progress.Progress;
import net.portforward.engine.upnp.SoapClient;

/**
 * The actions of one WANIPv6FirewallControl:1 service (UPnP IGD:2), each a typed method whose
 * arguments go in the order the spec declares them. The SOAP client must send from the address
 * the pinholes open, over IPv6 (see {@link SoapClient#SoapClient(net.portforward.engine.net.SafeHttp,
 * java.net.InetAddress)}). Every refusal is a {@link PinholeException}.
 */
public final class FirewallControl {
    public static final String SERVICE_TYPE = "urn:schemas-upnp-org:service:WANIPv6FirewallControl:1";
    /** IANA protocol numbers: the service names protocols by number, 65535 being "all". */
    static final int TCP = 6;
    static final int UDP = 17;
    /** "Any remote host" and "any remote port" (miniupnpc sends the same). */
    private static final String ANY_HOST = "";
    private static final int ANY_PORT = 0;

    private final SoapClient soap;
    private final ServiceRef service;

    public FirewallControl(SoapClient soap, ServiceRef service) {
        this.soap = soap;
        this.service = service;
    }

    public ServiceRef service() {
        return service;
    }

    /** GetFirewallStatus. */
    public FirewallStatus getFirewallStatus(Progress p) throws PortForwardException {
        Map<String, String> out = call("GetFirewallStatus", List.of(), p);
        return new FirewallStatus(bool(out, "FirewallEnabled"), bool(out, "InboundPinholeAllowed"));
    }

    /**
     * GetOutboundPinholeTimeout for connections this computer starts on {@code port}: how long the
     * firewall keeps an idle outbound one open. Optional in the spec and unfinished in miniupnpd
     * 2.3.1 (it always answers 501): empty where the router does not tell.
     */
    public Optional<Duration> getOutboundPinholeTimeout(Inet6Address client, Protocol protocol, int port, Progress p)
            throws PortForwardException {
        try {
            Map<String, String> out = call("GetOutboundPinholeTimeout", List.of(arg("RemoteHost", ANY_HOST),
                    arg("RemotePort", ANY_PORT), arg("InternalClient", Ipv6.text(client)), arg("InternalPort", port),
                    arg("Protocol", number(protocol))), p);
            return Optional.of(Duration.ofSeconds(unsigned(out, "OutboundPinholeTimeout")));
        } catch (PinholeException e) {
            if (e.code() == UpnpErrorCode.INVALID_ACTION.code() || e.code() == UpnpErrorCode.ACTION_FAILED.code()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** AddPinhole from any remote host and port; returns the UniqueID the router gave it. */
    public PinholeId.UniqueId addPinhole(PinholeRequest r, Progress p) throws PortForwardException {
        Map<String, String> out = call("AddPinhole", List.of(arg("RemoteHost", ANY_HOST), arg("RemotePort", ANY_PORT),
                arg("InternalClient", Ipv6.text(r.address())), arg("InternalPort", r.port()),
                arg("Protocol", number(r.protocol())), arg("LeaseTime", r.lease().toSeconds())), p);
        long id = unsigned(out, "UniqueID");
        if (id > 65535) {
            throw new RouterProtocolException(PinholeFact.ID_OUT_OF_RANGE.with(id));
        }
        return new PinholeId.UniqueId((int) id);
    }

    /** UpdatePinhole: a new lease from now (1 s to 1 day). */
    public void updatePinhole(PinholeId.UniqueId id, Duration lease, Progress p) throws PortForwardException {
        call("UpdatePinhole", List.of(arg("UniqueID", id.value()), arg("NewLeaseTime", lease.toSeconds())), p);
    }

    /** DeletePinhole. */
    public void deletePinhole(PinholeId.UniqueId id, Progress p) throws PortForwardException {
        call("DeletePinhole", List.of(arg("UniqueID", id.value())), p);
    }

    /** GetPinholePackets: how many packets the pinhole let through. */
    public long getPinholePackets(PinholeId.UniqueId id, Progress p) throws PortForwardException {
        return unsigned(call("GetPinholePackets", List.of(arg("UniqueID", id.value())), p), "PinholePackets");
    }

    /**
     * CheckPinholeWorking: true once traffic came through; false while none has (709, which
     * miniupnpd answers until the first packet). Empty where the router does not offer this
     * optional action (401).
     */
    public Optional<Boolean> checkPinholeWorking(PinholeId.UniqueId id, Progress p) throws PortForwardException {
        try {
            return Optional.of(bool(call("CheckPinholeWorking", List.of(arg("UniqueID", id.value())), p), "IsWorking"));
        } catch (PinholeException e) {
            if (e.is(PinholeErrorCode.NO_PACKET_SENT)) {
                return Optional.of(false);
            }
            if (e.code() == UpnpErrorCode.INVALID_ACTION.code()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Both checks at once; what the router cannot tell stays empty. */
    public PinholeCheck check(PinholeId.UniqueId id, Progress p) throws PortForwardException {
        Optional<Boolean> working = checkPinholeWorking(id, p);
        OptionalLong packets;
        try {
            packets = OptionalLong.of(getPinholePackets(id, p));
        } catch (PinholeException e) {
            if (e.code() != UpnpErrorCode.INVALID_ACTION.code()) {
                throw e;
            }
            packets = OptionalLong.empty();
        }
        return new PinholeCheck(working, packets);
    }

    static int number(Protocol protocol) {
        return protocol == Protocol.TCP ? TCP : UDP;
    }

    private Map<String, String> call(String action, List<SoapClient.Arg> args, Progress p) throws PortForwardException {
        try {
            return soap.call(service, action, args, p);
        } catch (UpnpException e) {
            throw PinholeException.of(e);
        }
    }

    private static boolean bool(Map<String, String> out, String name) throws RouterProtocolException {
        String v = out.getOrDefault(name, "").trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "1", "true", "yes" -> true;
            case "0", "false", "no" -> false;
            default -> throw new RouterProtocolException(RouterTrouble.NOT_YES_OR_NO.with(name, Text.clean(v, 40)));
        };
    }

    private static long unsigned(Map<String, String> out, String name) throws RouterProtocolException {
        String v = out.getOrDefault(name, "").trim();
        try {
            long n = Long.parseLong(v);
            if (n >= 0 && n <= 0xffffffffL) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new RouterProtocolException(RouterTrouble.NOT_A_NUMBER.with(name, Text.clean(v, 40)));
    }
}
