package net.portforward.engine.pinhole;

import java.net.Inet6Address;
import java.time.Duration;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.net.Ipv6;

/**
 * An open pinhole, as the router granted it.
 *
 * @param lease what the router granted (PCP may grant another lifetime than asked); renew at half
 */
public record Pinhole(PinholeId id, Inet6Address address, Protocol protocol, int port, Duration lease) {

    public PinholeKey key() {
        return new PinholeKey(protocol, port);
    }

    /** "TCP port 8080 of 2001:db8::10": for sentences. */
    public String summary() {
        return protocol + " port " + port + " of " + Ipv6.text(address);
    }
}
