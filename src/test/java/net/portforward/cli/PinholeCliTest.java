package net.portforward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.portforward.app.CommandLineParts;
import net.portforward.config.SettingsLoader;
import net.portforward.engine.EngineTestSupport;
import net.portforward.engine.discovery.DiscoveryPolicy;
import net.portforward.engine.pinhole.Ipv6Network;
import net.portforward.testing.FakeFirewall;
import net.portforward.testing.FakeRouter;
import net.portforward.testing.JsonText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pinhole add/list/delete}, {@code add --ipv6} and {@code info --json}'s ipv6Firewall, run
 * in-process against the fake router's IPv6 firewall on ::1 (the IPv6 search unicast to its port).
 */
class PinholeCliTest {
    static {
        EngineTestSupport.fastLoopbackHttp();
    }

    @TempDir
    Path home;

    private FakeRouter router;
    private FakeFirewall firewall;
    private Ipv6Network ipv6;

    @BeforeEach
    void start() throws Exception {
        router = FakeRouter.start(FakeRouter.Options.igd2().ipv6Firewall());
        firewall = router.firewall();
        ipv6 = Ipv6Network.loopback(firewall.ssdpAddress(), 9);
    }

    @AfterEach
    void stop() {
        router.close();
    }

    record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }

    private Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--router", router.location().toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                return new Cli(new SettingsLoader("Linux", home, Map.of(), SettingsLoader.shippedDefaults()),
                        DiscoveryPolicy.none().withIpv6(ipv6), CommandLineParts::open, o, e).run(all.toArray(String[]::new));
            }
        });
        Run r = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertFalse(r.out().contains("\tat ") || r.err().contains("\tat "), "no stack trace:\n" + r);
        return r;
    }

    @Test
    void addPrintsTheIdAndTheAddressListShowsItDeleteClosesIt() throws Exception {
        Run add = run("pinhole", "add", "8080", "tcp");
        assertEquals(0, add.code(), add.toString());
        FakeFirewall.Entry e = firewall.pinhole(8080, 6).orElseThrow();
        assertEquals(InetAddress.getByName("::1"), e.client());
        assertEquals(86400, e.leaseSeconds(), "kept: a day, the longest a router gives");
        assertTrue(add.out().contains("pinhole " + e.id() + ", address ::1"), add.out());

        firewall.traffic(e.id(), 3);
        Run list = run("pinhole", "list", "--json");
        assertEquals(0, list.code(), list.toString());
        List<?> rows = JsonText.array(list.out().trim());
        assertEquals(1, rows.size());
        Map<?, ?> row = (Map<?, ?>) rows.get(0);
        assertEquals(List.of("id", "protocol", "port", "address", "leaseSeconds", "working", "packets", "kept",
                "forwardPort"), new ArrayList<>(row.keySet()));
        assertEquals(String.valueOf(e.id()), row.get("id"));
        assertEquals("TCP", row.get("protocol"));
        assertEquals(8080L, ((Number) row.get("port")).longValue());
        assertEquals("::1", row.get("address"));
        assertTrue(((Number) row.get("leaseSeconds")).longValue() > 86000, row.toString());
        assertEquals(true, row.get("working"));
        assertEquals(3L, ((Number) row.get("packets")).longValue());

        Run delete = run("pinhole", "delete", "8080", "TCP");
        assertEquals(0, delete.code(), delete.toString());
        assertTrue(firewall.pinholes().isEmpty());
        assertEquals("[]", run("pinhole", "list", "--json").out().trim());
    }

    @Test
    void aRefusalIsOneSentenceAndExitOne() {
        firewall.inboundAllowed(false);
        Run r = run("pinhole", "add", "8080", "tcp");
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().startsWith("The router's settings do not allow opening pinholes"), r.err());
        assertEquals(1, r.err().lines().count(), r.toString());
    }

    @Test
    void badLeasesAndUnknownPinholesAreUsageErrors() {
        Run lease = run("pinhole", "add", "8080", "tcp", "--lease", "0");
        assertEquals(2, lease.code(), lease.toString());
        assertTrue(lease.err().contains("1 to 86400"), lease.err());
        Run unknown = run("pinhole", "delete", "9999", "udp");
        assertEquals(2, unknown.code(), unknown.toString());
        assertTrue(unknown.err().contains("opened no pinhole for UDP 9999"), unknown.err());
        assertEquals(2, run("pinhole").code());
    }

    @Test
    void infoJsonSaysWhetherTheFirewallTakesPinholes() {
        Map<?, ?> fw = (Map<?, ?>) JsonText.object(run("info", "--json").out().trim()).get("ipv6Firewall");
        assertEquals(true, fw.get("available"));
        assertEquals(true, fw.get("enabled"));
        assertEquals(true, fw.get("inboundPinholeAllowed"));
        assertEquals("::1", fw.get("address"));
        firewall.enabled(false);
        fw = (Map<?, ?>) JsonText.object(run("info", "--json").out().trim()).get("ipv6Firewall");
        assertEquals(false, fw.get("enabled"));
        assertTrue(((String) fw.get("message")).contains("firewall is off"), fw.toString());
    }

    @Test
    void infoWithoutIpv6SaysSoPlainly() {
        ipv6 = Ipv6Network.loopback(firewall.ssdpAddress(), 9).withAddresses(
                name -> net.portforward.engine.pinhole.AddressChoice.choose(List.of(), name));
        Run r = run("info");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("IPv6:")
                && l.contains(" This computer has no public IPv6 address: there is nothing to open.")), r.out());
    }

    @Test
    void deletingAForwardClosesThePinholeOpenedWithIt() throws Exception {
        // What "add 31070 TCP 8080 --ipv6" leaves (run end to end in PinholeLabIT, where this
        // computer has a LAN address): the forward, and a pinhole tied to it.
        Path dataDir = new SettingsLoader("Linux", home, Map.of(), SettingsLoader.shippedDefaults()).load(
                java.util.Optional.empty()).dataDir();
        try (net.portforward.ledger.Ledger ledger = net.portforward.ledger.Ledger.open(dataDir);
                net.portforward.engine.PortForwardEngine engine = new net.portforward.engine.PortForwardEngine(
                        net.portforward.testing.EngineFixture.withIpv6(dataDir, ipv6), ledger)) {
            net.portforward.engine.model.Gateway g = engine.connect(router.location(),
                    net.portforward.engine.progress.Progress.NONE).get(0);
            engine.open(g).add(EngineTestSupport.tcp(31070, EngineTestSupport.CLIENT, 8080, "both"),
                    net.portforward.engine.progress.Progress.NONE);
            engine.pinholes(g, new net.portforward.ledger.PinholeLedger(ledger),
                    net.portforward.engine.progress.Progress.NONE).open(net.portforward.engine.model.Protocol.TCP, 8080,
                    Duration.ofHours(1), net.portforward.engine.model.Retention.KEEP, 31070,
                    net.portforward.engine.progress.Progress.NONE);
        }
        assertTrue(firewall.pinhole(8080, 6).isPresent());
        assertTrue(run("pinhole", "list").out().contains("8080"));

        Run delete = run("delete", "31070", "tcp");
        assertEquals(0, delete.code(), delete.toString());
        assertTrue(router.mapping("TCP", 31070).isEmpty());
        assertTrue(firewall.pinholes().isEmpty(), firewall.toString());
        assertTrue(delete.out().contains("Closed the IPv6 pinhole for TCP 8080 opened with it."), delete.out());
    }

    @Test
    void testOverIpv6OpensATemporaryPinholeTheCheckerConnectsBackToAndClosesIt() throws Exception {
        List<AutoCloseable> closing = new ArrayList<>();
        try {
            int checker = net.portforward.checker.CheckerTestAccess.start(InetAddress.getByName("::1"), closing);
            int port;
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                port = free.getLocalPort();
            }
            Run r = run("test", String.valueOf(port), "--ipv6", "--checker", "http://[::1]:" + checker + "/");
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().startsWith("Over IPv6, to ::1:"), r.out());
            assertTrue(r.out().contains("TCP " + port + " is reachable from the internet ([::1]:" + checker), r.out());
            assertTrue(r.out().contains("Added the forward TCP " + port), r.out());
            assertTrue(router.calls("AddPinhole").size() == 1 && firewall.pinholes().isEmpty(),
                    "a temporary pinhole, opened for the test and closed after: " + firewall);
        } finally {
            for (AutoCloseable c : closing) {
                c.close();
            }
        }
    }

    @Test
    void theCheckerListensOnIpv6Literals() throws Exception {
        assertEquals(new java.net.InetSocketAddress(InetAddress.getByName("2001:db8:25::1"), 8765),
                CheckerCommand.listenAddress("[2001:db8:25::1]:8765"));
        assertEquals(new java.net.InetSocketAddress(InetAddress.getByName("25.77.0.1"), 8765),
                CheckerCommand.listenAddress("25.77.0.1:8765"));
        for (String bad : new String[] {"2001:db8:25::1:8765", "[checker.example]:8765", "[fe80::1%eth0]:8765"}) {
            org.junit.jupiter.api.Assertions.assertThrows(net.portforward.engine.error.InvalidInputException.class,
                    () -> CheckerCommand.listenAddress(bad), bad);
        }
    }

    @Test
    void deletingAForwardWithoutAPinholeSearchesNothingOverIpv6() {
        router.preload(net.portforward.testing.FakeMapping.tcp(31071, EngineTestSupport.CLIENT, 80, "web"));
        assertEquals(0, run("delete", "31071", "tcp").code());
        assertTrue(firewall.searches().isEmpty(), "no pinhole to close: no IPv6 search");
    }

    @Test
    void addWithIpv6ForAnotherComputerIsRefusedBeforeAnythingIsSent() {
        Run r = run("add", "31070", "tcp", "8080", "--ipv6", "--client", "192.168.1.23");
        assertEquals(2, r.code(), r.toString());
        assertEquals(0, router.callCount("AddPortMapping"));
    }
}
