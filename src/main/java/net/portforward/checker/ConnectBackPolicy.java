package net.portforward.checker;

import java.net.InetAddress;
import java.util.EnumSet;
import java.util.Set;

/**
 * The kinds of address a checker connects back to. It is handed in, never read from a switch:
 * {@code checker --listen} always runs {@link #PUBLIC_ONLY}; only tests, whose clients are on
 * 127.0.0.x, make one that also allows {@link AddressKind#LOOPBACK}.
 */
public record ConnectBackPolicy(Set<AddressKind> allowed) {
    /** The internet only: never loopback, private, link-local, CGNAT, documentation, multicast or reserved. */
    public static final ConnectBackPolicy PUBLIC_ONLY = new ConnectBackPolicy(EnumSet.of(AddressKind.PUBLIC));

    public ConnectBackPolicy {
        allowed = Set.copyOf(allowed);
    }

    public boolean allows(InetAddress address) {
        return allowed.contains(AddressKind.of(address));
    }
}
