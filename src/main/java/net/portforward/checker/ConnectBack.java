package net.portforward.checker;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import net.portforward.reach.CheckProtocol;
import net.portforward.reach.CheckProtocol.Outcome;
import net.portforward.reach.ReachToken;

/**
 * The checker's connection back to the address a request came from: bounded in time (one deadline
 * for connect and every read) and in bytes. It is only ever given the request's source address
 * (see CheckerServer), never a host named in the request.
 */
final class ConnectBack {
    /** A test page is under 2 KB; read no further than this looking for the token. */
    static final int MAX_PAGE_BYTES = 64 * 1024;
    /** UDP datagrams get lost: send the probe again this often until the deadline. */
    static final Duration UDP_RESEND = Duration.ofMillis(700);

    private ConnectBack() {
    }

    static Probe tcp(InetAddress to, int port, ReachToken token, Duration limit) {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        try (Socket s = new Socket(Proxy.NO_PROXY)) {
            try {
                s.connect(new InetSocketAddress(to, port), (int) Math.max(1, limit.toMillis()));
            } catch (SocketTimeoutException e) {
                return new Probe(Outcome.TIMED_OUT, since(start), "No answer to the connection within " + limit.toSeconds()
                        + " s: no forward, or a firewall drops it.");
            } catch (ConnectException e) {
                return new Probe(Outcome.REFUSED, since(start), "The connection was refused: nothing listens where the"
                        + " port leads.");
            } catch (NoRouteToHostException e) {
                return new Probe(Outcome.TIMED_OUT, since(start), "The address cannot be reached from here.");
            }
            String request = "GET / HTTP/1.1\r\nHost: " + hostHeader(to, port) + "\r\nUser-Agent: PortForward-checker\r\n"
                    + "Accept: text/html\r\nConnection: close\r\n\r\n";
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            TokenMatcher matcher = new TokenMatcher(token);
            int pageBytes = 0;
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[4096];
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return new Probe(Outcome.OTHER, since(start), "Connected, but the test page did not come within "
                            + limit.toSeconds() + " s.");
                }
                s.setSoTimeout((int) Math.max(1, left / 1_000_000));
                int n;
                try {
                    n = in.read(buffer, 0, Math.min(buffer.length, MAX_PAGE_BYTES - pageBytes));
                } catch (SocketTimeoutException e) {
                    continue; // the deadline check above ends it
                }
                if (n < 0) {
                    return new Probe(Outcome.OTHER, since(start), "Connected, but what answered did not show the"
                            + " test's token: another device or program holds the port.");
                }
                pageBytes += n;
                if (matcher.feed(buffer, 0, n)) {
                    return new Probe(Outcome.TOKEN, since(start), "Fetched the test page and found the token.");
                }
                if (pageBytes >= MAX_PAGE_BYTES) {
                    return new Probe(Outcome.OTHER, since(start), "Connected, but the answer ran past "
                            + MAX_PAGE_BYTES / 1024 + " KB without the test's token.");
                }
            }
        } catch (IOException e) {
            return new Probe(Outcome.OTHER, since(start), "Connected, but the connection broke before the test page"
                    + " came.");
        }
    }

    static Probe udp(InetAddress to, int port, ReachToken token, Duration limit) {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        byte[] probe = CheckProtocol.udpProbe(token);
        boolean junk = false;
        try (DatagramSocket s = new DatagramSocket()) {
            // Connected: datagrams from any other address or port are not even delivered to us.
            s.connect(new InetSocketAddress(to, port));
            long nextSend = System.nanoTime();
            byte[] buffer = new byte[CheckProtocol.MAX_DATAGRAM + 1];
            while (true) {
                long now = System.nanoTime();
                if (now >= deadline) {
                    return new Probe(junk ? Outcome.OTHER : Outcome.TIMED_OUT, since(start), junk
                            ? "Datagrams came back, but not the test's token: another device or program holds the port."
                            : "No datagram came back within " + limit.toSeconds() + " s: no forward, nothing listening,"
                                    + " or a firewall drops it.");
                }
                if (now >= nextSend) {
                    s.send(new DatagramPacket(probe, probe.length));
                    nextSend = now + UDP_RESEND.toNanos();
                }
                long wait = Math.min(deadline, nextSend) - System.nanoTime();
                s.setSoTimeout((int) Math.max(1, wait / 1_000_000));
                DatagramPacket in = new DatagramPacket(buffer, buffer.length);
                try {
                    s.receive(in);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                if (Arrays.equals(Arrays.copyOf(in.getData(), in.getLength()), probe)) {
                    return new Probe(Outcome.TOKEN, since(start), "The token datagram came back.");
                }
                junk = true;
            }
        } catch (PortUnreachableException e) {
            return new Probe(Outcome.REFUSED, since(start), "The datagram was refused (port unreachable): nothing"
                    + " listens where the port leads.");
        } catch (IOException e) {
            return new Probe(Outcome.TIMED_OUT, since(start), "The datagram could not be sent or answered.");
        }
    }

    private static String hostHeader(InetAddress to, int port) {
        String host = to.getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
