package net.portforward.engine.pcp;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.portforward.engine.model.Protocol;

/**
 * A mapping as the PCP server granted it, or its deletion (lifetime zero).
 *
 * @param nonce the nonce the mapping belongs to: renew and delete it with this one
 * @param externalAddress the assigned external address (the all-zeros address after a deletion)
 * @param externalPort the assigned external port, which may differ from the one suggested
 * @param lifetime what the server granted, which may be shorter or longer than asked; renew at half
 * @param epoch the server's epoch, for the restart check
 * @param receivedAt when the answer arrived, by the client's clock
 */
public record PcpMapping(MappingNonce nonce, Protocol protocol, int internalPort, InetAddress externalAddress,
                         int externalPort, Duration lifetime, long epoch, Instant receivedAt) {

    /** True for the answer to a deletion. */
    public boolean deleted() {
        return lifetime.isZero();
    }

    /**
     * The request that renews this mapping (section 11.2.1): the same nonce, protocol and internal
     * port, suggesting the external port and address granted now, so that a server that restarted
     * gives the same ones back if it can.
     */
    public PcpMapRequest renewal(Duration newLifetime) {
        return new PcpMapRequest(nonce, protocol, internalPort, externalPort, Optional.of(externalAddress), newLifetime);
    }
}
