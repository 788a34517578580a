package net.portforward.engine.discovery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The IPv4 default route: which interface the home router is on, and its address. Java has no API
 * for it: Linux publishes it in /proc/net/route, Windows ({@link WindowsRouteTable}) and macOS
 * ({@link MacRouteTable}) print it with their route tools. Empty whenever it cannot be known.
 *
 * @param interfaceName the interface as {@link java.net.NetworkInterface} names it
 */
public record DefaultRoute(String interfaceName, InetAddress gateway) {

    /** This computer's default route; never throws, empty when it cannot be known. */
    public static Optional<DefaultRoute> read() {
        return read(System.getProperty("os.name", ""), RouteCommand::run, WindowsRouteTable::interfaceHolding);
    }

    /** Each system's own way; only the one {@code osName} names is ever run. */
    static Optional<DefaultRoute> read(String osName, RouteCommand.Runner runner,
                                       Function<InetAddress, Optional<String>> interfaceHolding) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return WindowsRouteTable.read(runner, interfaceHolding);
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return MacRouteTable.read(runner);
        }
        return linux();
    }

    private static Optional<DefaultRoute> linux() {
        Path table = Path.of("/proc/net/route");
        if (!Files.isReadable(table)) {
            return Optional.empty();
        }
        try {
            return parse(Files.readAllLines(table));
        } catch (IOException | RuntimeException e) {
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
