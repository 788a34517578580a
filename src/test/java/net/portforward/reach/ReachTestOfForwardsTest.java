package net.portforward.reach;

import static net.portforward.reach.RawHttp.loopback;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.portforward.checker.CheckerTestAccess;
import net.portforward.config.Proxy;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.progress.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Testing a forward the router already has, as the window's table does for each row and the
 * command line's {@code test} for its port: a port another program holds, and a forward to
 * another device. On loopback with the real checker, as {@link ReachTestTest}.
 */
class ReachTestOfForwardsTest {
    private static final InetAddress HERE = loopback(1);
    private static final InetAddress OTHER_DEVICE = loopback(2);
    private final List<AutoCloseable> closing = new ArrayList<>();
    private ProxyHttp http;
    private Proxy checker;

    @BeforeEach
    void start() throws Exception {
        http = new ProxyHttp(Duration.ofMillis(1500));
        closing.add(http);
        checker = new Proxy(Proxy.Type.PORTFORWARD, "http://127.0.0.1:" + CheckerTestAccess.start(HERE, closing) + "/");
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    @Test
    void aUdpPortAnotherProgramHoldsIsLeftToThatProgram() throws Exception {
        DatagramSocket game = new DatagramSocket(new InetSocketAddress(HERE, 0));
        closing.add(game);
        int port = game.getLocalPort();
        ReachTestTest.MemoryRouter router = new ReachTestTest.MemoryRouter();
        router.forward(Protocol.UDP, port, HERE, port);

        try (TestListener listener = TestListener.start(Protocol.UDP, HERE, port, null)) {
            Verdict v = new ReachTest(List.of(checker), http).run(new ReachRequest(Protocol.UDP, port, port, false, false),
                    router, listener, Progress.NONE);

            assertFalse(v.reachable());
            assertEquals(Reason.UDP_IN_USE, v.reason(), v::toString);
            assertTrue(v.english().startsWith("UDP " + port + " is in use by another program"), v.english());
        }
    }

    @Test
    void aTcpPortTheUsersOwnServerHoldsIsDecidedByThePlainConnect() throws Exception {
        int port = answering();
        ReachTestTest.MemoryRouter router = new ReachTestTest.MemoryRouter();
        router.forward(Protocol.TCP, port, HERE, port);

        try (TestListener listener = TestListener.start(Protocol.TCP, HERE, port, null)) {
            assertTrue(listener.problem().isPresent(), "the user's server holds the port");
            Verdict v = new ReachTest(List.of(checker), http).run(new ReachRequest(Protocol.TCP, port, port, false, false),
                    router, listener, Progress.NONE);

            assertTrue(v.reachable(), v::toString);
            assertEquals(Reason.REACHABLE, v.reason());
        }
    }

    @Test
    void aForwardToAnotherDeviceIsReachedButNotProvenTheRightOne() throws Exception {
        // Loopback has no NAT: the checker connects to the external port, where the device's program answers.
        int port = answering();
        ReachTestTest.MemoryRouter router = new ReachTestTest.MemoryRouter();
        router.forward(Protocol.TCP, port, OTHER_DEVICE, port);

        Verdict v = new ReachTest(List.of(checker), http).runToDevice(new ReachRequest(Protocol.TCP, port, port, false,
                false), router, OTHER_DEVICE, Progress.NONE);

        assertTrue(v.reachable(), v::toString);
        assertTrue(v.english().contains("something on 127.0.0.2 answered"), v.english());
        assertTrue(v.english().contains("cannot prove the right program answered"), v.english());
        assertEquals(List.of(), router.calls, "the router's forwards are left as they are");
    }

    @Test
    void aForwardToAnotherDeviceWhereNothingAnswersSaysSoOfThatDevice() throws Exception {
        int port = closedPort();
        ReachTestTest.MemoryRouter router = new ReachTestTest.MemoryRouter();
        router.forward(Protocol.TCP, port, OTHER_DEVICE, port);

        Verdict v = new ReachTest(List.of(checker), http).runToDevice(new ReachRequest(Protocol.TCP, port, port, false,
                false), router, OTHER_DEVICE, Progress.NONE);

        assertFalse(v.reachable());
        assertEquals(Reason.SERVER_NOT_RUNNING, v.reason(), v::toString);
        assertTrue(v.english().contains("nothing on 127.0.0.2 answers on port " + port), v.english());
    }

    @Test
    void aUdpForwardToAnotherDeviceIsNotSentToAnyChecker() throws Exception {
        ReachTestTest.MemoryRouter router = new ReachTestTest.MemoryRouter();
        router.forward(Protocol.UDP, 27015, OTHER_DEVICE, 27015);

        Verdict v = new ReachTest(List.of(checker), http).runToDevice(new ReachRequest(Protocol.UDP, 27015, 27015, false,
                false), router, OTHER_DEVICE, Progress.NONE);

        assertEquals(Reason.UDP_IN_USE, v.reason());
        assertEquals("UDP 27015 leads to 127.0.0.2, another device: only the program that uses the port there can"
                + " test it.", v.english());
    }

    private int answering() throws IOException {
        ServerSocket s = new ServerSocket(0, 50, HERE);
        closing.add(s);
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try (Socket c = s.accept()) {
                    c.getInputStream().read(new byte[2048]);
                    c.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closed) {
                    // next
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return s.getLocalPort();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, HERE)) {
            return s.getLocalPort();
        }
    }
}
