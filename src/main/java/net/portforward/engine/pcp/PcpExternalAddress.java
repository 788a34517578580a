package net.portforward.engine.pcp;

import java.net.InetAddress;
import java.time.Instant;

/**
 * The external address a PCP server assigned to the probe mapping of section 11.6.
 *
 * @param probePort the external port the server assigned to the probe (deleted again since)
 * @param epoch the server's epoch, for the restart check
 * @param receivedAt when the answer arrived, by the client's clock
 */
public record PcpExternalAddress(InetAddress address, int probePort, long epoch, Instant receivedAt) {
}
