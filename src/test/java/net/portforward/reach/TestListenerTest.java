package net.portforward.reach;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import net.portforward.engine.model.Protocol;
import org.junit.jupiter.api.Test;

/** The listener one reachability test starts, shared by the command line and the window; on 127.0.0.1 only. */
class TestListenerTest {
    private static final InetAddress HERE = InetAddress.getLoopbackAddress();

    @Test
    void tcpGetsTheTestPageForTheTestOnly() {
        LocalService service;
        try (TestListener listener = TestListener.start(Protocol.TCP, HERE, 0, null)) {
            service = listener.service();
            assertInstanceOf(TestPageServer.class, service);
            assertTrue(service.running());
            assertTrue(listener.problem().isEmpty());
        }
        assertFalse(service.running(), "stopped after the test");
    }

    @Test
    void udpGetsTheResponderForTheTestOnly() {
        LocalService service;
        try (TestListener listener = TestListener.start(Protocol.UDP, HERE, 0, null)) {
            service = listener.service();
            assertInstanceOf(UdpResponder.class, service);
            assertTrue(service.running());
        }
        assertFalse(service.running(), "stopped after the test");
    }

    @Test
    void theRunningWebServerIsLentAndKeepsRunning() throws Exception {
        try (TestPageServer running = TestPageServer.start(HERE, 0)) {
            try (TestListener listener = TestListener.start(Protocol.TCP, HERE, running.port(), running)) {
                assertSame(running, listener.service());
            }
            assertTrue(running.running(), "the user's web server is still on");
        }
    }

    @Test
    void aPortAnotherProgramHoldsIsTestedAsItIsAndSaidSo() throws Exception {
        try (ServerSocket theirs = new ServerSocket()) {
            theirs.bind(new InetSocketAddress(HERE, 0));
            try (TestListener listener = TestListener.start(Protocol.TCP, HERE, theirs.getLocalPort(), null)) {
                assertNull(listener.service());
                assertTrue(listener.problem().orElseThrow().getMessage().contains("another program uses it"),
                        listener.problem().orElseThrow().getMessage());
            }
        }
    }
}
