package net.portforward.ui.main;

import java.net.Inet6Address;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.model.Retention;
import net.portforward.engine.pinhole.PinholeCheck;
import net.portforward.engine.pinhole.PinholeKey;

/**
 * What a table row shows of a pinhole PortForward opened in the router's IPv6 firewall: no router
 * lists its pinholes, so this comes from PortForward's own record and what the router says of
 * each one's traffic.
 *
 * @param leaseEnd when the router closes it unless renewed; empty while it is being opened
 * @param forwardPort the IPv4 forward's external port it was opened with, or 0
 */
public record Ipv6Hole(PinholeKey key, Inet6Address address, Optional<Instant> leaseEnd, PinholeCheck check,
        Retention retention, int forwardPort) {

    public boolean kept() {
        return retention == Retention.KEEP;
    }

    /** Whether it was opened together with the IPv4 forward {@code protocol}/{@code externalPort}. */
    public boolean pairedWith(Protocol protocol, int externalPort) {
        return forwardPort != 0 && forwardPort == externalPort && key.protocol() == protocol;
    }

    /** The pinholes among {@code rows}. */
    public static List<Ipv6Hole> of(List<MappingRow> rows) {
        return rows.stream().flatMap(r -> r.pinhole().stream()).toList();
    }
}
