package net.portforward.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An in-process NAT-PMP and PCP server for the fast suite, on one UDP socket as miniupnpd has it
 * (version 0 is NAT-PMP, anything else PCP), on 127.0.0.1 with an ephemeral port. Answers are built
 * here by hand from RFC 6886 section 3 and RFC 6887 sections 7 and 11, not with the client's
 * encoder. Its mapping table behaves as miniupnpd 2.3.1's (pcpserver.c, natpmp.c): a MAP for an
 * internal port this host has mapped replaces the mapping (and its nonce), a PCP delete with
 * another nonce is NOT_AUTHORIZED, one for no mapping NO_RESOURCES.
 *
 * <p>Scripted behaviour, each for the answers to come: lose the next N requests, answer twice,
 * answer late, send forgeries before the genuine answer, answer a chosen result code, assign
 * another external port, answer PCP as a NAT-PMP-only gateway; the epoch is set by the test.
 * Every request it saw is kept with its arrival time.
 */
public final class FakePcpServer implements AutoCloseable {

    /** Something sent before the genuine answer, once per forgery queued. */
    public enum Forgery {
        /** PCP MAP answers only. */
        WRONG_NONCE,
        WRONG_PROTOCOL,
        /** Mapping answers only. */
        WRONG_INTERNAL_PORT,
        WRONG_OPCODE,
        NO_RESPONSE_BIT,
        /** The genuine answer cut to 7 bytes: junk. */
        TRUNCATED,
        /** The genuine answer, from another port of 127.0.0.1. */
        FROM_OTHER_PORT,
        /** The genuine answer, from 127.0.0.2 (Linux answers for all of 127/8 on loopback). */
        FROM_OTHER_ADDRESS
    }

    /** A request as it arrived. */
    public record Seen(long nanos, byte[] data, InetSocketAddress from) {
        public int version() {
            return data.length == 0 ? -1 : data[0] & 0xFF;
        }
    }

    /** A mapping in the table; the nonce is null for NAT-PMP ones. */
    public record Mapping(int protocolNumber, InetAddress client, int internalPort, int externalPort, long lifetimeSeconds,
                          byte[] nonce, boolean natPmp) {
    }

    private record Key(int protocolNumber, InetAddress client, int internalPort) {
    }

    private final DatagramSocket socket;
    private final DatagramSocket otherPort;
    private final DatagramSocket otherAddress;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-pcp-later");
        t.setDaemon(true);
        return t;
    });
    private final Thread thread;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<Key, Mapping> table = new LinkedHashMap<>();
    private final Deque<Forgery> forgeries = new ArrayDeque<>();
    private volatile boolean closed;
    private InetAddress externalAddress = Ipv4s.of("203.0.113.9");
    private long epoch = 1000;
    private int loseNext;
    private boolean duplicate;
    private Duration delay = Duration.ZERO;
    private Integer resultCode;
    private Integer natPmpCode;
    private Integer pcpCode;
    private Integer assignedPort;
    private boolean natPmpOnly;

    private final InetAddress host;

    private FakePcpServer(InetAddress host) throws SocketException {
        this.host = host;
        socket = new DatagramSocket(new InetSocketAddress(host, 0));
        otherPort = new DatagramSocket(new InetSocketAddress(host, 0));
        // IPv6 loopback is ::1 alone: there, "another address" is just another port.
        otherAddress = new DatagramSocket(new InetSocketAddress(host instanceof java.net.Inet6Address ? host
                : Ipv4s.of("127.0.0.2"), 0));
        thread = new Thread(this::serve, "fake-pcp");
        thread.setDaemon(true);
    }

    public static FakePcpServer start() {
        return startOn(Ipv4s.LOOPBACK);
    }

    /**
     * On ::1, for PCP over IPv6: a MAP from an IPv6 client opens a pinhole, its assigned external
     * address being the client's own (no translation, as miniupnpd answers over IPv6).
     */
    public static FakePcpServer startOnIpv6Loopback() {
        try {
            return startOn(InetAddress.getByName("::1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FakePcpServer startOn(InetAddress host) {
        try {
            FakePcpServer s = new FakePcpServer(host);
            s.thread.start();
            return s;
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(host, socket.getLocalPort());
    }

    // ---- script -----------------------------------------------------------------------------

    public synchronized FakePcpServer epoch(long seconds) {
        this.epoch = seconds;
        return this;
    }

    public synchronized FakePcpServer externalAddress(InetAddress address) {
        this.externalAddress = address;
        return this;
    }

    /** The next {@code n} requests get no answer. */
    public synchronized FakePcpServer loseNext(int n) {
        this.loseNext = n;
        return this;
    }

    public synchronized FakePcpServer duplicateAnswers(boolean on) {
        this.duplicate = on;
        return this;
    }

    /** Every answer leaves this long after its request. */
    public synchronized FakePcpServer delayAnswers(Duration d) {
        this.delay = d;
        return this;
    }

    /** A restart: every mapping is lost and the epoch starts again at {@code epoch}. */
    public synchronized FakePcpServer restart(long epoch) {
        table.clear();
        this.epoch = epoch;
        return this;
    }

    /** Sent, in this order, before the next genuine answer. */
    public synchronized FakePcpServer forgeFirst(Forgery... f) {
        forgeries.addAll(Arrays.asList(f));
        return this;
    }

    /** Every answer carries this result code (and maps nothing); null for normal service. */
    public synchronized FakePcpServer answerWith(Integer code) {
        this.resultCode = code;
        return this;
    }

    /** Every new mapping gets this external port, whatever was suggested; null for the suggested one. */
    public synchronized FakePcpServer assignPort(Integer port) {
        this.assignedPort = port;
        return this;
    }

    /**
     * NAT-PMP answers carry this result code, PCP answers {@code pcp} (null: normal service): a
     * router behind carrier-grade NAT is (3, 8) in miniupnpd 2.3.1 (LAB.md, PortControlLabIT).
     */
    public synchronized FakePcpServer answerWith(Integer natPmp, Integer pcp) {
        this.natPmpCode = natPmp;
        this.pcpCode = pcp;
        return this;
    }

    /** Answers PCP as a gateway that speaks NAT-PMP only: version 0, UNSUPPORTED_VERSION, 8 bytes. */
    public synchronized FakePcpServer natPmpOnly(boolean on) {
        this.natPmpOnly = on;
        return this;
    }

    // ---- what it saw ------------------------------------------------------------------------

    public List<Seen> requests() {
        return List.copyOf(seen);
    }

    public int requestCount() {
        return seen.size();
    }

    /** Waits until at least {@code n} requests arrived; false if they did not within {@code limit}. */
    public boolean awaitRequests(int n, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (seen.size() < n) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    public synchronized List<Mapping> mappings() {
        return List.copyOf(table.values());
    }

    public synchronized Optional<Mapping> mapping(int protocolNumber, int internalPort) {
        return table.values().stream().filter(m -> m.protocolNumber() == protocolNumber && m.internalPort() == internalPort)
                .findFirst();
    }

    // ---- serving ----------------------------------------------------------------------------

    private void serve() {
        byte[] buffer = new byte[2048];
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
            byte[] data = Arrays.copyOf(p.getData(), p.getLength());
            InetSocketAddress from = (InetSocketAddress) p.getSocketAddress();
            seen.add(new Seen(System.nanoTime(), data, from));
            answer(data, from);
        }
    }

    private void answer(byte[] request, InetSocketAddress to) {
        byte[] genuine;
        List<Forgery> forged;
        Duration wait;
        boolean twice;
        synchronized (this) {
            if (loseNext > 0) {
                loseNext--;
                return;
            }
            genuine = request.length > 0 && request[0] == 0 ? natPmp(request, to.getAddress()) : pcp(request, to.getAddress());
            if (genuine == null) {
                return;
            }
            forged = List.copyOf(forgeries);
            forgeries.clear();
            wait = delay;
            twice = duplicate;
        }
        Runnable send = () -> {
            forged.forEach(f -> sendForgery(f, genuine, to));
            send(socket, genuine, to);
            if (twice) {
                send(socket, genuine, to);
            }
        };
        if (wait.isZero()) {
            send.run();
        } else {
            later.schedule(send, wait.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** RFC 6886 section 3; null for what a NAT-PMP server ignores. */
    private byte[] natPmp(byte[] req, InetAddress client) {
        if (req.length < 2 || (req[1] & 0x80) != 0) {
            return null;
        }
        int op = req[1] & 0xFF;
        int result = natPmpCode != null ? natPmpCode : resultCode == null ? 0 : resultCode;
        if (op == 0) {
            ByteBuffer b = natPmpHeader(12, op, result);
            return b.put(result == 0 ? externalAddress.getAddress() : new byte[4]).array();
        }
        if (op != 1 && op != 2) {
            return natPmpHeader(8, op, 5).array(); // UNSUPPORTED_OPCODE
        }
        if (req.length < 12) {
            return null; // miniupnpd drops a mapping request that is too short
        }
        ByteBuffer in = ByteBuffer.wrap(req);
        int internalPort = in.getShort(4) & 0xFFFF;
        int suggested = in.getShort(6) & 0xFFFF;
        long lifetime = in.getInt(8) & 0xFFFF_FFFFL;
        int protocolNumber = op == 1 ? 17 : 6;
        int externalPort = 0;
        if (result == 0) {
            Key key = new Key(protocolNumber, client, internalPort);
            if (lifetime == 0) {
                table.remove(key);
            } else {
                externalPort = assignedPort != null ? assignedPort : suggested != 0 ? suggested : internalPort;
                table.put(key, new Mapping(protocolNumber, client, internalPort, externalPort, lifetime, null, true));
            }
        }
        return natPmpHeader(16, op, result).putShort((short) internalPort).putShort((short) externalPort)
                .putInt((int) lifetime).array();
    }

    private ByteBuffer natPmpHeader(int length, int op, int result) {
        return ByteBuffer.allocate(length).put((byte) 0).put((byte) (0x80 | op)).putShort((short) result)
                .putInt((int) epoch);
    }

    /** RFC 6887 sections 7, 11 and 14: the answer is the request with the header rewritten, as miniupnpd does. */
    private byte[] pcp(byte[] req, InetAddress client) {
        if (req.length < 2 || (req[1] & 0x80) != 0) {
            return null;
        }
        int op = req[1] & 0x7F;
        if (natPmpOnly) {
            return natPmpHeader(8, op, 1).array();
        }
        if (req.length < 24) {
            return null;
        }
        byte[] out = Arrays.copyOf(req, req.length);
        ByteBuffer b = ByteBuffer.wrap(out);
        int result = pcpCode != null && op == 1 ? pcpCode : resultCode != null ? resultCode : (req[0] & 0xFF) != 2 ? 1 : 0;
        long lifetime = b.getInt(4) & 0xFFFF_FFFFL;
        if (op == 1 && req.length >= 60 && result == 0) {
            result = map(b, client, lifetime);
        } else if (op != 0 && op != 1 && result == 0) {
            result = 4; // UNSUPP_OPCODE
        }
        long answerLifetime = result == 0 ? lifetime : result == 7 || result == 8 || result == 10 ? 30 : 0;
        b.put(0, (byte) 2).put(1, (byte) (0x80 | op)).put(2, (byte) 0).put(3, (byte) result)
                .putInt(4, (int) answerLifetime).putInt(8, (int) epoch).put(12, new byte[12]);
        return out;
    }

    /** MAP on the table; fills in the assigned port and address. */
    private int map(ByteBuffer b, InetAddress client, long lifetime) {
        byte[] nonce = new byte[12];
        b.get(24, nonce);
        int protocolNumber = b.get(36) & 0xFF;
        int internalPort = b.getShort(40) & 0xFFFF;
        int suggested = b.getShort(42) & 0xFFFF;
        Key key = new Key(protocolNumber, client, internalPort);
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        System.arraycopy(externalAddress.getAddress(), 0, mapped, 12, 4);
        b.put(44, client instanceof java.net.Inet6Address ? client.getAddress() : mapped);
        if (lifetime == 0) {
            Mapping m = table.get(key);
            if (m == null) {
                return 8; // NO_RESOURCES: miniupnpd 2.3.1's DeletePCPMap finds nothing to remove
            }
            if (!Arrays.equals(m.nonce(), nonce)) {
                return 2; // NOT_AUTHORIZED
            }
            table.remove(key);
            return 0;
        }
        int externalPort = assignedPort != null ? assignedPort : suggested != 0 ? suggested : internalPort;
        table.put(key, new Mapping(protocolNumber, client, internalPort, externalPort, lifetime, nonce, false));
        b.putShort(42, (short) externalPort);
        return 0;
    }

    private void sendForgery(Forgery f, byte[] genuine, InetSocketAddress to) {
        byte[] x = genuine.clone();
        boolean pcpMap = x[0] == 2 && x.length >= 60;
        switch (f) {
            case WRONG_NONCE -> {
                if (!pcpMap) {
                    return; // only a PCP MAP answer has a nonce: no forgery, so a test relying on one fails
                }
                x[24] ^= 1;
            }
            case WRONG_PROTOCOL -> {
                if (pcpMap) {
                    x[36] = (byte) (x[36] == 6 ? 17 : 6);
                } else {
                    x[1] = (byte) (x[1] == (byte) 0x81 ? 0x82 : 0x81);
                }
            }
            case WRONG_INTERNAL_PORT -> x[pcpMap ? 41 : 9] ^= 1;
            case WRONG_OPCODE -> x[1] = (byte) (x[1] == (byte) 0x80 ? 0x81 : 0x80);
            case NO_RESPONSE_BIT -> x[1] &= 0x7F;
            case TRUNCATED -> x = Arrays.copyOf(x, 7);
            case FROM_OTHER_PORT -> {
                send(otherPort, x, to);
                return;
            }
            case FROM_OTHER_ADDRESS -> {
                send(otherAddress, x, to);
                return;
            }
        }
        send(socket, x, to);
    }

    private void send(DatagramSocket from, byte[] data, InetSocketAddress to) {
        try {
            from.send(new DatagramPacket(data, data.length, to));
        } catch (IOException e) {
            // the client is gone: as a real router, the fake does not care
        }
    }

    @Override
    public void close() {
        closed = true;
        later.shutdownNow();
        socket.close();
        otherPort.close();
        otherAddress.close();
    }

    /** IPv4 literals without name look-ups. */
    static final class Ipv4s {
        static final InetAddress LOOPBACK = of("127.0.0.1");

        static InetAddress of(String literal) {
            String[] p = literal.split("\\.");
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                b[i] = (byte) Integer.parseInt(p[i]);
            }
            try {
                return InetAddress.getByAddress(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
