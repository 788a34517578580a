package net.portforward.engine.pinhole;

import java.net.InetAddress;
import net.portforward.engine.error.Reason;

/** Why a pinhole failed, beyond the router's refusal itself, as values for the front ends to word. */
public final class PinholeReasons {
    private PinholeReasons() {
    }

    /** The router no longer has {@code pinhole} (it expired, or the router restarted). */
    public record Gone(Pinhole pinhole) implements Reason {
    }

    /**
     * The router translates IPv6 addresses (NPTv6 or NAT66): it granted {@code granted} port
     * {@code port}, not this computer's own address, so the port is to be forwarded over IPv4.
     */
    public record Ipv6Translated(InetAddress granted, int port) implements Reason {
    }
}
