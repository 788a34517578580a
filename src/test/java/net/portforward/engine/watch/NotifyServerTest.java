package net.portforward.engine.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.portforward.testing.HostileXml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The callback server against good, foreign, broken, huge, slow and flooding senders on loopback;
 * 127.0.0.1 stands for the router, 127.0.0.2 for another host on the LAN.
 */
class NotifyServerTest {
    private static final InetAddress ROUTER = InetAddress.getLoopbackAddress();
    private static final String SID = "uuid:our-subscription";
    private static final String BODY = "<?xml version=\"1.0\"?><e:propertyset xmlns:e=\"urn:schemas-upnp-org:event-1-0\">"
            + "<e:property><PortMappingNumberOfEntries>3</PortMappingNumberOfEntries></e:property>"
            + "<e:property><ExternalIPAddress>25.77.0.2</ExternalIPAddress></e:property></e:propertyset>";

    private final List<Notification> delivered = new CopyOnWriteArrayList<>();
    private final AtomicInteger sidChecks = new AtomicInteger();
    private final NotifyServer.Sink sink = new NotifyServer.Sink() {
        @Override
        public boolean knows(String sid) {
            sidChecks.incrementAndGet();
            return SID.equals(sid);
        }

        @Override
        public void deliver(Notification n) {
            delivered.add(n);
        }
    };
    private NotifyServer server;

    @BeforeEach
    void start() throws IOException {
        server = NotifyServer.start(ROUTER, ROUTER, sink, Duration.ofMillis(700));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String path() {
        return server.callback().getRawPath();
    }

    private int send(String method, String path, String sid, String body, String extraHeaders) throws IOException {
        return send(server, method, path, sid, body, extraHeaders);
    }

    private static int send(NotifyServer server, String method, String path, String sid, String body,
                            String extraHeaders) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nNT: upnp:event\r\nNTS: upnp:propchange\r\n"
                + (sid == null ? "" : "SID: " + sid + "\r\n") + "SEQ: 7\r\n" + extraHeaders
                + (extraHeaders.contains("Content-Length") ? "" : "Content-Length: " + bytes.length + "\r\n") + "\r\n";
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.callback().getPort())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            return status(s.getInputStream());
        }
    }

    private static int status(InputStream in) throws IOException {
        String line = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
        return line.length() < 12 ? -1 : Integer.parseInt(line.substring(9, 12));
    }

    /** Waits until the server closes {@code s}; -1 when it did so without a byte of answer. */
    private static int firstByteBeforeClose(Socket s) {
        try {
            return s.getInputStream().read();
        } catch (IOException reset) {
            return -1; // closed on us with a reset: no answer either
        }
    }

    @Test
    void ourNotifyIsDeliveredWithItsVariables() throws IOException {
        assertEquals(200, send("NOTIFY", path(), SID, BODY, ""));
        assertEquals(1, delivered.size());
        Notification n = delivered.get(0);
        assertEquals(SID, n.sid());
        assertEquals(7, n.seq());
        assertEquals("3", n.variables().get("PortMappingNumberOfEntries"));
        assertEquals("25.77.0.2", n.variables().get("ExternalIPAddress"));
    }

    @Test
    void theServerListensOnTheGivenAddressOnly() {
        assertEquals("127.0.0.1", server.callback().getHost());
    }

    @Test
    void aForeignSidIsRefusedBeforeItsBodyIsParsed() throws IOException {
        // Hostile XML that would fail to parse: a 412 (not 400) proves it was never read.
        assertEquals(412, send("NOTIFY", path(), "uuid:someone-else", HostileXml.billionLaughs(), ""));
        assertEquals(412, send("NOTIFY", path(), null, BODY, ""));
        assertEquals(List.of(), delivered);
    }

    @Test
    void wrongPathsAndMethodsAreRefusedWithoutAskingForTheSid() throws IOException {
        assertEquals(404, send("NOTIFY", "/portforward/events/guess", SID, BODY, ""));
        assertEquals(405, send("GET", path(), SID, "", ""));
        assertEquals(0, sidChecks.get());
        assertEquals(List.of(), delivered);
    }

    @Test
    void brokenOversizedAndUnsizedBodiesAreRefused() throws IOException {
        assertEquals(400, send("NOTIFY", path(), SID, "<e:propertyset><unclosed>", ""));
        assertEquals(400, send("NOTIFY", path(), SID, HostileXml.billionLaughs(), ""));
        assertEquals(413, send("NOTIFY", path(), SID, "", "Content-Length: 100000000\r\n"));
        assertEquals(411, send("NOTIFY", path(), SID, "", "Transfer-Encoding: chunked\r\n"));
        assertEquals(List.of(), delivered);
        assertTrue(server.rejected() >= 4);
    }

    @Test
    void aSenderDrippingBytesIsCutOffAtTheDeadline() throws Exception {
        long start = System.nanoTime();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.callback().getPort())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            int answer = -1;
            try {
                for (char c : ("NOTIFY " + path() + " HTTP/1.1\r\n").toCharArray()) {
                    out.write(c);
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException closedOnUs) {
                // the server hung up: what we want
            }
            try {
                answer = s.getInputStream().read();
            } catch (IOException closedOnUs) {
                // likewise
            }
            assertEquals(-1, answer, "no answer to a request that never finished");
        }
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMillis < 4000, "cut off after " + tookMillis + " ms");
        assertEquals(200, send("NOTIFY", path(), SID, BODY, ""), "still serving afterwards");
    }

    @Test
    void aFloodIsTurnedAwayAndOurNotifyStillArrivesAfterIt() throws Exception {
        List<Socket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), server.callback().getPort());
                flood.add(s);
                try {
                    s.getOutputStream().write("NOTIFY ".getBytes(StandardCharsets.ISO_8859_1)); // and never more
                } catch (IOException closedAtTheDoor) {
                    // Turned away before it wrote: what a flood should get.
                }
            }
            long until = System.nanoTime() + 3_000_000_000L;
            while (server.turnedAway() == 0 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertTrue(server.turnedAway() > 0, "connections beyond the workers and queue were closed");
        } finally {
            for (Socket s : flood) {
                s.close();
            }
        }
        long until = System.nanoTime() + 5_000_000_000L;
        int status = -1;
        while (status != 200 && System.nanoTime() < until) {
            try {
                status = send("NOTIFY", path(), SID, BODY, "");
            } catch (IOException stillClearingTheFlood) {
                status = -1;
            }
        }
        assertEquals(200, status);
        assertEquals(1, delivered.size());
    }

    @Test
    void connectionsFromOtherHostsAreClosedUnreadAndTheRoutersNotifyStillArrives() throws Exception {
        List<Socket> others = new ArrayList<>();
        try {
            // More than the workers and the queue hold: before, these kept the router's NOTIFY out.
            for (int i = 0; i < 40; i++) {
                Socket s = new Socket();
                s.bind(new InetSocketAddress("127.0.0.2", 0));
                s.connect(new InetSocketAddress(ROUTER, server.callback().getPort()), 2000);
                s.setSoTimeout(5000);
                try {
                    s.getOutputStream().write("NOTIFY ".getBytes(StandardCharsets.ISO_8859_1)); // and never more
                } catch (IOException closedOnUs) {
                    // already closed: what we want
                }
                others.add(s);
            }
            assertEquals(200, send("NOTIFY", path(), SID, BODY, ""), "the router's own NOTIFY, at the first try");
            for (Socket s : others) {
                assertEquals(-1, firstByteBeforeClose(s), "closed without an answer");
            }
        } finally {
            for (Socket s : others) {
                s.close();
            }
        }
        assertEquals(40, server.foreign());
        assertEquals(0, server.rejected(), "closed unread, so never answered with an error");
        assertEquals(1, sidChecks.get(), "only the router's request was read");
        assertEquals(1, delivered.size());
    }

    @Test
    void aRouterDrippingBytesIsCutAtTheLimitCountedFromAcceptQueueIncluded() throws Exception {
        Duration limit = Duration.ofSeconds(1);
        List<Socket> drippers = new ArrayList<>();
        ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
        try (NotifyServer slow = NotifyServer.start(ROUTER, ROUTER, sink, limit)) {
            long start = System.nanoTime();
            // Three from the router's own address: two hold both workers, the third waits in the queue.
            for (int i = 0; i < 3; i++) {
                Socket s = new Socket(ROUTER, slow.callback().getPort());
                s.setSoTimeout(5000);
                drippers.add(s);
            }
            byte[] request = ("NOTIFY " + slow.callback().getRawPath() + " HTTP/1.1\r\nX-Drip: "
                    + "a".repeat(200)).getBytes(StandardCharsets.ISO_8859_1);
            AtomicInteger next = new AtomicInteger();
            drip.scheduleAtFixedRate(() -> {
                int at = next.getAndIncrement() % request.length;
                for (Socket s : drippers) {
                    try {
                        s.getOutputStream().write(request[at]);
                    } catch (IOException cut) {
                        // the server hung up: what we want
                    }
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
            List<Long> cutMillis = new ArrayList<>();
            for (Socket s : drippers) {
                assertEquals(-1, firstByteBeforeClose(s), "no answer to a request that never finished");
                cutMillis.add((System.nanoTime() - start) / 1_000_000);
            }
            assertTrue(cutMillis.get(0) >= limit.toMillis() - 20, "cut before the limit: " + cutMillis);
            // Counted from when a worker takes it, the queued one would last two limits.
            assertTrue(cutMillis.get(2) < limit.toMillis() * 8 / 5, "cut after (ms) " + cutMillis);
            drip.shutdownNow();
            assertEquals(200, send(slow, "NOTIFY", slow.callback().getRawPath(), SID, BODY, ""), "still serving");
        } finally {
            drip.shutdownNow();
            for (Socket s : drippers) {
                s.close();
            }
        }
    }
}
