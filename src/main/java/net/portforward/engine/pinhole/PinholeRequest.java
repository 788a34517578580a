package net.portforward.engine.pinhole;

import java.net.Inet6Address;
import java.time.Duration;
import net.portforward.engine.model.Protocol;

/**
 * A pinhole to open: this computer's {@code port} at {@code address}, for {@code protocol}, from
 * any host and port on the internet (RemoteHost empty, RemotePort 0: what a home server needs).
 *
 * @param lease 1 s to 1 day: WANIPv6FirewallControl's LeaseTime range (miniupnpd answers 402
 *     outside it); pinholes are never permanent
 */
public record PinholeRequest(Inet6Address address, Protocol protocol, int port, Duration lease) {
    public static final Duration MAX_LEASE = Duration.ofSeconds(86400);

    public PinholeRequest {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port);
        }
        if (lease.toSeconds() < 1 || lease.compareTo(MAX_LEASE) > 0) {
            throw new IllegalArgumentException("lease " + lease.toSeconds() + " s is outside 1-86400 s");
        }
    }

    public PinholeKey key() {
        return new PinholeKey(protocol, port);
    }
}
