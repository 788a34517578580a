package net.portforward.engine.pcp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import net.portforward.engine.net.GroupListening;
import net.portforward.engine.natpmp.NatPmpResultCode;
import net.portforward.engine.natpmp.NatPmpWire;
import net.portforward.engine.portcontrol.DropReason;
import net.portforward.engine.portcontrol.DroppedAnswers;
import net.portforward.engine.portcontrol.UdpExchange;
import net.portforward.engine.portcontrol.UnusableAnswerException;

/**
 * Hears a gateway say it restarted. A PCP server that starts (or whose external address changes)
 * multicasts an unsolicited ANNOUNCE answer to 224.0.0.1:5350 (RFC 6887 section 14.1.3); a
 * NAT-PMP server multicasts an external address answer to the same group and port (RFC 6886
 * section 3.2.1). miniupnpd sends the ANNOUNCE at every start and both on an address change
 * (miniupnpd.c, natpmp.c). Each carries the gateway's epoch: feed it to the gateway's
 * {@link net.portforward.engine.portcontrol.EpochTracker}, and renew the mappings when the tracker
 * says the gateway lost its state (after a random 0-5 s, section 14.1.3, so that all hosts on the
 * LAN do not ask at once).
 *
 * <p>Only datagrams from the gateway's address count; anything else is dropped and counted.
 * Datagrams are read into a fixed buffer on one daemon thread; the sink is told on that thread.
 * IPv4 only for now ([ff02::1]:5350 would be IPv6's group).
 */
public final class RestartAnnouncementListener implements AutoCloseable {
    public static final int CLIENT_PORT = 5350;
    public static final InetAddress ALL_HOSTS = ipv4(224, 0, 0, 1);

    /** Which protocol announced. */
    public enum Source { PCP_ANNOUNCE, NAT_PMP_ADDRESS }

    /**
     * @param externalAddress the address a NAT-PMP announcement carries; empty for PCP
     * @param receivedAt when it arrived, by the listener's clock
     */
    public record Announcement(Source source, long epoch, Optional<InetAddress> externalAddress, Instant receivedAt) {
    }

    /** Told on the listener's thread. */
    @FunctionalInterface
    public interface Sink {
        void announced(Announcement announcement);
    }

    private final DatagramSocket socket;
    private final InetAddress gateway;
    private final Clock clock;
    private final Sink sink;
    private final DroppedAnswers dropped = new DroppedAnswers();
    private final Thread thread;
    private volatile boolean closed;

    private RestartAnnouncementListener(DatagramSocket socket, InetAddress gateway, Clock clock, Sink sink) {
        this.socket = socket;
        this.gateway = gateway;
        this.clock = clock;
        this.sink = sink;
        this.thread = new Thread(this::receive, "portforward-pcp-announce");
        this.thread.setDaemon(true);
    }

    /**
     * Listens on port 5350 and joins 224.0.0.1 on the interface holding {@code localAddress} (the
     * address that leads to the gateway). The socket is bound to the wildcard address: Linux hands
     * group datagrams only to sockets bound to the wildcard or the group, and Windows refuses a
     * bind to the group; the gateway check does the filtering. Empty on loopback (a gateway there
     * is a test's fake: no LAN, no group) or when this machine cannot (no such interface, the
     * port is taken).
     */
    /**
     * Listens on port 5350 for 224.0.0.1 on the interface holding {@code localAddress} (the
     * address that leads to the gateway); only the gateway's datagrams count. Empty on loopback
     * or when this machine cannot ({@link GroupListening#join}): restarts are still found by the
     * epochs of the answers.
     */
    public static Optional<RestartAnnouncementListener> open(InetAddress gateway, InetAddress localAddress, Clock clock,
                                                             Sink sink) {
        return GroupListening.join(localAddress, CLIENT_PORT, ALL_HOSTS).map(s -> listen(s, gateway, clock, sink));
    }

    /** Listens on a socket the caller set up (tests use a unicast one on loopback). */
    public static RestartAnnouncementListener listen(DatagramSocket socket, InetAddress gateway, Clock clock, Sink sink) {
        RestartAnnouncementListener l = new RestartAnnouncementListener(socket, gateway, clock, sink);
        l.thread.start();
        return l;
    }

    /** Datagrams dropped so far, by reason. */
    public DroppedAnswers dropped() {
        return dropped;
    }

    private void receive() {
        byte[] buffer = new byte[UdpExchange.MAX_DATAGRAM + 1];
        while (!closed) {
            DatagramPacket p = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            Instant at = clock.instant();
            if (!gateway.equals(p.getAddress())) {
                dropped.record(DropReason.FOREIGN_SOURCE); // any LAN host can send to the group
                continue;
            }
            Announcement a;
            try {
                a = parse(p.getData(), p.getLength(), at);
            } catch (UnusableAnswerException e) {
                dropped.record(e.reason());
                continue;
            }
            try {
                sink.announced(a);
            } catch (RuntimeException e) {
                // A failing sink must not stop the listening; the next announcement is told again.
            }
        }
    }

    /** A restart announcement of either protocol, or why the datagram is none. */
    static Announcement parse(byte[] data, int length, Instant at) throws UnusableAnswerException {
        if (length > UdpExchange.MAX_DATAGRAM) {
            throw UnusableAnswerException.malformed(length + " bytes");
        }
        if (length > 0 && (data[0] & 0xFF) == PcpWire.VERSION) {
            PcpWire.Answer a = PcpWire.decode(data, length);
            if (a.opcode() != PcpWire.OPCODE_ANNOUNCE || a.resultCode() != PcpResultCode.SUCCESS.code()) {
                throw UnusableAnswerException.notOurs("PCP opcode " + a.opcode() + " result " + a.resultCode());
            }
            return new Announcement(Source.PCP_ANNOUNCE, a.epoch(), Optional.empty(), at);
        }
        if (length > 0 && (data[0] & 0xFF) == NatPmpWire.VERSION) {
            if (NatPmpWire.decode(data, length) instanceof NatPmpWire.AddressAnswer a
                    && a.resultCode() == NatPmpResultCode.SUCCESS.code()) {
                return new Announcement(Source.NAT_PMP_ADDRESS, a.epoch(), a.address(), at);
            }
            throw UnusableAnswerException.notOurs("a NAT-PMP datagram that is no address announcement");
        }
        throw UnusableAnswerException.malformed(length == 0 ? "empty" : "version " + (data[0] & 0xFF));
    }

    private static InetAddress ipv4(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
    }
}
