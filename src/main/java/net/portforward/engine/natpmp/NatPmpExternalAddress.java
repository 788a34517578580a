package net.portforward.engine.natpmp;

import java.net.InetAddress;
import java.time.Instant;

/**
 * The gateway's external address as NAT-PMP told it.
 *
 * @param epoch the gateway's seconds since the start of its epoch, for the restart check
 * @param receivedAt when the answer arrived, by the client's clock
 */
public record NatPmpExternalAddress(InetAddress address, long epoch, Instant receivedAt) {
}
