package net.portforward.engine.natpmp;

import java.time.Duration;
import java.time.Instant;
import net.portforward.engine.model.Protocol;

/**
 * A mapping as the gateway granted it, or its removal (lifetime zero).
 *
 * @param externalPort the port the gateway chose, which may differ from the one suggested (0 after
 *                     a removal)
 * @param lifetime what the gateway granted, which may be shorter than asked; renew at half of it
 * @param epoch the gateway's seconds since the start of its epoch, for the restart check
 * @param receivedAt when the answer arrived, by the client's clock
 */
public record NatPmpMapping(Protocol protocol, int internalPort, int externalPort, Duration lifetime, long epoch,
                            Instant receivedAt) {

    /** True for the answer to a removal. */
    public boolean removed() {
        return lifetime.isZero();
    }
}
