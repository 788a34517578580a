package net.portforward.reach;

import static net.portforward.reach.RawHttp.loopback;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.portforward.engine.error.PortForwardException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The built-in web server on 127.0.0.1: what it serves, what it refuses, and how it holds up. */
class TestPageServerTest {
    private static final Clock FIXED = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);
    private TestPageServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private InetSocketAddress start(Duration readTimeout, Duration maxConnection) throws PortForwardException {
        server = TestPageServer.start(loopback(1), 0, readTimeout, maxConnection, FIXED);
        return new InetSocketAddress(loopback(1), server.port());
    }

    @Test
    void servesThePageWithNameTimeAndTokenAndCountsRequests() throws Exception {
        InetSocketAddress at = start(Duration.ofSeconds(2), Duration.ofSeconds(5));
        RawHttp.Reply before = RawHttp.get(null, at, "/");
        assertEquals(200, before.status());
        assertTrue(before.body().contains("No test is running"), before.body());

        ReachToken token = ReachToken.random();
        server.expect(token);
        RawHttp.Reply page = RawHttp.get(null, at, "/");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("<h1>PortForward</h1>"), page.body());
        assertTrue(page.body().contains("2024-05-01 12:00:00"), page.body());
        assertTrue(page.body().contains(token.value()), page.body());
        assertTrue(page.head().toLowerCase().contains("content-type: text/html; charset=utf-8"), page.head());
        assertEquals(2, server.requestsServed());
        assertEquals("http://127.0.0.1:" + server.port() + "/", server.url().toString());
    }

    @Test
    void otherPathsAre404AndOtherMethods405WithoutTouchingTheBody() throws Exception {
        InetSocketAddress at = start(Duration.ofSeconds(2), Duration.ofSeconds(5));
        assertEquals(404, RawHttp.get(null, at, "/admin").status());
        assertEquals(404, RawHttp.get(null, at, "/../etc/passwd").status());

        Set<Path> tempBefore = nanoTempFiles();
        // Over 1 KB: NanoHTTPD would spool this to a world-readable temp file if anything parsed it.
        String body = "x".repeat(50_000);
        RawHttp.Reply post = RawHttp.exchange(null, at, "POST / HTTP/1.1\r\nHost: t\r\nContent-Type: application/"
                + "x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n\r\n" + body, 5000);
        assertEquals(405, post.status(), post.head());
        assertTrue(post.head().contains("Allow: GET"), post.head());
        for (String method : List.of("PUT", "DELETE", "HEAD", "OPTIONS")) {
            RawHttp.Reply r = RawHttp.exchange(null, at, method + " / HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n", 5000);
            assertEquals(405, r.status(), method);
        }
        assertEquals(tempBefore, nanoTempFiles(), "no temp file appeared");
        assertEquals(7, server.requestsServed());
    }

    @Test
    void bindsOnlyTheGivenAddress() throws Exception {
        InetSocketAddress at = start(Duration.ofSeconds(2), Duration.ofSeconds(5));
        try (Socket other = new Socket()) {
            assertThrows(ConnectException.class, () -> other.connect(new InetSocketAddress(loopback(2), at.getPort()), 2000));
        }
        assertThrows(IllegalArgumentException.class, () -> TestPageServer.start(
                java.net.InetAddress.getByName("0.0.0.0"), 0));
    }

    @Test
    void aTakenPortIsASentence() throws Exception {
        InetSocketAddress at = start(Duration.ofSeconds(2), Duration.ofSeconds(5));
        PortForwardException e = assertThrows(PortForwardException.class,
                () -> TestPageServer.start(loopback(1), at.getPort()));
        assertTrue(e.getMessage().startsWith("The web server cannot use port " + at.getPort()), e.getMessage());
    }

    @Test
    void manyParallelConnectionsUseABoundedPoolAndAllGetAnAnswerOrAClose() throws Exception {
        InetSocketAddress at = start(Duration.ofSeconds(2), Duration.ofSeconds(5));
        ExecutorService clients = Executors.newFixedThreadPool(64);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                results.add(clients.submit(() -> {
                    try {
                        return RawHttp.get(null, at, "/").status();
                    } catch (IOException closed) {
                        return -1; // turned away: the pool and its queue were full
                    }
                }));
            }
            int ok = 0;
            for (Future<Integer> f : results) {
                int status = f.get(30, TimeUnit.SECONDS);
                assertTrue(status == 200 || status == -1, "status " + status);
                ok += status == 200 ? 1 : 0;
                assertTrue(server.poolThreads() <= TestPageServer.THREADS, "threads " + server.poolThreads());
            }
            assertTrue(ok >= TestPageServer.THREADS, "served " + ok + " of 300");
            assertEquals(ok, server.requestsServed());
        } finally {
            clients.shutdownNow();
        }
        assertEquals(200, RawHttp.get(null, at, "/").status(), "still serving after the storm");
    }

    @Test
    void silentAndDrippingClientsAreCutOff() throws Exception {
        InetSocketAddress at = start(Duration.ofMillis(300), Duration.ofSeconds(1));
        List<Socket> idle = new ArrayList<>();
        try {
            // Take every thread: connections that send nothing, and ones that drip a header byte at a time.
            for (int i = 0; i < TestPageServer.THREADS; i++) {
                Socket s = new Socket();
                s.connect(at, 2000);
                idle.add(s);
            }
            Thread dripper = new Thread(() -> {
                try {
                    for (int i = 0; i < 40; i++) {
                        for (Socket s : idle.subList(0, 2)) {
                            s.getOutputStream().write('G');
                        }
                        Thread.sleep(100);
                    }
                } catch (Exception closedByServer) {
                    // expected: the server cut them
                }
            });
            dripper.setDaemon(true);
            dripper.start();
            long start = System.nanoTime();
            RawHttp.Reply r = RawHttp.exchange(null, at, "GET / HTTP/1.1\r\nHost: t\r\n\r\n", 5000);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(200, r.status());
            // Behind the queue until idle ones time out (300 ms) or are cut (1 s), not forever.
            assertTrue(ms < 3000, "waited " + ms + " ms");
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    @Test
    void cancelledCutOffsLeaveTheSchedulerAtOnce() throws Exception {
        // Cut-offs far away: only their cancellation can empty the queue within the test.
        InetSocketAddress at = start(Duration.ofSeconds(2), Duration.ofMinutes(10));
        for (int i = 0; i < 50; i++) {
            assertEquals(200, RawHttp.get(null, at, "/").status());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (TestPageServer.cutoffsWaiting() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, TestPageServer.cutoffsWaiting(), "the ended connections' cut-offs are gone");
    }

    private static Set<Path> nanoTempFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("NanoHTTPD-")).collect(Collectors.toSet());
        }
    }
}
