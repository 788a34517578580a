package net.portforward.reach;

import java.util.Objects;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.Protocol;

/**
 * What to test.
 *
 * @param externalPort the port on the router's internet side
 * @param internalPort where a forward must lead on this computer (the web server's port)
 * @param addTemporaryMapping when the router has no forward, add one for the test
 * @param keepMapping leave a forward the test added in place afterwards
 */
public record ReachRequest(Protocol protocol, int externalPort, int internalPort, boolean addTemporaryMapping,
                           boolean keepMapping) {
    public ReachRequest {
        Objects.requireNonNull(protocol, "protocol");
        if (externalPort < 1 || externalPort > 65535 || internalPort < 1 || internalPort > 65535) {
            throw new IllegalArgumentException("ports are 1-65535");
        }
    }

    public MappingKey key() {
        return new MappingKey(protocol, externalPort);
    }
}
