package net.portforward.engine.pcp;

import java.time.Instant;

/**
 * The server answered ANNOUNCE: it speaks PCP version 2, and this is its epoch.
 *
 * @param receivedAt when the answer arrived, by the client's clock
 */
public record PcpAnnounceAnswer(long epoch, Instant receivedAt) {
}
