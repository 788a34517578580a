package net.portforward.engine.discovery;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;
import net.portforward.engine.error.PortForwardException;

/**
 * The network interface discovery searches on, and the local address that reaches a router.
 *
 * @param gateway the default gateway's address when the system told it, else {@code null}
 */
public record NetworkChoice(NetworkInterface networkInterface, InetAddress gateway) {

    /**
     * By default the interface of the default route (whose subnet holds the gateway);
     * {@code interfaceName} overrides.
     */
    public static NetworkChoice choose(String interfaceName, Optional<DefaultRoute> route) throws PortForwardException {
        String name = interfaceName != null && !interfaceName.isBlank() ? interfaceName.trim()
                : route.map(DefaultRoute::interfaceName).orElse(null);
        try {
            if (name == null) {
                throw NoGatewayException.noNetwork();
            }
            NetworkInterface nif = NetworkInterface.getByName(name);
            if (nif == null) {
                throw new PortForwardException(DiscoveryFact.NO_SUCH_INTERFACE.with(name, interfaceNames()));
            }
            if (!nif.isUp() || ipv4Of(nif).isEmpty()) {
                throw new PortForwardException(DiscoveryFact.INTERFACE_DOWN.with(name));
            }
            InetAddress gw = route.filter(r -> r.interfaceName().equals(nif.getName()))
                    .map(DefaultRoute::gateway).orElse(null);
            return new NetworkChoice(nif, gw);
        } catch (SocketException e) {
            throw new PortForwardException(DiscoveryFact.INTERFACES_UNREADABLE.with(e.getMessage()), e);
        }
    }

    /** Interfaces that could lead to a router: up, not loopback, with an IPv4 address; sorted by name. */
    public static java.util.List<String> usableInterfaces() {
        java.util.List<String> names = new java.util.ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nif.isUp() && !nif.isLoopback() && ipv4Of(nif).isPresent()) {
                    names.add(nif.getName());
                }
            }
        } catch (SocketException e) {
            // no list to offer: the default route's interface still works
        }
        names.sort(null);
        return names;
    }

    public static Optional<InetAddress> ipv4Of(NetworkInterface nif) {
        return Collections.list(nif.getInetAddresses()).stream().filter(a -> a instanceof Inet4Address).findFirst();
    }

    /**
     * The local address the system would use to reach {@code router}: a connected UDP socket
     * picks its source address by routing, and connecting one sends no packet.
     */
    public static InetAddress localAddressTowards(InetAddress router, int port) throws PortForwardException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(new InetSocketAddress(router, port));
            InetAddress local = socket.getLocalAddress();
            if (local == null || local.isAnyLocalAddress()) {
                throw new PortForwardException(DiscoveryFact.NO_ROUTE.with(router));
            }
            return local;
        } catch (IOException e) {
            throw new PortForwardException(DiscoveryFact.NO_ROUTE_ERROR.with(router, e.getMessage()), e);
        }
    }

    private static java.util.List<String> interfaceNames() throws SocketException {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .map(NetworkInterface::getName).sorted().toList();
    }
}
