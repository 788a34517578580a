package net.portforward.engine.pinhole;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.progress.Progress;

/** Pinholes through UPnP IGD:2's WANIPv6FirewallControl:1, called over IPv6 from this computer's address. */
final class UpnpPinholes implements PinholeService {
    private final FirewallControl firewall;
    private final Inet6Address local;
    private final InetAddress router;

    UpnpPinholes(FirewallControl firewall, Inet6Address local, InetAddress router) {
        this.firewall = firewall;
        this.local = local;
        this.router = router;
    }

    @Override
    public String label() {
        return "UPnP (" + firewall.service().shortType() + ")";
    }

    @Override
    public Inet6Address localAddress() {
        return local;
    }

    @Override
    public InetAddress routerAddress() {
        return router;
    }

    @Override
    public Optional<FirewallStatus> status(Progress p) throws PortForwardException {
        return Optional.of(firewall.getFirewallStatus(p));
    }

    /**
     * AddPinhole. A pinhole with the same address, port and protocol is not made twice: the
     * router extends it and answers its UniqueID (the spec; miniupnpd upnp_add_inboundpinhole).
     */
    @Override
    public Pinhole open(PinholeRequest request, Progress p) throws PortForwardException {
        PinholeId.UniqueId id = firewall.addPinhole(request, p);
        return new Pinhole(id, request.address(), request.protocol(), request.port(), request.lease());
    }

    @Override
    public Pinhole renew(Pinhole pinhole, Duration lease, Progress p) throws PortForwardException {
        firewall.updatePinhole(uniqueId(pinhole), lease, p);
        return new Pinhole(pinhole.id(), pinhole.address(), pinhole.protocol(), pinhole.port(), lease);
    }

    @Override
    public void close(Pinhole pinhole, Progress p) throws PortForwardException {
        try {
            firewall.deletePinhole(uniqueId(pinhole), p);
        } catch (PinholeException e) {
            if (!e.is(PinholeErrorCode.NO_SUCH_ENTRY)) {
                throw e;
            }
        }
    }

    @Override
    public PinholeCheck check(Pinhole pinhole, Progress p) throws PortForwardException {
        return firewall.check(uniqueId(pinhole), p);
    }

    private static PinholeId.UniqueId uniqueId(Pinhole pinhole) throws RouterProtocolException {
        if (pinhole.id() instanceof PinholeId.UniqueId u) {
            return u;
        }
        throw new RouterProtocolException("The pinhole " + pinhole.summary() + " was opened over PCP; this router is"
                + " now reached over UPnP, which cannot name it.");
    }
}
