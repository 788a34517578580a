package net.portforward.engine.pinhole;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.Refusal;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.error.RouterRefusedException;
import net.portforward.engine.pcp.MappingNonce;
import net.portforward.engine.pcp.PcpClient;
import net.portforward.engine.pcp.PcpException;
import net.portforward.engine.pcp.PcpMapRequest;
import net.portforward.engine.pcp.PcpMapping;
import net.portforward.engine.portcontrol.Refusals;
import net.portforward.engine.progress.Progress;

/**
 * Pinholes through PCP (RFC 6887) over IPv6: a MAP whose internal address is this computer's IPv6
 * address opens the router's firewall for that port, with no translation (miniupnpd 2.3.1 adds an
 * accept rule for it, seen in the lab). The mapping nonce is the pinhole's id: renewals and the
 * delete carry it (miniupnpd refuses a delete with another nonce).
 */
final class PcpPinholes implements PinholeService {
    private final PcpClient pcp;
    private final InetAddress router;
    private final Duration deadline;

    /** @param deadline how long each request may take, retransmissions included */
    PcpPinholes(PcpClient pcp, InetAddress router, Duration deadline) {
        this.pcp = pcp;
        this.router = router;
        this.deadline = deadline;
    }

    @Override
    public String label() {
        return "PCP";
    }

    @Override
    public Inet6Address localAddress() {
        return (Inet6Address) pcp.localAddress();
    }

    @Override
    public InetAddress routerAddress() {
        return router;
    }

    /** PCP has no request for the firewall's state. */
    @Override
    public Optional<FirewallStatus> status(Progress p) {
        return Optional.empty();
    }

    @Override
    public Pinhole open(PinholeRequest request, Progress p) throws PortForwardException {
        return map(new PcpMapRequest(MappingNonce.random(), request.protocol(), request.port(), request.port(),
                Optional.of(request.address()), request.lease()), request.address(), p);
    }

    /** The same MAP again with the pinhole's nonce: renews it, or makes it again after a router restart. */
    @Override
    public Pinhole renew(Pinhole pinhole, Duration lease, Progress p) throws PortForwardException {
        return map(new PcpMapRequest(nonce(pinhole), pinhole.protocol(), pinhole.port(), pinhole.port(),
                Optional.of(pinhole.address()), lease), pinhole.address(), p);
    }

    @Override
    public void close(Pinhole pinhole, Progress p) throws PortForwardException {
        try {
            pcp.delete(nonce(pinhole), pinhole.protocol(), pinhole.port(), deadline, p);
        } catch (PcpException e) {
            throw Refusals.of(e);
        }
    }

    @Override
    public PinholeCheck check(Pinhole pinhole, Progress p) {
        return PinholeCheck.UNKNOWN;
    }

    private Pinhole map(PcpMapRequest request, Inet6Address address, Progress p) throws PortForwardException {
        PcpMapping m;
        try {
            m = pcp.map(request, deadline, p);
        } catch (PcpException e) {
            throw Refusals.of(e);
        }
        if (m.externalPort() != request.internalPort() || !address.equals(m.externalAddress())) {
            // The router translates IPv6 (NPTv6 or NAT66): the port would be open elsewhere, not here.
            try {
                pcp.delete(request.nonce(), request.protocol(), request.internalPort(), deadline, p);
            } catch (PcpException e) {
                // its lifetime ends it
            }
            String technical = "PCP MAP over IPv6 granted " + m.externalAddress().getHostAddress() + " port "
                    + m.externalPort();
            throw new RouterRefusedException(Refusal.BEHIND_ANOTHER_NAT, technical,
                    new PinholeReasons.Ipv6Translated(m.externalAddress(), m.externalPort()), technical);
        }
        return new Pinhole(new PinholeId.PcpNonce(request.nonce()), address, request.protocol(), request.internalPort(),
                m.lifetime());
    }

    private static MappingNonce nonce(Pinhole pinhole) throws RouterProtocolException {
        if (pinhole.id() instanceof PinholeId.PcpNonce n) {
            return n.nonce();
        }
        throw new RouterProtocolException(PinholeFact.OPENED_OVER_UPNP.with(pinhole));
    }
}
