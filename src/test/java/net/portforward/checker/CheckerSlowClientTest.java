package net.portforward.checker;

import static net.portforward.reach.RawHttp.loopback;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.portforward.reach.FlatJson;
import net.portforward.reach.RawHttp;
import net.portforward.reach.ReachToken;
import net.portforward.reach.TestPageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that send their request a byte at a time, or not at all, or too much, from many
 * loopback addresses: the checker keeps answering everybody else. Before the checker read its
 * requests itself, a few dozen such connections held every worker of the JDK's HttpServer (whose
 * request time is unlimited) and a real check never came back.
 */
class CheckerSlowClientTest {
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private InetSocketAddress checker(Duration requestTime) throws Exception {
        CheckerServer c = CheckerServer.start(new CheckerServer.Options(new InetSocketAddress(loopback(1), 0), null,
                1000, Duration.ofSeconds(1), CheckerTestAccess.PUBLIC_AND_LOOPBACK, requestTime), line -> { });
        closing.add(c);
        return c.address();
    }

    /** A connection from {@code from} that has sent {@code start} of a request and nothing more yet. */
    private Socket partial(InetAddress from, InetSocketAddress to, String start) throws IOException {
        Socket s = new Socket();
        closing.add(s);
        s.bind(new InetSocketAddress(from, 0));
        s.connect(to, 2000);
        s.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    /** Sends one more byte on each still-open connection every 100 ms, until the test ends. */
    private void drip(List<Socket> sockets) {
        Thread t = new Thread(() -> {
            while (!sockets.isEmpty() && sockets.stream().anyMatch(s -> !s.isClosed())) {
                for (Socket s : sockets) {
                    try {
                        s.getOutputStream().write('x');
                    } catch (IOException cut) {
                        // the checker closed it
                    }
                }
                try {
                    Thread.sleep(100); // the pace of the attack, not a wait for anything
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "test-dripper");
        t.setDaemon(true);
        t.start();
    }

    /** What arrives until the server closes, or {@code null} when nothing closes it within {@code limit}. */
    private static String readUntilClosed(Socket s, Duration limit) throws IOException {
        s.setSoTimeout((int) limit.toMillis());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        byte[] b = new byte[1024];
        try {
            for (int n; (n = in.read(b)) > 0; ) {
                all.write(b, 0, n);
            }
        } catch (SocketTimeoutException stillOpen) {
            return null;
        } catch (SocketException reset) {
            // closed at the door
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void dozensOfDrippingClientsDoNotStarveARealCheck() throws Exception {
        // Long request time: the check must get through while every dripper is still connected.
        InetSocketAddress c = checker(Duration.ofSeconds(20));
        List<Socket> drippers = new ArrayList<>();
        for (int address = 10; address < 22; address++) {
            for (int i = 0; i < RequestReader.MAX_CONNECTIONS_PER_SOURCE; i++) {
                drippers.add(partial(loopback(address), c, "GET /check?port="));
            }
        }
        drip(drippers);
        ReachToken token = ReachToken.random();
        TestPageServer page = TestPageServer.start(loopback(2), 0);
        closing.add(page);
        page.expect(token);

        // A starved check would not answer within the exchange's 5 s read limit.
        RawHttp.Reply r = RawHttp.exchange(loopback(2), c, "GET /check?port=" + page.port() + "&token=" + token
                + " HTTP/1.1\r\nHost: t\r\n\r\n", 5000);

        assertEquals(200, r.status(), r::toString);
        assertEquals(true, FlatJson.parse(r.body()).get("reachable"), r::body);
        assertTrue(drippers.stream().noneMatch(Socket::isClosed));
    }

    @Test
    void aRequestThatDoesNotArriveWithinTheRequestTimeIsCut() throws Exception {
        InetSocketAddress c = checker(Duration.ofMillis(500));
        Socket slow = partial(loopback(3), c, "GET /check?port=80&token=");
        drip(List.of(slow));
        Socket silent = partial(loopback(4), c, "");

        // Cut by the 500 ms request time: both get their 408 within the 5 s the reads wait.
        String slowAnswer = readUntilClosed(slow, Duration.ofSeconds(5));
        String silentAnswer = readUntilClosed(silent, Duration.ofSeconds(5));

        assertTrue(slowAnswer != null && slowAnswer.startsWith("HTTP/1.1 408 "), "the dripper got: " + slowAnswer);
        assertTrue(silentAnswer != null && silentAnswer.startsWith("HTTP/1.1 408 "), "the silent one got: " + silentAnswer);
    }

    @Test
    void eachSourceHoldsAtMostAFewConnectionsAndOthersAreStillAnswered() throws Exception {
        InetSocketAddress c = checker(Duration.ofSeconds(20));
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < RequestReader.MAX_CONNECTIONS_PER_SOURCE; i++) {
            held.add(partial(loopback(5), c, "GET /"));
        }
        String door;
        try {
            door = readUntilClosed(partial(loopback(5), c, "GET /"), Duration.ofSeconds(3));
        } catch (java.net.SocketException resetAtTheDoor) {
            // Closed so fast that the close reached the connect as a reset: closed at the door all the same.
            door = "";
        }
        assertEquals("", door, "closed at the door, unanswered");
        for (Socket s : held) {
            assertEquals(null, readUntilClosed(s, Duration.ofMillis(50)), "the first ones are still being read");
        }
        assertEquals(404, RawHttp.get(loopback(6), c, "/").status(), "another source is answered");
        held.get(0).getOutputStream().write(" HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(readUntilClosed(held.get(0), Duration.ofSeconds(3)).startsWith("HTTP/1.1 404 "));
        // Its place is free again once the answered connection is closed.
        String again = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (again == null || again.isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the freed place was never given back");
            try {
                again = RawHttp.get(loopback(5), c, "/").head();
            } catch (java.net.SocketException closedAtTheDoor) {
                // Still full: under load the door's close can reach the connect as a reset.
                again = null;
            }
        }
        assertTrue(again.startsWith("HTTP/1.1 404 "), again);
    }

    @Test
    void oversizedHeadsAndNonHttpAreRefusedInJson() throws Exception {
        InetSocketAddress c = checker(Duration.ofSeconds(5));
        RawHttp.Reply big = RawHttp.exchange(loopback(7), c, "GET /check HTTP/1.1\r\nX-Pad: "
                + "a".repeat(RequestReader.MAX_HEAD_BYTES) + "\r\n\r\n", 5000);
        assertEquals(431, big.status(), big::toString);
        Map<String, Object> json = FlatJson.parse(big.body());
        assertEquals(false, json.get("reachable"));

        assertEquals(400, RawHttp.exchange(loopback(7), c, "HELLO\r\n\r\n", 5000).status());
        assertEquals(400, RawHttp.exchange(loopback(7), c, "GET /check HTTP/1.1\r\n folded: header\r\n\r\n", 5000).status());
        // Bare LF line ends, as netcat sends them, are read too.
        assertEquals(404, RawHttp.exchange(loopback(7), c, "GET / HTTP/1.0\n\n", 5000).status());
    }
}
