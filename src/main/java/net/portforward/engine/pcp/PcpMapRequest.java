package net.portforward.engine.pcp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import net.portforward.engine.model.Protocol;

/**
 * What a MAP asks for. The internal address is the client's own (the local address of the
 * {@link PcpClient}); PortForward does not map for other hosts.
 *
 * @param nonce {@link MappingNonce#random()} for a new mapping, the mapping's own for a renewal
 * @param suggestedExternalPort 0 for no preference
 * @param suggestedExternalAddress empty for no preference
 * @param lifetime at least one second (a deletion is {@link PcpClient#delete}); RFC 6887 leaves the
 *                 choice to the client, the server may grant another
 */
public record PcpMapRequest(MappingNonce nonce, Protocol protocol, int internalPort, int suggestedExternalPort,
                            Optional<InetAddress> suggestedExternalAddress, Duration lifetime) {

    public PcpMapRequest {
        if (internalPort < 1 || internalPort > 65535) {
            throw new IllegalArgumentException("internal port " + internalPort);
        }
        if (suggestedExternalPort < 0 || suggestedExternalPort > 65535) {
            throw new IllegalArgumentException("suggested external port " + suggestedExternalPort);
        }
        if (lifetime.toSeconds() < 1 || lifetime.toSeconds() > PcpWire.MAX_LIFETIME_SECONDS) {
            throw new IllegalArgumentException("lifetime " + lifetime);
        }
    }

    /** A new mapping with a fresh nonce, suggesting the internal port as the external one. */
    public static PcpMapRequest of(Protocol protocol, int internalPort, Duration lifetime) {
        return new PcpMapRequest(MappingNonce.random(), protocol, internalPort, internalPort, Optional.empty(), lifetime);
    }
}
