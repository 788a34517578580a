package net.portforward.reach;

import java.net.InetAddress;
import java.util.Optional;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.Protocol;

/**
 * What answers a checker on this computer during one reachability test, for the command line and
 * the window alike: the test page (TCP) or the UDP responder on the tested port, started for the
 * test and stopped after it; or the web server already running on that port, lent and left
 * running; or nothing of PortForward's when another program holds the port, so that whatever
 * answers there is tested.
 */
public final class TestListener implements AutoCloseable {
    private final LocalService service;
    private final AutoCloseable ownedByTheTest;
    private final PortForwardException problem;

    private TestListener(LocalService service, AutoCloseable ownedByTheTest, PortForwardException problem) {
        this.service = service;
        this.ownedByTheTest = ownedByTheTest;
        this.problem = problem;
    }

    /**
     * Starts the listener for a test of {@code protocol} on {@code address:port}.
     *
     * @param running the web server the user runs, or null; used when it serves that very port over TCP
     */
    public static TestListener start(Protocol protocol, InetAddress address, int port, TestPageServer running) {
        if (running != null && protocol == Protocol.TCP && running.port() == port) {
            return new TestListener(running, null, null);
        }
        try {
            if (protocol == Protocol.TCP) {
                TestPageServer s = TestPageServer.start(address, port);
                return new TestListener(s, s, null);
            }
            UdpResponder r = UdpResponder.start(address, port);
            return new TestListener(r, r, null);
        } catch (PortForwardException busy) {
            // The user's own program may hold the port: test whatever answers there.
            return new TestListener(null, null, busy);
        }
    }

    /** No listener at all (no router, so no address in its network to listen on). */
    public static TestListener none() {
        return new TestListener(null, null, null);
    }

    /** What shows the test's token to the checker, or null when none of PortForward's listens. */
    public LocalService service() {
        return service;
    }

    /** Why none could be started (another program holds the port), for the front ends to word. */
    public Optional<PortForwardException> problem() {
        return Optional.ofNullable(problem);
    }

    /** Stops what was started for the test; a lent web server keeps running. */
    @Override
    public void close() {
        if (ownedByTheTest != null) {
            try {
                ownedByTheTest.close();
            } catch (Exception ignored) {
                // closing a server socket does not fail in a way worth reporting
            }
        }
    }
}
