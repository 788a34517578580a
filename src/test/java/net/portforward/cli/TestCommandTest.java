package net.portforward.cli;

import net.portforward.TestPorts;
import net.portforward.testing.JsonText;
import net.portforward.app.CommandLineParts;
import net.portforward.engine.discovery.DiscoveryPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.portforward.checker.CheckerTestAccess;
import net.portforward.config.SettingsLoader;
import net.portforward.engine.EngineTestSupport;
import net.portforward.testing.FakeMapping;
import net.portforward.testing.FakeRouter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code test} and {@code checker} in-process: the router a FakeRouter on 127.0.0.1 (so this
 * computer's address is 127.0.0.1) and a real checker on 127.0.0.1.
 */
class TestCommandTest {
    static {
        EngineTestSupport.fastLoopbackHttp();
    }

    @TempDir
    Path home;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private String checkerUrl;

    @BeforeEach
    void startChecker() throws Exception {
        checkerUrl = "http://127.0.0.1:" + CheckerTestAccess.start(InetAddress.getByName("127.0.0.1"), closing) + "/";
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private FakeRouter fake(FakeMapping... mappings) {
        FakeRouter f = FakeRouter.start(FakeRouter.Options.igd2().mappings(mappings));
        closing.add(f);
        return f;
    }

    record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                return new Cli(new SettingsLoader("Linux", home, Map.of(), SettingsLoader.shippedDefaults()), DiscoveryPolicy.none(), CommandLineParts::open, o, e).run(args);
            }
        });
        Run r = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertFalse(r.out().contains("\tat ") || r.err().contains("\tat "), r::toString);
        return r;
    }

    private static int freePort() throws Exception {
        return TestPorts.unused();
    }

    @Test
    void reachableTcpExitsZeroAndSaysThroughWhichChecker() throws Exception {
        int port = freePort();
        FakeRouter f = fake(FakeMapping.tcp(port, "127.0.0.1", port, "game"));

        Run r = run("test", String.valueOf(port), "--checker", checkerUrl, "--router", f.location().toString());

        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("TCP " + port + " is reachable from the internet (127.0.0.1:"), r.out());
        assertTrue(r.out().contains("The test took "), r.out());
        assertEquals("", r.err());
    }

    @Test
    void udpJsonHasTheDocumentedKeys() throws Exception {
        int port = freePort();
        FakeRouter f = fake(FakeMapping.udp(port, "127.0.0.1", port, "voice"));

        Run r = run("test", String.valueOf(port), "--protocol", "udp", "--json", "--checker", checkerUrl,
                "--router", f.location().toString());

        assertEquals(0, r.code(), r::toString);
        Map<String, Object> o = JsonText.object(r.out().trim());
        assertEquals(List.of("reachable", "reason", "message", "explanation", "proxy", "roundTripMs", "tookMs",
                "browserUrl", "notes", "repairable"), List.copyOf(o.keySet()));
        assertEquals(true, o.get("reachable"));
        assertEquals("REACHABLE", o.get("reason"));
        assertEquals("portforward " + checkerUrl, o.get("proxy"));
    }

    @Test
    void aForwardToAnotherComputerExitsOneWithTheReason() throws Exception {
        int port = freePort();
        FakeRouter f = fake(FakeMapping.tcp(port, EngineTestSupport.OTHER_CLIENT, port, "someone else"));

        Run r = run("test", String.valueOf(port), "--checker", checkerUrl, "--router", f.location().toString());

        assertEquals(1, r.code(), r::toString);
        assertTrue(r.out().startsWith("The router forwards TCP " + port + " to " + EngineTestSupport.OTHER_CLIENT
                + ", not to this computer (127.0.0.1)."), r.out());
        assertTrue(r.out().contains("Why: The port leads to another device"), r.out());
    }

    /**
     * A checker like Transmission's portcheck that answers 1 only while the router really
     * forwards the port: loopback has no NAT, so the fake router's word stands for it.
     */
    private String portcheckFollowing(FakeRouter f) throws Exception {
        java.net.ServerSocket s = new java.net.ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
        closing.add(s);
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try (java.net.Socket c = s.accept()) {
                    byte[] head = new byte[4096];
                    int n = c.getInputStream().read(head);
                    String line = new String(head, 0, Math.max(0, n), StandardCharsets.ISO_8859_1);
                    int port = Integer.parseInt(line.substring(line.indexOf("/p/") + 3, line.indexOf(" HTTP")));
                    String body = f.table().forwards("TCP", port) ? "1" : "0";
                    c.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nConnection: close\r\n\r\n"
                            + body).getBytes(StandardCharsets.ISO_8859_1));
                } catch (Exception closed) {
                    // next
                }
            }
        });
        t.setDaemon(true);
        t.start();
        Path ini = home.resolve("portcheck.ini");
        java.nio.file.Files.writeString(ini, "[proxies]\nchecker.1 = portcheck http://127.0.0.1:" + s.getLocalPort()
                + "/p/{port}\n");
        return ini.toString();
    }

    @Test
    void aForwardThatStoppedWorkingIsOfferedRepair() throws Exception {
        int port = freePort();
        FakeRouter f = fake(FakeMapping.tcp(port, "127.0.0.1", port, "game"));
        f.table().markStale("TCP", port);
        String config = portcheckFollowing(f);

        Run r = run("test", String.valueOf(port), "--config", config, "--router", f.location().toString());
        Run json = run("test", String.valueOf(port), "--json", "--config", config, "--router", f.location().toString());

        assertEquals(1, r.code(), r::toString);
        assertTrue(r.out().contains("repairing it (deleting it and adding it again) may help"), r.out());
        assertTrue(r.out().contains("To delete the forward, add it again and test again: test " + port + " --repair"),
                r.out());
        assertEquals(true, JsonText.object(json.out().trim()).get("repairable"));
        assertEquals(0, f.callCount("DeletePortMapping"), "nothing is repaired unasked");
    }

    @Test
    void repairIsTriedAndNothingIsLostWhenTheForwardCannotBePutBack() throws Exception {
        int port = freePort();
        // This computer is 127.0.0.1 here, an address no forward may lead to: the repair must refuse
        // before deleting, as PortForward could not add it again.
        FakeRouter f = fake(FakeMapping.tcp(port, "127.0.0.1", port, "game"));
        f.table().markStale("TCP", port);

        Run r = run("test", String.valueOf(port), "--repair", "--config", portcheckFollowing(f), "--router",
                f.location().toString());

        assertEquals(1, r.code(), r::toString);
        assertTrue(r.out().contains("The forward TCP " + port + " could not be repaired: The router lists TCP " + port
                + " with values PortForward could not put back"), r.out());
        assertEquals(0, f.callCount("DeletePortMapping"));
        assertTrue(f.mapping("TCP", port).isPresent());
    }

    @Test
    void wrongUsageIsExitTwo() {
        assertEquals(2, run("test").code());
        assertEquals(2, run("test", "70000").code());
        assertEquals(2, run("test", "9542", "--protocol", "icmp").code());
        assertEquals(2, run("test", "9542", "--checker", "ftp://x/").code());
        Run bad = run("checker", "--listen", "example.org:80");
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("--listen \"example.org:80\" must be an IP address and a port"), bad.err());
        assertEquals(2, run("checker").code());
        assertTrue(run("--help").out().contains("test PORT [--protocol tcp|udp]"));
    }
}
