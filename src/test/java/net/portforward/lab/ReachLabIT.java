package net.portforward.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * "Can the internet reach me?" through the real miniupnpd NAT: the checker ({@code checker
 * --listen}) runs in pf-wan, the app's {@code test} in pf-lan; the checker connects back to the
 * router's WAN address 25.77.0.2, which only a forward on the router lets through to 192.168.77.10.
 * The measured test durations are printed (BENCH lines). The carrier-grade-NAT router:
 * {@link ReachCgnatLabIT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReachLabIT extends LabCliTest {
    static final int CHECKER_PORT = 8765;
    static final String PORT = "9542";
    private LabBackground checker;
    private String checkerUrl;

    @Override
    LabVariant variant() {
        return LabVariant.IGD2_PUBLIC;
    }

    @BeforeAll
    void startChecker() {
        checker = startChecker(lab, app);
        checkerUrl = "http://" + variant().wanHostAddress() + ":" + CHECKER_PORT + "/";
    }

    /** The checker in pf-wan on the "internet" host's address, from the same jar. */
    static LabBackground startChecker(LabNetwork lab, AppCli app) {
        String listen = lab.variant().wanHostAddress() + ":" + CHECKER_PORT;
        LabBackground c = LabBackground.start(LabNetwork.WAN_NS, app.javaCommand("checker", "--listen", listen));
        c.awaitTcp(lab, LabNetwork.WAN_NS, lab.variant().wanHostAddress(), CHECKER_PORT, Duration.ofSeconds(20));
        return c;
    }

    @AfterAll
    void stopChecker() {
        if (checker != null) {
            System.out.println("checker log:\n" + checker.output());
            checker.close();
        }
    }

    @AfterEach
    void cleanUp() {
        app.reset();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> test(int expectedExit, String... more) {
        List<String> args = new ArrayList<>(List.of("test", PORT, "--checker", checkerUrl, "--json"));
        args.addAll(List.of(more));
        AppCli.Run r = app.run(args.toArray(String[]::new));
        assertEquals(expectedExit, r.exit(), r::toString);
        assertTrue(r.err().isBlank(), r::toString);
        Map<String, Object> v = (Map<String, Object>) AppCli.parseJson(r.out());
        v.put("wallMs", r.millis());
        return v;
    }

    @Test
    @Order(1)
    void tcpIsReachableThroughATemporaryForwardRemovedAfterwards() {
        List<Long> took = new ArrayList<>();
        List<Long> wall = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> v = test(0);
            assertEquals(true, v.get("reachable"), v::toString);
            assertEquals("REACHABLE", v.get("reason"));
            assertTrue(((String) v.get("message")).startsWith("TCP 9542 is reachable from the internet (25.77.0.1:8765, "),
                    v::toString);
            assertEquals(List.of("Added the forward TCP 9542 \u2192 192.168.77.10:9542 for the test.",
                    "25.77.0.1:8765 said: Fetched the test page and found the token.",
                    "Removed the temporary forward TCP 9542."), v.get("notes"));
            assertEquals(List.of(), lab.listMappings(), "nothing left on the router");
            took.add((Long) v.get("tookMs"));
            wall.add((Long) v.get("wallMs"));
        }
        System.out.println("BENCH reach test TCP (IGD:2, real NAT): test " + median(took) + " ms, whole command "
                + median(wall) + " ms (median of 5; runs " + took + " / " + wall + ")");
    }

    @Test
    @Order(2)
    void udpIsReachableThroughTheResponder() {
        List<Long> took = new ArrayList<>();
        List<Long> wall = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> v = test(0, "--protocol", "udp");
            assertEquals(true, v.get("reachable"), v::toString);
            assertTrue(((List<?>) v.get("notes")).contains("25.77.0.1:8765 said: The token datagram came back."), v::toString);
            took.add((Long) v.get("tookMs"));
            wall.add((Long) v.get("wallMs"));
        }
        assertEquals(List.of(), lab.listMappings());
        System.out.println("BENCH reach test UDP (IGD:2, real NAT): test " + median(took) + " ms, whole command "
                + median(wall) + " ms (median of 3; runs " + took + " / " + wall + ")");
    }

    @Test
    @Order(3)
    void afterDeletingTheForwardItIsNotReachableAndSaysWhy() {
        app.ok("add", PORT, "TCP", PORT, "--description", "my web server");
        Map<String, Object> with = test(0, "--no-mapping");
        assertEquals(true, with.get("reachable"), with::toString);
        assertEquals(1, lab.listMappings().size(), "the user's own forward stays");

        app.ok("delete", PORT, "TCP");
        Map<String, Object> without = test(1, "--no-mapping");
        assertEquals(false, without.get("reachable"), without::toString);
        assertEquals("NO_MAPPING", without.get("reason"));
        assertTrue(((String) without.get("message")).endsWith("the router has no forward for it."), without::toString);
        // The router answers the checker's connection itself (nothing forwards it): refused.
        assertTrue(((List<?>) without.get("notes")).contains(
                "25.77.0.1:8765 said: The connection was refused: nothing listens where the port leads."), without::toString);

        Map<String, Object> udp = test(1, "--no-mapping", "--protocol", "udp");
        assertEquals("NO_MAPPING", udp.get("reason"), udp::toString);

        AppCli.Run text = app.run("test", PORT, "--checker", checkerUrl, "--no-mapping");
        assertEquals(1, text.exit(), text::toString);
        assertTrue(text.out().contains("Why: The router has no forward for this port"), text::toString);
        System.out.println("Not reachable, as a user reads it:\n" + text.out());
    }

    @Test
    @Order(4)
    void keepMappingLeavesTheForwardForTheUser() {
        Map<String, Object> v = test(0, "--keep-mapping");
        assertEquals(true, v.get("reachable"));
        List<UpnpcListing.Row> rows = lab.listMappings();
        assertEquals(1, rows.size(), rows::toString);
        assertEquals(LabNetwork.LAN_HOST_IP, rows.get(0).internalClient());
        assertEquals("PortForward reachability test", rows.get(0).description());
    }

    @Test
    @Order(5)
    void aForwardToAnotherComputerIsNamed() {
        lab.upnpcDirect("-e", "other pc", "-a", CliLabIT.OTHER_LAN_HOST, PORT, PORT, "TCP").orThrow();
        Map<String, Object> v = test(1);
        assertEquals("MAPPING_TO_OTHER_COMPUTER", v.get("reason"), v::toString);
        assertEquals("The router forwards TCP 9542 to 192.168.77.20, not to this computer (192.168.77.10).", v.get("message"));
        assertEquals(1, lab.listMappings().size(), "the other computer's forward is left alone");
    }

    /** The test page as a browser in the LAN shows it: headless Chromium, screenshot saved. */
    @Test
    @Order(6)
    void chromiumRendersTheTestPage() throws Exception {
        String chromium = LabNetwork.which("chromium").orElse(null);
        if (chromium == null && Boolean.getBoolean("lab.required")) {
            throw new AssertionError("chromium missing (and -Dlab.required=true): apt-get install chromium");
        }
        if (chromium == null) {
            org.junit.jupiter.api.Assumptions.abort("chromium missing (Debian: apt-get install chromium)");
        }
        Path shots = Path.of("target/lab-screenshots").toAbsolutePath();
        Files.createDirectories(shots);
        Path png = shots.resolve("reach-test-page.png");
        Files.deleteIfExists(png);
        Path profile = Files.createTempDirectory("pf-chromium-");
        try (LabBackground serve = LabBackground.start(LabNetwork.LAN_NS, app.javaCommand("serve", PORT))) {
            serve.awaitTcp(lab, LabNetwork.LAN_NS, LabNetwork.LAN_HOST_IP, Integer.parseInt(PORT), Duration.ofSeconds(30));
            // --no-sandbox: Chromium's sandbox refuses to run as root, and the lab runs as root.
            LabCommand.Result r = lab.inLan(Duration.ofSeconds(60), chromium, "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-first-run", "--user-data-dir=" + profile, "--window-size=900,560",
                    "--screenshot=" + png, "http://" + LabNetwork.LAN_HOST_IP + ":" + PORT + "/");
            assertTrue(r.ok(), r::toString);
            assertTrue(serve.output().contains("Serving the PortForward test page at http://192.168.77.10:9542/"),
                    serve::output);
        } finally {
            LabCommand.run(Duration.ofSeconds(10), "rm", "-rf", profile.toString());
        }
        assertTrue(Files.size(png) > 5_000, "screenshot " + png + " has " + Files.size(png) + " bytes");
        System.out.println("SCREENSHOT " + png);
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
