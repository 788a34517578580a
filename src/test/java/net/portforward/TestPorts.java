package net.portforward;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A port that a test names before anything listens on it (a web server's port in the settings,
 * a port known to be closed). Picked outside the kernel's ephemeral range: a port taken with
 * bind(0) and let go is soon handed to another process's bind(0) or outgoing connection (another
 * build's test on the same machine: a fake router, a test page), which then answered the test's
 * checker as "a program that is not PortForward". Outside the range only a fixed bind collides.
 */
public final class TestPorts {
    private static final int LOW = 20000;

    private TestPorts() {
    }

    /** A port free for TCP and UDP on every address right now, below the ephemeral range. */
    public static int unused() {
        int high = ephemeralStart();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, high);
            if (free(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + LOW + " and " + high);
    }

    private static boolean free(int port) {
        try (ServerSocket tcp = new ServerSocket(); DatagramSocket udp = new DatagramSocket(null)) {
            tcp.bind(new InetSocketAddress(port));
            udp.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** The first ephemeral port (Linux: ip_local_port_range; elsewhere IANA's 49152). */
    private static int ephemeralStart() {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        try {
            if (Files.isReadable(range)) {
                int first = Integer.parseInt(Files.readString(range).trim().split("\\s+")[0]);
                return Math.max(first, LOW + 1000);
            }
            return 49152;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
