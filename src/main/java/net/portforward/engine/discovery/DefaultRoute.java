package net.portforward.engine.discovery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The IPv4 default route: which interface the home router is on, and its address. Java has no API
 * for it; Linux publishes it in /proc/net/route. Elsewhere we fall back to the interface of the
 * default route found by {@link NetworkChoice} without a gateway address.
 */
public record DefaultRoute(String interfaceName, InetAddress gateway) {

    public static Optional<DefaultRoute> read() {
        Path table = Path.of("/proc/net/route");
        if (!Files.isReadable(table)) {
            return Optional.empty();
        }
        try {
            return parse(Files.readAllLines(table));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Lines as in /proc/net/route: Iface, Destination, Gateway (hex, little-endian), Flags, ... */
    static Optional<DefaultRoute> parse(List<String> lines) {
        int bestMetric = Integer.MAX_VALUE;
        DefaultRoute best = null;
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8 || !f[1].equals("00000000")) {
                continue;
            }
            try {
                long hex = Long.parseLong(f[2], 16);
                int flags = Integer.parseInt(f[3], 16);
                int metric = Integer.parseInt(f[6]);
                if ((flags & 0x1) == 0 || hex == 0 || metric >= bestMetric) { // RTF_UP, has a gateway
                    continue;
                }
                byte[] ip = {(byte) hex, (byte) (hex >> 8), (byte) (hex >> 16), (byte) (hex >> 24)};
                best = new DefaultRoute(f[0], InetAddress.getByAddress(ip));
                bestMetric = metric;
            } catch (NumberFormatException | UnknownHostException ignored) {
                // a line we cannot read is not a route we can use
            }
        }
        return Optional.ofNullable(best);
    }
}
