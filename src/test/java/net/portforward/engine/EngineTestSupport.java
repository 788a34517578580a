package net.portforward.engine;

import net.portforward.testing.EngineFixture;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.progress.Progress;
import net.portforward.testing.FakeRouter;

/**
 * Shared helpers for the engine tests: every engine here talks to a {@link FakeRouter} on
 * 127.0.0.1 in direct mode; nothing searches the network.
 */
public final class EngineTestSupport {
    /** A usable LAN client: MappingRules refuses loopback, so tests use this one. */
    public static final String CLIENT = "192.168.1.23";
    public static final String OTHER_CLIENT = "192.168.1.24";

    static {
        fastLoopbackHttp();
    }

    private EngineTestSupport() {
    }

    /**
     * The JDK's built-in HTTP server (which FakeRouter runs on) writes a response's headers and
     * body in separate segments without TCP_NODELAY, so every answer waits ~40 ms for a delayed
     * ACK (Nagle). The property is read once, when the first server starts in this JVM: call this
     * before any FakeRouter is started.
     */
    public static void fastLoopbackHttp() {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public static PortForwardEngine engine(Path dataDir) {
        return engine(dataDir, Duration.ofSeconds(10)); // generous: the build machine is shared
    }

    /** Direct mode only: no interface, no discovery. */
    public static PortForwardEngine engine(Path dataDir, Duration httpTimeout) {
        return new PortForwardEngine(EngineFixture.options(dataDir, null, httpTimeout));
    }

    /** The gateways of a fake, best first. */
    public static List<Gateway> gateways(PortForwardEngine engine, FakeRouter fake) throws PortForwardException {
        assertLoopback(fake.location());
        return engine.connect(fake.location(), Progress.NONE);
    }

    /** The fake's best gateway, opened; the call log is cleared afterwards so tests see only their own calls. */
    public static Router open(PortForwardEngine engine, FakeRouter fake) throws PortForwardException {
        Router router = engine.open(gateways(engine, fake).get(0));
        fake.clearCalls();
        return router;
    }

    private static java.net.URI control(Gateway g) {
        return g.upnp().orElseThrow().service().controlUrl();
    }

    /** The gateway whose control URL is the given fake WAN's. */
    public static Gateway gatewayFor(List<Gateway> gateways, String controlPath) {
        return gateways.stream()
                .filter(g -> controlPath.equals(control(g).getRawPath()
                        + (control(g).getRawQuery() == null ? "" : "?" + control(g).getRawQuery())))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no gateway for " + controlPath + " in " + gateways));
    }

    public static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // literals only: no DNS
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    public static PortMapping tcp(int externalPort, String client, int internalPort, String description) {
        return new PortMapping(Protocol.TCP, externalPort, client == null ? null : ip(client), internalPort, true,
                description, null, Duration.ZERO);
    }

    public static PortMapping udp(int externalPort, String client, int internalPort, String description) {
        return new PortMapping(Protocol.UDP, externalPort, client == null ? null : ip(client), internalPort, true,
                description, null, Duration.ZERO);
    }

    public static MappingKey tcpKey(int port) {
        return new MappingKey(Protocol.TCP, port);
    }

    public static MappingKey udpKey(int port) {
        return new MappingKey(Protocol.UDP, port);
    }

    public static void assertLoopback(URI uri) {
        assertTrue(uri.getHost().equals("127.0.0.1"), "tests only ever talk to loopback: " + uri);
    }

    /**
     * What a user reads: one line, starting with a capital letter, naming no Java class and
     * carrying no stack trace.
     */
    public static void assertSentence(String message) {
        assertNotNull(message, "a message for people");
        assertFalse(message.isBlank(), "a message for people");
        assertTrue(Character.isUpperCase(message.charAt(0)) || message.charAt(0) == '"',
                "starts like a sentence: " + message);
        assertFalse(message.contains("\n") || message.contains("\r"), "one line: " + message);
        assertFalse(message.contains("Exception"), "no Java class names: " + message);
        assertFalse(message.contains("java."), "no Java class names: " + message);
        assertFalse(message.contains("\tat "), "no stack trace: " + message);
    }

    /** A Progress that records what it was told and can be cancelled from another thread. */
    public static final class RecordingProgress implements Progress {
        public record Report(double fraction, String message, long atNanos) {
        }

        private final List<Report> reports = new ArrayList<>();
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private volatile long cancelledAtNanos;

        @Override
        public synchronized void report(double fraction, net.portforward.engine.error.Fact step) {
            // In English, as a log would read it: the tests check what is said, not how it is worded.
            reports.add(new Report(fraction, step.english(), System.nanoTime()));
        }

        @Override
        public boolean isCancelled() {
            return cancelled.get();
        }

        public void cancel() {
            cancelledAtNanos = System.nanoTime();
            cancelled.set(true);
        }

        public long cancelledAtNanos() {
            return cancelledAtNanos;
        }

        public synchronized List<Report> reports() {
            return List.copyOf(reports);
        }

        public synchronized List<String> messages() {
            return reports.stream().map(Report::message).toList();
        }

        public synchronized List<Double> fractions() {
            return reports.stream().map(Report::fraction).toList();
        }
    }
}
