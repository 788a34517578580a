package net.portforward.engine.pinhole;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.Refusal;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.error.RouterRefusedException;
import net.portforward.engine.error.UpnpErrorCode;
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
        try {
            firewall.updatePinhole(uniqueId(pinhole), lease, p);
        } catch (PinholeException e) {
            throw gone(pinhole, e);
        }
        return new Pinhole(pinhole.id(), pinhole.address(), pinhole.protocol(), pinhole.port(), lease);
    }

    @Override
    public void close(Pinhole pinhole, Progress p) throws PortForwardException {
        try {
            firewall.deletePinhole(uniqueId(pinhole), p);
        } catch (PinholeException e) {
            if (gone(pinhole, e).reason() != Refusal.NO_SUCH_MAPPING) {
                throw e;
            }
        }
    }

    @Override
    public PinholeCheck check(Pinhole pinhole, Progress p) throws PortForwardException {
        try {
            return firewall.check(uniqueId(pinhole), p);
        } catch (PinholeException e) {
            throw gone(pinhole, e);
        }
    }

    /**
     * A pinhole the router no longer has, as {@link Refusal#NO_SUCH_MAPPING}: 704 NoSuchEntry
     * (the spec), or 402 Invalid Args, which miniupnpd 2.3.1 (nftables) answers instead to every
     * action on a UniqueID it does not hold (seen in the lab after a restart). The ids sent are
     * always in range and leases checked before, so a 402 here cannot mean a bad value of ours.
     */
    private static RouterRefusedException gone(Pinhole pinhole, PinholeException e) {
        if (e.is(PinholeErrorCode.NO_SUCH_ENTRY) || e.code() == UpnpErrorCode.INVALID_ARGS.code()) {
            return new RouterRefusedException(Refusal.NO_SUCH_MAPPING, e.technical(), new PinholeReasons.Gone(pinhole),
                    "pinhole gone: " + pinhole.summary());
        }
        return e;
    }

    private static PinholeId.UniqueId uniqueId(Pinhole pinhole) throws RouterProtocolException {
        if (pinhole.id() instanceof PinholeId.UniqueId u) {
            return u;
        }
        throw new RouterProtocolException(PinholeFact.OPENED_OVER_PCP.with(pinhole));
    }
}
