package net.portforward.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A router's SSDP answers to unicast searches, on 127.0.0.1 and an ephemeral port (nothing is
 * ever multicast). Each M-SEARCH is answered with the scripted datagrams, in order: genuine
 * answers, answers from another source port (Cisco CGA4131COM, TP-Link ER605), forged ones from
 * another loopback address standing for another LAN host, and junk.
 */
public final class FakeSsdp implements AutoCloseable {
    /** One datagram to send back for each search: from which local socket, with which text. */
    public record Reply(DatagramSocket from, String text) {
    }

    private static final Pattern ST = Pattern.compile("(?im)^ST:\\s*(\\S+)\\s*$");

    private final DatagramSocket socket;
    private final List<DatagramSocket> extra = new ArrayList<>();
    private final List<ReplyRule> rules = new CopyOnWriteArrayList<>();
    private final List<String> searches = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<InetAddress> askers = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-ssdp-later");
        t.setDaemon(true);
        return t;
    });
    private volatile Duration answerDelay = Duration.ZERO;

    private record ReplyRule(DatagramSocket from, String searchTarget, String text) {
    }

    private FakeSsdp() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        thread = new Thread(this::serve, "fake-ssdp-" + socket.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    public static FakeSsdp start() {
        try {
            return new FakeSsdp();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** The search targets asked for, in order. */
    public List<String> searches() {
        return List.copyOf(searches);
    }

    /** Each search as it arrived, text. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** The address each search came from. */
    public List<InetAddress> askers() {
        return List.copyOf(askers);
    }

    /**
     * A real router's answer from src/test/resources/routers (for example "sagemcom-fast3890v3-ssdp.txt"),
     * byte for byte but for its LOCATION, which is pointed at {@code location}: to a search for
     * {@code st} (null: any), from the listening socket or, with {@code fromAnotherPort}, another one.
     */
    public FakeSsdp answerWithCapture(String st, String captureName, URI location, boolean fromAnotherPort) {
        String text = new String(DescriptionTemplates.loadCapture(captureName), StandardCharsets.ISO_8859_1)
                .replaceFirst("(?im)^(LOCATION:\\s*)\\S+", "$1" + location);
        return answerFrom(fromAnotherPort ? socket("127.0.0.1") : socket, st, text);
    }

    /** Answers a search for {@code st} (null: any) with LOCATION {@code location}, from the listening socket. */
    public FakeSsdp answer(String st, URI location) {
        return answerFrom(socket, st, answerText(st == null ? "urn:schemas-upnp-org:device:InternetGatewayDevice:2" : st,
                location.toString(), "1"));
    }

    /** The same answer from another socket of 127.0.0.1: another source port. */
    public FakeSsdp answerFromAnotherPort(String st, URI location) {
        return answerFrom(socket("127.0.0.1"), st, answerText(st, location.toString(), "1"));
    }

    /** A datagram from {@code loopbackAddress}, playing another LAN host that answers in the gateway's place. */
    public FakeSsdp forgedFrom(String loopbackAddress, String st, String location) {
        return answerFrom(socket(loopbackAddress), st, answerText(st, location, "1"));
    }

    /**
     * Answers each search only after {@code delay}, as miniupnpd does (a random delay of up to MX
     * seconds, seen in the lab).
     */
    public FakeSsdp answerAfter(Duration delay) {
        answerDelay = delay;
        return this;
    }

    /** Any text, from the listening socket: junk, truncated answers, requests. */
    public FakeSsdp junk(String text) {
        return answerFrom(socket, null, text);
    }

    private FakeSsdp answerFrom(DatagramSocket from, String st, String text) {
        rules.add(new ReplyRule(from, st, text));
        return this;
    }

    public static String answerText(String st, String location, String bootId) {
        return "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=120\r\nST: " + st + "\r\nUSN: uuid:fake::" + st
                + "\r\nEXT:\r\nSERVER: FakeSsdp UPnP/1.1\r\nLOCATION: " + location + "\r\nBOOTID.UPNP.ORG: " + bootId
                + "\r\n\r\n";
    }

    private DatagramSocket socket(String address) {
        try {
            DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), 0));
            extra.add(s);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void serve() {
        byte[] buffer = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(p);
            } catch (IOException closed) {
                return;
            }
            String request = new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1);
            if (!request.startsWith("M-SEARCH")) {
                continue;
            }
            Matcher m = ST.matcher(request);
            String st = m.find() ? m.group(1) : "";
            searches.add(st);
            requests.add(request);
            askers.add(p.getAddress());
            SocketAddress asker = p.getSocketAddress();
            Duration delay = answerDelay;
            if (delay.isZero()) {
                reply(st, asker);
            } else {
                later.schedule(() -> reply(st, asker), delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void reply(String st, SocketAddress asker) {
        for (ReplyRule r : rules) {
            if (r.searchTarget() != null && !r.searchTarget().equals(st)) {
                continue;
            }
            byte[] out = r.text().getBytes(StandardCharsets.ISO_8859_1);
            try {
                r.from().send(new DatagramPacket(out, out.length, asker));
            } catch (IOException e) {
                // the asker is gone: nothing to answer
            }
        }
    }

    @Override
    public void close() {
        later.shutdownNow();
        socket.close();
        extra.forEach(DatagramSocket::close);
    }
}
