package net.portforward.checker;

import net.portforward.TestPorts;
import static net.portforward.reach.RawHttp.loopback;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.portforward.reach.FlatJson;
import net.portforward.reach.RawHttp;
import net.portforward.reach.ReachToken;
import net.portforward.reach.TestPageServer;
import net.portforward.reach.UdpResponder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The checker on 127.0.0.1 against the app's own web server and responder, and against servers
 * that misbehave. Requests come from chosen loopback addresses (127.0.0.2, 127.0.0.3) so a test can
 * tell where the checker connected back to.
 */
class CheckerServerTest {
    private static final Duration CHECK_TIME = Duration.ofSeconds(1);
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private InetSocketAddress checker(InetAddress trusted, int perMinute) throws Exception {
        return checker(trusted, perMinute, CheckerTestAccess.PUBLIC_AND_LOOPBACK, Duration.ofSeconds(2));
    }

    private InetSocketAddress checker(InetAddress trusted, int perMinute, ConnectBackPolicy policy, Duration requestTime)
            throws Exception {
        CheckerServer c = CheckerServer.start(new CheckerServer.Options(new InetSocketAddress(loopback(1), 0), trusted,
                perMinute, CHECK_TIME, policy, requestTime), line -> { });
        closing.add(c);
        return c.address();
    }

    private TestPageServer page(InetAddress at, ReachToken token) throws Exception {
        TestPageServer s = TestPageServer.start(at, 0);
        s.expect(token);
        closing.add(s);
        return s;
    }

    private static Map<String, Object> check(InetAddress from, InetSocketAddress checker, String query, String... headers)
            throws IOException {
        RawHttp.Reply r = RawHttp.get(from, checker, "/check?" + query, headers);
        Map<String, Object> json = FlatJson.parse(r.body());
        json.put("status", (long) r.status());
        return json;
    }

    @Test
    void rightTokenIsReachableWithLatency() throws Exception {
        InetSocketAddress c = checker(null, 30);
        ReachToken token = ReachToken.random();
        TestPageServer page = page(loopback(2), token);

        Map<String, Object> a = check(loopback(2), c, "port=" + page.port() + "&token=" + token + "&protocol=tcp");

        assertEquals(200L, a.get("status"));
        assertEquals(true, a.get("reachable"), a::toString);
        assertEquals("token", a.get("outcome"));
        assertEquals("127.0.0.2", a.get("address"));
        assertTrue(a.get("latencyMs") instanceof Long ms && ms >= 0 && ms < 1000, a::toString);
        assertEquals(1, page.requestsServed());
    }

    @Test
    void wrongTokenIsAnotherDevice() throws Exception {
        InetSocketAddress c = checker(null, 30);
        TestPageServer page = page(loopback(2), ReachToken.random());

        Map<String, Object> a = check(loopback(2), c, "port=" + page.port() + "&token=" + ReachToken.random());

        assertEquals(false, a.get("reachable"));
        assertEquals("other", a.get("outcome"));
    }

    @Test
    void wrongPortAndNothingListeningAreRefused() throws Exception {
        InetSocketAddress c = checker(null, 30);
        int closed = freePort();

        Map<String, Object> tcp = check(loopback(2), c, "port=" + closed + "&token=" + ReachToken.random());
        assertEquals(false, tcp.get("reachable"));
        assertEquals("refused", tcp.get("outcome"));

        Map<String, Object> udp = check(loopback(2), c, "port=" + closed + "&token=" + ReachToken.random() + "&protocol=udp");
        assertEquals(false, udp.get("reachable"));
        // Linux reports the closed port at once (ICMP port unreachable, never rate-limited on loopback).
        assertEquals("refused", udp.get("outcome"), udp::toString);
    }

    @Test
    void udpTokenIsEchoed() throws Exception {
        InetSocketAddress c = checker(null, 30);
        ReachToken token = ReachToken.random();
        UdpResponder r = UdpResponder.start(loopback(2), 0);
        closing.add(r);
        r.expect(token);

        Map<String, Object> a = check(loopback(2), c, "port=" + r.port() + "&token=" + token + "&protocol=udp");

        assertEquals(true, a.get("reachable"), a::toString);
        assertEquals("token", a.get("outcome"));
        r.expect(ReachToken.random());
        Map<String, Object> stale = check(loopback(2), c, "port=" + r.port() + "&token=" + token + "&protocol=udp");
        assertEquals(false, stale.get("reachable"));
    }

    @Test
    void connectsBackOnlyToTheRequestsSource() throws Exception {
        InetSocketAddress c = checker(null, 30);
        ReachToken token = ReachToken.random();
        // The same port on two addresses: the asker's (127.0.0.2) and a victim's (127.0.0.3).
        TestPageServer asker = page(loopback(2), token);
        AtomicInteger victimHits = new AtomicInteger();
        ServerSocket victim = new ServerSocket(asker.port(), 50, loopback(3));
        closing.add(victim);
        Thread t = new Thread(() -> {
            while (!victim.isClosed()) {
                try (Socket s = victim.accept()) {
                    victimHits.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();

        Map<String, Object> a = check(loopback(2), c, "port=" + asker.port() + "&token=" + token
                + "&host=127.0.0.3&address=127.0.0.3&target=127.0.0.3", "X-Forwarded-For: 127.0.0.3", "X-Real-IP: 127.0.0.3",
                "Forwarded: for=127.0.0.3");
        assertEquals(true, a.get("reachable"), a::toString);
        assertEquals("127.0.0.2", a.get("address"));
        assertEquals(1, asker.requestsServed());
        assertEquals(0, victimHits.get(), "no connection to a host named in the request");
    }

    @Test
    void forwardedForIsBelievedOnlyFromTheTrustedProxy() throws Exception {
        ReachToken token = ReachToken.random();
        TestPageServer client = page(loopback(3), token);
        // 127.0.0.2 plays the operator's reverse proxy.
        InetSocketAddress c = checker(loopback(2), 30);

        Map<String, Object> viaProxy = check(loopback(2), c, "port=" + client.port() + "&token=" + token,
                "X-Forwarded-For: 10.9.9.9, 127.0.0.3");
        assertEquals("127.0.0.3", viaProxy.get("address"), "the last hop, added by the trusted proxy");
        assertEquals(true, viaProxy.get("reachable"), viaProxy::toString);

        Map<String, Object> direct = check(loopback(4), c, "port=" + client.port() + "&token=" + token,
                "X-Forwarded-For: 127.0.0.3");
        assertEquals("127.0.0.4", direct.get("address"), "an untrusted sender's header is ignored");
        assertEquals(false, direct.get("reachable"));

        Map<String, Object> name = check(loopback(2), c, "port=" + client.port() + "&token=" + token,
                "X-Forwarded-For: localhost");
        assertEquals(400L, name.get("status"), "a name is never looked up");
    }

    @Test
    void aTrustedProxyWithoutForwardedForIsRefusedAndNothingIsChecked() throws Exception {
        ReachToken token = ReachToken.random();
        // The proxy's own address serves a page: checking "the proxy" would probe the checker host.
        TestPageServer proxyHost = page(loopback(2), token);
        InetSocketAddress c = checker(loopback(2), 30);

        Map<String, Object> a = check(loopback(2), c, "port=" + proxyHost.port() + "&token=" + token);

        assertEquals(400L, a.get("status"), a::toString);
        assertTrue(((String) a.get("detail")).contains("X-Forwarded-For"), a::toString);
        assertEquals(0, proxyHost.requestsServed(), "the checker connected to nobody");
    }

    @Test
    void neverConnectsBackToAddressesTheInternetCannotReach() throws Exception {
        ReachToken token = ReachToken.random();
        TestPageServer local = page(loopback(2), token);
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        CheckerServer strict = CheckerServer.start(new CheckerServer.Options(new InetSocketAddress(loopback(1), 0),
                loopback(3), 30, CHECK_TIME, ConnectBackPolicy.PUBLIC_ONLY, Duration.ofSeconds(2)), log::add);
        closing.add(strict);

        Map<String, Object> direct = check(loopback(2), strict.address(), "port=" + local.port() + "&token=" + token);
        assertEquals(200L, direct.get("status"));
        assertEquals(false, direct.get("reachable"));
        assertEquals("not-public", direct.get("outcome"));
        assertEquals("127.0.0.2", direct.get("address"));
        assertTrue(((String) direct.get("detail")).contains("a loopback address"), direct::toString);
        assertEquals(0, local.requestsServed(), "no connection back to loopback");

        // What a trusted proxy says cannot lead there either.
        for (String hidden : List.of("10.1.2.3", "192.168.1.10", "172.16.0.1", "100.64.0.1", "169.254.169.254",
                "127.0.0.2", "0.0.0.0", "224.0.0.1", "198.51.100.7", "::1", "fd00::1", "fe80::1", "::ffff:10.0.0.1")) {
            Map<String, Object> a = check(loopback(3), strict.address(), "port=" + local.port() + "&token=" + token,
                    "X-Forwarded-For: " + hidden);
            assertEquals("not-public", a.get("outcome"), hidden + ": " + a);
        }
        assertEquals(0, local.requestsServed());
        assertTrue(log.stream().allMatch(line -> line.contains("not-public")), log::toString);
    }

    @Test
    void oversizedAndSlowRepliesAreCutAtTheLimits() throws Exception {
        InetSocketAddress c = checker(null, 30);
        ReachToken token = ReachToken.random();
        // Endless page without the token.
        int flood = serve(out -> {
            out.write("HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] junk = new byte[8192];
            while (true) {
                out.write(junk);
            }
        });
        long start = System.nanoTime();
        Map<String, Object> big = check(loopback(1), c, "port=" + flood + "&token=" + token);
        assertEquals("other", big.get("outcome"), big::toString);
        assertTrue(((String) big.get("detail")).contains("64 KB"), big::toString);

        // A byte every 100 ms; the token would come after the deadline.
        int drip = serve(out -> {
            for (char ch : ("HTTP/1.1 200 OK\r\n\r\n" + "x".repeat(40) + token).toCharArray()) {
                out.write(ch);
                out.flush();
                Thread.sleep(100);
            }
        });
        Map<String, Object> slow = check(loopback(1), c, "port=" + drip + "&token=" + token);
        assertEquals(false, slow.get("reachable"));
        assertEquals("other", slow.get("outcome"));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 4 * CHECK_TIME.toMillis(), "both checks within their limit: " + ms + " ms");
    }

    @Test
    void badRequestsAndTooManyChecksAreRefusedInJson() throws Exception {
        InetSocketAddress c = checker(null, 3);
        String token = ReachToken.random().value();
        assertEquals(400L, check(loopback(2), c, "port=0&token=" + token).get("status"));
        assertEquals(400L, check(loopback(2), c, "port=70000&token=" + token).get("status"));
        assertEquals(400L, check(loopback(2), c, "port=80&token=short").get("status"));
        assertEquals(400L, check(loopback(2), c, "port=80&token=" + token + "&protocol=icmp").get("status"));
        assertEquals(400L, check(loopback(2), c, "port=80&token=" + token + "&pad=" + "x".repeat(300)).get("status"));
        assertEquals(404, RawHttp.get(loopback(2), c, "/").status());
        RawHttp.Reply post = RawHttp.exchange(loopback(2), c, "POST /check HTTP/1.1\r\nHost: t\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", 5000);
        assertEquals(405, post.status());

        int closed = freePort();
        for (int i = 0; i < 3; i++) {
            assertEquals(200L, check(loopback(5), c, "port=" + closed + "&token=" + token).get("status"));
        }
        Map<String, Object> limited = check(loopback(5), c, "port=" + closed + "&token=" + token);
        assertEquals(429L, limited.get("status"));
        assertTrue(((String) limited.get("detail")).startsWith("Too many checks from 127.0.0.5"), limited::toString);
        assertEquals(200L, check(loopback(6), c, "port=" + closed + "&token=" + token).get("status"), "per address");
    }

    /** One-connection-at-a-time server on 127.0.0.1 whose answer {@code body} writes. */
    private int serve(Body body) throws IOException {
        ServerSocket s = new ServerSocket(0, 50, loopback(1));
        closing.add(s);
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try (Socket conn = s.accept()) {
                    conn.getInputStream().read(new byte[1024]);
                    body.write(conn.getOutputStream());
                } catch (Exception gone) {
                    // the checker hung up: the point of the test
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return s.getLocalPort();
    }

    private interface Body {
        void write(OutputStream out) throws Exception;
    }

    private static int freePort() throws IOException {
        return TestPorts.unused();
    }
}
