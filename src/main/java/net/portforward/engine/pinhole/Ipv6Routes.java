package net.portforward.engine.pinhole;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The IPv6 default route's next hop, the router's IPv6 address for PCP when no UPnP answer names
 * one. Linux publishes it in /proc/net/ipv6_route; elsewhere it stays unknown (and PCP over IPv6
 * is then tried only at an address the router's UPnP answer gave).
 */
final class Ipv6Routes {
    private static final Path FILE = Path.of("/proc/net/ipv6_route");
    private static final int RTF_UP = 0x1;
    private static final int RTF_GATEWAY = 0x2;

    private Ipv6Routes() {
    }

    static Optional<Inet6Address> defaultRouter() {
        if (!Files.isReadable(FILE)) {
            return Optional.empty();
        }
        try {
            return parse(Files.readAllLines(FILE));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Lines as in /proc/net/ipv6_route: destination, its prefix length, source, its prefix
     * length, next hop, metric, refcount, use, flags, interface (hex but the name). A link-local
     * next hop (the usual one, from router advertisements) gets its interface as scope.
     */
    static Optional<Inet6Address> parse(List<String> lines) {
        Inet6Address best = null;
        long bestMetric = Long.MAX_VALUE;
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10 || !f[0].equals("0".repeat(32)) || !f[1].equals("00")) {
                continue;
            }
            try {
                int flags = Integer.parseInt(f[8], 16);
                long metric = Long.parseLong(f[5], 16);
                if ((flags & RTF_UP) == 0 || (flags & RTF_GATEWAY) == 0 || metric >= bestMetric) {
                    continue;
                }
                byte[] hop = HexFormat.of().parseHex(f[4]);
                NetworkInterface nif = NetworkInterface.getByName(f[9]);
                InetAddress a = (hop[0] & 0xff) == 0xfe && (hop[1] & 0xc0) == 0x80 && nif != null
                        ? Inet6Address.getByAddress(null, hop, nif) : InetAddress.getByAddress(hop);
                if (a instanceof Inet6Address v6) {
                    best = v6;
                    bestMetric = metric;
                }
            } catch (IllegalArgumentException | UnknownHostException | SocketException e) {
                // a line we cannot read is not a route we can use
            }
        }
        return Optional.ofNullable(best);
    }

    /** ::1. */
    static Inet6Address loopback() {
        try {
            return (Inet6Address) InetAddress.getByAddress(HexFormat.of().parseHex("0".repeat(31) + "1"));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
