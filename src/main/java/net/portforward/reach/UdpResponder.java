package net.portforward.reach;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import net.portforward.engine.error.PortForwardException;

/**
 * Answers a checker's UDP datagram, since UDP cannot be checked by a connect (FIELD.md): a datagram
 * that is exactly the check prefix and the current test's token is sent back, unchanged, to its
 * sender. Anything else gets no answer at all, so the responder can never be used to bounce or
 * amplify traffic: it answers only who knows the token, with no more bytes than it was sent.
 */
public final class UdpResponder implements LocalService, AutoCloseable {
    private final DatagramSocket socket;
    private final Thread thread;
    private final AtomicLong echoed = new AtomicLong();
    private volatile ReachToken token;

    private UdpResponder(DatagramSocket socket) {
        this.socket = socket;
        this.thread = new Thread(this::loop, "portforward-udp-responder");
        thread.setDaemon(true);
    }

    /** Listens on {@code address:port} (port 0: any free one). */
    public static UdpResponder start(InetAddress address, int port) throws PortForwardException {
        if (address == null || address.isAnyLocalAddress()) {
            throw new IllegalArgumentException("the responder binds one address, never every interface");
        }
        try {
            UdpResponder r = new UdpResponder(new DatagramSocket(new InetSocketAddress(address, port)));
            r.thread.start();
            return r;
        } catch (BindException e) {
            throw new PortForwardException(ReachFact.UDP_PORT_BUSY.with(port, address));
        } catch (SocketException e) {
            throw new PortForwardException(ReachFact.UDP_NOT_STARTED.with(port, address, e.getMessage()));
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Datagrams answered so far. */
    public long echoed() {
        return echoed.get();
    }

    @Override
    public void expect(ReachToken value) {
        token = value;
    }

    @Override
    public boolean running() {
        return !socket.isClosed();
    }

    private void loop() {
        byte[] buffer = new byte[CheckProtocol.MAX_DATAGRAM + 1];
        while (!socket.isClosed()) {
            DatagramPacket in = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(in);
                ReachToken expected = token;
                if (expected == null || in.getLength() > CheckProtocol.MAX_DATAGRAM) {
                    continue;
                }
                byte[] got = Arrays.copyOf(in.getData(), in.getLength());
                if (Arrays.equals(got, CheckProtocol.udpProbe(expected))) {
                    socket.send(new DatagramPacket(got, got.length, in.getSocketAddress()));
                    echoed.incrementAndGet();
                }
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
                // one bad datagram (or an ICMP error reported on the socket) must not stop the responder
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
