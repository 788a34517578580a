package net.portforward.engine.discovery;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import net.portforward.engine.net.Ipv4;

/**
 * The IPv4 default route on Windows, from {@code route print -4} or, where that fails,
 * {@code netstat -rn} (both print the same table). Windows translates every heading and the
 * "On-link" gateway ("Auf Verbindung", "En vínculo", "在链路上"), so the table is read by the
 * shape of its rows, never by a heading: an active IPv4 route is five columns, destination, mask,
 * gateway, interface address and metric. Persistent routes have four, IPv6 rows start with an
 * interface index. Among the default routes (0.0.0.0 mask 0.0.0.0) whose gateway is an address,
 * the lowest metric wins, as it does for Windows; an on-link default (a VPN or a PPP link) has no
 * router behind it to manage.
 */
final class WindowsRouteTable {
    /** One row of the active IPv4 routes. */
    record Route(InetAddress gateway, InetAddress interfaceAddress, long metric) {
    }

    private WindowsRouteTable() {
    }

    /**
     * Runs the tools and names the interface as Java knows it, through the address the table
     * gives for it; empty when any step fails.
     */
    static Optional<DefaultRoute> read(RouteCommand.Runner runner, Function<InetAddress, Optional<String>> interfaceHolding) {
        // Absolute paths: Windows looks for a bare name in the current directory first.
        String system32 = systemRoot() + "\\System32\\";
        Optional<Route> route = runner.run(List.of(system32 + "ROUTE.EXE", "print", "-4"))
                .flatMap(WindowsRouteTable::parse)
                .or(() -> runner.run(List.of(system32 + "NETSTAT.EXE", "-rn")).flatMap(WindowsRouteTable::parse));
        return route.flatMap(r -> interfaceHolding.apply(r.interfaceAddress())
                .map(name -> new DefaultRoute(name, r.gateway())));
    }

    private static String systemRoot() {
        String root = System.getenv("SystemRoot");
        return root != null && root.matches("[A-Za-z]:\\\\[^\"<>|*?]*[^\\\\\"<>|*?]") ? root : "C:\\Windows";
    }

    /** The name of the interface that holds {@code address}, as {@link NetworkInterface} knows it. */
    static Optional<String> interfaceHolding(InetAddress address) {
        try {
            return Optional.ofNullable(NetworkInterface.getByInetAddress(address)).map(NetworkInterface::getName);
        } catch (SocketException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The default route with the lowest metric in {@code route print} output; empty when none. */
    static Optional<Route> parse(String output) {
        Route best = null;
        for (String line : output.split("\r?\n|\r")) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 5 || !f[0].equals("0.0.0.0") || !f[1].equals("0.0.0.0") || !f[4].matches("[0-9]{1,9}")) {
                continue;
            }
            Optional<InetAddress> gateway = address(f[2]).filter(a -> !a.isAnyLocalAddress());
            Optional<InetAddress> local = address(f[3]);
            long metric = Long.parseLong(f[4]);
            if (gateway.isPresent() && local.isPresent() && (best == null || metric < best.metric())) {
                best = new Route(gateway.get(), local.get(), metric);
            }
        }
        return Optional.ofNullable(best);
    }

    /** ASCII dotted quads only: nothing here is ever looked up as a name. */
    static Optional<InetAddress> address(String text) {
        return text.matches("[0-9.]{7,15}") ? Ipv4.parse(text) : Optional.empty();
    }
}
