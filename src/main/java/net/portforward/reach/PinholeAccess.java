package net.portforward.reach;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.ConnectionStatus;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.NatVerdict;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Retention;
import net.portforward.engine.model.RouterStatus;
import net.portforward.engine.net.Ipv6;
import net.portforward.engine.pinhole.PinholeKey;
import net.portforward.engine.pinhole.PinholeRequest;
import net.portforward.engine.pinhole.Pinholes;
import net.portforward.engine.progress.Progress;

/**
 * The reachability test over IPv6 ({@code test PORT --ipv6}): where a forward would be, a pinhole
 * in the router's IPv6 firewall for this computer's own address. Nothing is translated, so the
 * address the checker sees is this computer's, and there is no NAT to be behind.
 */
public final class PinholeAccess implements MappingAccess {
    private final Pinholes pinholes;

    public PinholeAccess(Pinholes pinholes) {
        this.pinholes = pinholes;
    }

    @Override
    public InetAddress localAddress() {
        return pinholes.service().localAddress();
    }

    /** This computer's own address is the public one: the checker must see exactly it. */
    @Override
    public RouterStatus status(Progress p) {
        InetAddress local = localAddress();
        return new RouterStatus(local, Ipv6.text(local), ConnectionStatus.CONNECTED, null, "", NatVerdict.PUBLIC);
    }

    /** The pinhole PortForward opened for this port, as a forward of the port to itself. */
    @Override
    public Optional<PortMapping> mapping(MappingKey key, Progress p) throws PortForwardException {
        return pinholes.recorded().stream()
                .filter(r -> r.key().equals(new PinholeKey(key.protocol(), key.externalPort())) && r.id().isPresent())
                .findFirst()
                .map(r -> new PortMapping(key.protocol(), key.externalPort(), r.address(), key.externalPort(), true,
                        "IPv6 pinhole", null, r.lease()));
    }

    /** Opens the pinhole for the port the forward would lead to, for its lease (at most a day). */
    @Override
    public void add(PortMapping mapping, Retention retention, Progress p) throws PortForwardException {
        Duration lease = mapping.permanent() || mapping.lease().compareTo(PinholeRequest.MAX_LEASE) > 0
                ? PinholeRequest.MAX_LEASE : mapping.lease();
        pinholes.open(mapping.protocol(), mapping.internalPort(), lease, retention, 0, p);
    }

    @Override
    public void delete(MappingKey key, Progress p) throws PortForwardException {
        pinholes.close(new PinholeKey(key.protocol(), key.externalPort()), p);
    }
}
