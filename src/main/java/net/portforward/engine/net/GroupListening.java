package net.portforward.engine.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.util.Optional;

/**
 * A socket that hears a multicast group on the LAN that leads to the router, for the router's own
 * announcements (SSDP NOTIFYs, PCP and NAT-PMP restart announcements).
 */
public final class GroupListening {
    private GroupListening() {
    }

    /**
     * Bound to {@code port} on the wildcard address and joined to {@code group} on the interface
     * holding {@code localAddress}. The wildcard because Linux hands group datagrams only to
     * sockets bound to the wildcard or the group, and Windows refuses a bind to the group: the
     * caller checks who sent each datagram. Address reuse because another program on this computer
     * (an SSDP or PCP client) may listen on the same port. Empty on loopback (a router there is a
     * test's fake: no LAN, no group) or when this machine cannot (no such interface, port taken).
     */
    public static Optional<MulticastSocket> join(InetAddress localAddress, int port, InetAddress group) {
        if (localAddress.isLoopbackAddress()) {
            return Optional.empty();
        }
        MulticastSocket s = null;
        try {
            NetworkInterface nif = NetworkInterface.getByInetAddress(localAddress);
            if (nif == null) {
                return Optional.empty();
            }
            s = new MulticastSocket(null);
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(port));
            s.joinGroup(new InetSocketAddress(group, 0), nif);
            return Optional.of(s);
        } catch (IOException | SecurityException e) {
            if (s != null) {
                s.close();
            }
            return Optional.empty();
        }
    }
}
