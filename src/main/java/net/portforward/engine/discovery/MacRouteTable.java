package net.portforward.engine.discovery;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The IPv4 default route on macOS: {@code route -n get default} names the route the system uses
 * ("gateway: 192.168.1.1", "interface: en0"); when it has no gateway address (a VPN's utun
 * default) or fails, {@code netstat -rn -f inet} lists every default route. macOS's BSD interface
 * names (en0) are the names Java's NetworkInterface uses there.
 */
final class MacRouteTable {
    /** An interface name as BSD makes them (en0, bridge100, utun3); anything else is not one. */
    private static final String INTERFACE_NAME = "[A-Za-z][A-Za-z0-9._-]{0,31}";

    private MacRouteTable() {
    }

    static Optional<DefaultRoute> read(RouteCommand.Runner runner) {
        return runner.run(List.of("/sbin/route", "-n", "get", "default")).flatMap(MacRouteTable::parseRouteGet)
                .or(() -> runner.run(List.of("/usr/sbin/netstat", "-rn", "-f", "inet")).flatMap(MacRouteTable::parseNetstat));
    }

    /** {@code route -n get default}: "key: value" lines; empty without an IPv4 gateway and an interface. */
    static Optional<DefaultRoute> parseRouteGet(String output) {
        Optional<InetAddress> gateway = Optional.empty();
        Optional<String> name = Optional.empty();
        for (String line : output.split("\r?\n|\r")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (key.equals("gateway")) {
                gateway = WindowsRouteTable.address(value);
            } else if (key.equals("interface") && value.matches(INTERFACE_NAME)) {
                name = Optional.of(value);
            }
        }
        Optional<String> interfaceName = name;
        return gateway.filter(g -> !g.isAnyLocalAddress())
                .flatMap(g -> interfaceName.map(n -> new DefaultRoute(n, g)));
    }

    /**
     * {@code netstat -rn}: the "default" rows of the Internet (IPv4) section with an address for a
     * gateway and the G flag. The first one not scoped to an interface (flag I) is the system's
     * default; scoped ones are each interface's own, taken only when there is no other.
     */
    static Optional<DefaultRoute> parseNetstat(String output) {
        int flagsAt = -1;
        int netifAt = -1;
        DefaultRoute scoped = null;
        for (String line : output.split("\r?\n|\r")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("Internet6")) {
                break; // IPv6 follows; its defaults lead to no IPv4 router
            }
            List<String> f = Arrays.asList(trimmed.split("\\s+"));
            if (f.get(0).equals("Destination")) {
                flagsAt = f.indexOf("Flags");
                netifAt = f.indexOf("Netif");
                continue;
            }
            if (!f.get(0).equals("default") || flagsAt < 0 || netifAt < 0 || f.size() <= Math.max(flagsAt, netifAt)) {
                continue;
            }
            Optional<InetAddress> gateway = WindowsRouteTable.address(f.get(1)).filter(g -> !g.isAnyLocalAddress());
            String flags = f.get(flagsAt);
            String netif = f.get(netifAt);
            if (gateway.isEmpty() || !flags.contains("G") || !netif.matches(INTERFACE_NAME)) {
                continue;
            }
            DefaultRoute route = new DefaultRoute(netif, gateway.get());
            if (!flags.contains("I")) {
                return Optional.of(route);
            }
            if (scoped == null) {
                scoped = route;
            }
        }
        return Optional.ofNullable(scoped);
    }
}
