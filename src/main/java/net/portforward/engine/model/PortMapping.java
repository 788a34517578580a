package net.portforward.engine.model;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * One port mapping: traffic to {@code externalPort}/{@code protocol} on the router's WAN side goes
 * to {@code internalClient:internalPort}.
 *
 * @param internalClient the LAN host, or {@code null} when a router reported something that is not
 *     an IPv4 address (see {@link ListedMapping#warnings()})
 * @param remoteHost the only remote host allowed, or {@code null} for any
 * @param lease time left on the lease; {@link Duration#ZERO} means permanent
 */
public record PortMapping(
        Protocol protocol,
        int externalPort,
        InetAddress internalClient,
        int internalPort,
        boolean enabled,
        String description,
        InetAddress remoteHost,
        Duration lease) {

    public PortMapping {
        Objects.requireNonNull(protocol, "protocol");
        description = description == null ? "" : description;
        lease = lease == null ? Duration.ZERO : lease;
    }

    /** The key a router files a mapping under. */
    public MappingKey key() {
        return new MappingKey(protocol, externalPort);
    }

    public boolean permanent() {
        return lease.isZero();
    }

    public PortMapping withEnabled(boolean value) {
        return new PortMapping(protocol, externalPort, internalClient, internalPort, value, description, remoteHost, lease);
    }

    public PortMapping withLease(Duration value) {
        return new PortMapping(protocol, externalPort, internalClient, internalPort, enabled, description, remoteHost, value);
    }

    public PortMapping withInternalClient(InetAddress value) {
        return new PortMapping(protocol, externalPort, value, internalPort, enabled, description, remoteHost, lease);
    }

    public PortMapping withRemoteHost(InetAddress value) {
        return new PortMapping(protocol, externalPort, internalClient, internalPort, enabled, description, value, lease);
    }

    public PortMapping withExternalPort(int value) {
        return new PortMapping(protocol, value, internalClient, internalPort, enabled, description, remoteHost, lease);
    }

    /** Same target and settings, ignoring the lease time left (which changes by itself). */
    public boolean sameSettingsAs(PortMapping other) {
        return protocol == other.protocol
                && externalPort == other.externalPort
                && Objects.equals(internalClient, other.internalClient)
                && internalPort == other.internalPort
                && enabled == other.enabled
                && description.equals(other.description)
                && Objects.equals(remoteHost, other.remoteHost);
    }

    /** "TCP 8080 → 192.168.1.23:80", for messages. */
    public String summary() {
        String client = internalClient == null ? "?" : internalClient.getHostAddress();
        return protocol + " " + externalPort + " \u2192 " + client + ":" + internalPort;
    }
}
