package net.portforward.engine.pinhole;

import net.portforward.engine.model.Protocol;

/** What a user names a pinhole by: the protocol and the port of this computer it opens. */
public record PinholeKey(Protocol protocol, int port) {
    @Override
    public String toString() {
        return protocol + " " + port;
    }
}
