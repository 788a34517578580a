package net.portforward.engine.portcontrol;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Objects;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.progress.Progress;

/**
 * One request and its answer over UDP with the gateway's NAT-PMP/PCP port, retransmitted on a
 * schedule and always cut to the caller's deadline. Every exchange opens its own socket, bound to
 * the local address that leads to the gateway on an ephemeral port, and closes it on every path,
 * so a late or duplicated answer to an earlier exchange lands on a closed port.
 *
 * <p>The socket is not connected: a connected socket would let the kernel drop datagrams from
 * other senders unseen, and we want to count them. Anything that is not the answer (another
 * sender, junk, an answer to another question) is dropped, counted in {@link DroppedAnswers} and
 * the wait goes on; it never ends the wait and never throws.
 */
public final class UdpExchange {
    /** PCP's upper bound for a message (RFC 6887 section 7); NAT-PMP's are far smaller. */
    public static final int MAX_DATAGRAM = 1100;
    /** How often a wait looks at the cancel flag, so Cancel works within a blink even with PCP's 3 s waits. */
    private static final long CANCEL_POLL_NANOS = Duration.ofMillis(100).toNanos();

    /** Turns one datagram from the gateway into the answer waited for, or says why it is not. */
    @FunctionalInterface
    public interface AnswerReader<T> {
        T read(byte[] data, int length, Instant receivedAt) throws UnusableAnswerException;
    }

    private final String protocol;
    private final InetAddress localAddress;
    private final InetSocketAddress server;
    private final Clock clock;
    private final DroppedAnswers dropped;

    /**
     * @param protocol "NAT-PMP" or "PCP", for messages
     * @param localAddress the address of this computer that leads to the gateway
     * @param server the gateway's address and port (5351 but in tests)
     * @param clock stamps each answer's arrival (the epoch check compares it with the gateway's)
     */
    public UdpExchange(String protocol, InetAddress localAddress, InetSocketAddress server, Clock clock,
                       DroppedAnswers dropped) {
        if (localAddress.isAnyLocalAddress()) {
            throw new IllegalArgumentException("the local address must be the one that leads to the gateway, not "
                    + localAddress.getHostAddress());
        }
        if (localAddress.getClass() != server.getAddress().getClass()) {
            throw new IllegalArgumentException("local address " + localAddress.getHostAddress()
                    + " and gateway " + server.getAddress().getHostAddress() + " are of different families");
        }
        this.protocol = protocol;
        this.localAddress = localAddress;
        this.server = server;
        this.clock = clock;
        this.dropped = dropped;
    }

    public InetAddress localAddress() {
        return localAddress;
    }

    public InetSocketAddress server() {
        return server;
    }

    /**
     * Sends {@code request} at once, again after each wait of {@code schedule}, until {@code reader}
     * accepts a datagram from the gateway or the deadline passes.
     *
     * @throws NoAnswerException nothing usable came within {@code deadline} or the schedule
     * @throws CancelledException the user cancelled (checked between tries and during waits)
     */
    public <T> T exchange(byte[] request, RetransmitSchedule schedule, Duration deadline, AnswerReader<T> reader,
                          Progress progress) throws NoAnswerException, CancelledException {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline " + deadline);
        }
        long end = System.nanoTime() + deadline.toNanos();
        int sent = 0;
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(localAddress, 0))) {
            byte[] buffer = new byte[MAX_DATAGRAM + 1];
            Iterator<Duration> waits = schedule.waits();
            while (waits.hasNext() && System.nanoTime() < end) {
                progress.checkCancelled();
                socket.send(new DatagramPacket(request, request.length, server));
                sent++;
                long tryEnd = Math.min(end, System.nanoTime() + waits.next().toNanos());
                T answer = awaitAnswer(socket, buffer, tryEnd, reader, progress);
                if (answer != null) {
                    return answer;
                }
            }
            throw new NoAnswerException(protocol, server, deadline, sent, null);
        } catch (IOException e) {
            throw new NoAnswerException(protocol, server, deadline, sent, e);
        }
    }

    /** The accepted answer, or null once {@code until} (System.nanoTime) has passed. */
    private <T> T awaitAnswer(DatagramSocket socket, byte[] buffer, long until, AnswerReader<T> reader,
                              Progress progress) throws IOException, CancelledException {
        while (true) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            progress.checkCancelled();
            socket.setSoTimeout((int) Math.max(1, Math.min(left, CANCEL_POLL_NANOS) / 1_000_000));
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            }
            Instant receivedAt = clock.instant();
            if (!server.getAddress().equals(packet.getAddress()) || server.getPort() != packet.getPort()) {
                dropped.record(DropReason.FOREIGN_SOURCE);
                continue;
            }
            if (packet.getLength() > MAX_DATAGRAM) {
                dropped.record(DropReason.MALFORMED);
                continue;
            }
            try {
                return Objects.requireNonNull(reader.read(packet.getData(), packet.getLength(), receivedAt));
            } catch (UnusableAnswerException e) {
                dropped.record(e.reason());
            }
        }
    }
}
