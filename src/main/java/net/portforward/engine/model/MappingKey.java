package net.portforward.engine.model;

/** What identifies a mapping on a router (with the remote host, which home users leave empty). */
public record MappingKey(Protocol protocol, int externalPort) {
    @Override
    public String toString() {
        return protocol + " " + externalPort;
    }
}
