package net.portforward.lab;

import static net.portforward.lab.LabNetwork.LAN_HOST_IP;
import static net.portforward.lab.LabNetwork.LAN_NS;
import static net.portforward.lab.LabNetwork.ROUTER_LAN_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.portforward.engine.pcp.MappingNonce;
import net.portforward.engine.portcontrol.EpochCheck;
import net.portforward.engine.portcontrol.EpochTracker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * PortForward's NAT-PMP and PCP clients against the real miniupnpd 2.3.1 with UPnP off
 * ({@code enable_upnp=no}: only NAT-PMP and PCP on UDP 5351), run from inside pf-lan by
 * {@link PortControlLabDriver}, cross-checked with natpmpc, the nftables rules miniupnpd writes
 * and connections from pf-wan. With {@code system_uptime=no} the epoch starts again at every
 * daemon start, so a restart shows in the epochs. The FACT lines record what the daemon answered.
 */
@Tag("lab")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortControlLabIT {
    static final String WAN_ADDRESS = "25.77.0.2";
    static final Pattern NATPMPC_ADDRESS = Pattern.compile("Public IP address : (\\S+)");

    private LabNetwork lab;
    private final EpochTracker epochs = new EpochTracker(java.time.Clock.systemUTC());

    @BeforeAll
    void startLab() {
        LabNetwork.assumeAvailable("natpmpc");
        lab = LabNetwork.builder().variant(LabVariant.IGD2_PUBLIC)
                .option("enable_upnp", "no").option("system_uptime", "no").start();
    }

    @AfterAll
    void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void natPmpExternalAddressIsWhatNatpmpcSays() {
        LabCommand.Result natpmpc = lab.natpmpc().orThrow();
        Matcher m = NATPMPC_ADDRESS.matcher(natpmpc.stdout());
        assertTrue(m.find(), natpmpc::toString);
        assertEquals(WAN_ADDRESS, m.group(1));
        Map<String, String> ours = drive("pmp-address");
        assertEquals("ok", ours.get("kind"), ours::toString);
        assertEquals(m.group(1), ours.get("address"));
        fact("NAT-PMP external address", ours);
        observe(ours);
    }

    @Test
    @Order(2)
    void pcpAnnounceAnswers() {
        Map<String, String> a = drive("pcp-announce");
        assertEquals("ok", a.get("kind"), a::toString);
        fact("PCP ANNOUNCE", a);
        observe(a);
    }

    @Test
    @Order(3)
    void pcpMapIsReachableRenewsWithItsNonceAndDeleteRemovesIt() {
        int port = 31050;
        String n1 = MappingNonce.random().toHex();
        String n2 = MappingNonce.random().toHex();
        try (LabBackground server = serve(port)) {
            assertFalse(reachable(port), "reachable before any mapping");

            Map<String, String> created = drive("pcp-map", n1, "TCP", "" + port, "" + port, "600");
            fact("PCP MAP TCP 31050 lifetime 600", created);
            assertEquals("ok", created.get("kind"), created::toString);
            assertEquals(WAN_ADDRESS, created.get("address"));
            assertEquals(n1, created.get("nonce"));
            observe(created);
            String external = created.get("externalPort");
            assertTrue(rules().contains("dport " + external + " "), this::rules);
            assertTrue(reachable(Integer.parseInt(external)), "not reachable from pf-wan through the mapping");

            Map<String, String> renewed = drive("pcp-map", n1, "TCP", "" + port, external, "1200");
            fact("PCP MAP renewal, same nonce, lifetime 1200", renewed);
            assertEquals("ok", renewed.get("kind"), renewed::toString);
            assertEquals(external, renewed.get("externalPort"));
            observe(renewed);

            // miniupnpd keeps the nonce in the mapping's description and refuses another (DeletePCPMap).
            Map<String, String> foreignDelete = drive("pcp-delete", n2, "TCP", "" + port);
            fact("PCP delete with a nonce never used", foreignDelete);
            assertError(foreignDelete, "NOT_AUTHORIZED", 0);
            assertTrue(reachable(Integer.parseInt(external)), "a delete with another nonce removed the mapping");

            // A MAP of the same internal port with another nonce is no conflict to miniupnpd 2.3.1:
            // it replaces the mapping ("already redirected ... replacing"), and the new nonce owns it.
            Map<String, String> takeover = drive("pcp-map", n2, "TCP", "" + port, "" + port, "600");
            fact("PCP MAP of the same internal port with another nonce", takeover);
            assertEquals("ok", takeover.get("kind"), takeover::toString);
            assertEquals(external, takeover.get("externalPort"));
            Map<String, String> formerOwner = drive("pcp-delete", n1, "TCP", "" + port);
            fact("PCP delete with the first nonce after that", formerOwner);
            assertError(formerOwner, "NOT_AUTHORIZED", 0);

            Map<String, String> deleted = drive("pcp-delete", n2, "TCP", "" + port);
            fact("PCP delete with the nonce that holds the mapping", deleted);
            assertEquals("ok", deleted.get("kind"), deleted::toString);
            assertEquals("0", deleted.get("lifetime"));
            assertFalse(rules().contains("dport " + external + " "), this::rules);
            assertFalse(reachable(Integer.parseInt(external)), "still reachable after the delete");

            // Deleting what is gone is no success in miniupnpd 2.3.1 but a short-lived NO_RESOURCES.
            Map<String, String> again = drive("pcp-delete", n2, "TCP", "" + port);
            fact("PCP delete of a mapping that is gone", again);
            assertError(again, "NO_RESOURCES", 30);
        }
    }

    @Test
    @Order(4)
    void natPmpMapIsReachableAndUnmapRemovesIt() {
        int port = 31051;
        try (LabBackground server = serve(port)) {
            assertFalse(reachable(port));
            Map<String, String> mapped = drive("pmp-map", "TCP", "" + port, "" + port, "600");
            fact("NAT-PMP map TCP 31051 lifetime 600", mapped);
            assertEquals("ok", mapped.get("kind"), mapped::toString);
            observe(mapped);
            String external = mapped.get("externalPort");
            assertTrue(rules().contains("dport " + external + " "), this::rules);
            assertTrue(reachable(Integer.parseInt(external)));

            Map<String, String> removed = drive("pmp-unmap", "TCP", "" + port);
            fact("NAT-PMP unmap", removed);
            assertEquals("ok", removed.get("kind"), removed::toString);
            assertEquals("0", removed.get("lifetime"));
            assertFalse(rules().contains("dport " + external + " "), this::rules);
            assertFalse(reachable(Integer.parseInt(external)));
        }
    }

    @Test
    @Order(5)
    void pcpExternalAddressAloneBySection116() {
        Map<String, String> a = drive("pcp-external");
        fact("PCP external address alone (section 11.6)", a);
        assertEquals("ok", a.get("kind"), a::toString);
        assertEquals(WAN_ADDRESS, a.get("address"));
        int probePort = Integer.parseInt(a.get("probePort"));
        assertTrue(probePort >= 49152, a::toString);
        assertFalse(rules().contains("dport " + probePort + " "), "the probe mapping was not deleted: " + rules());
        observe(a);

        // Without a suggested port the discard port is asked for outside too, and miniupnpd tries
        // each port from 9 up against the lab's "allow 1024-65535" until 1024: seconds, not ms.
        String nonce = MappingNonce.random().toHex();
        Map<String, String> slow = drive(List.of("-DdeadlineSeconds=15"), "pcp-map", nonce, "UDP", "9", "0", "120");
        fact("PCP MAP of UDP 9 without a suggested port", slow);
        assertEquals("ok", slow.get("kind"), slow::toString);
        assertEquals("1024", slow.get("externalPort"));
        assertEquals("ok", drive("pcp-delete", nonce, "UDP", "9").get("kind"));
    }

    @Test
    @Order(6)
    void aRestartIsAnnouncedOnTheGroupAndTheEpochSaysSo() throws Exception {
        List<String> cmd = new ArrayList<>(lab.lanCommandPrefix());
        cmd.addAll(driverCommand("listen", "40"));
        try (AppProcess listener = AppProcess.start(cmd)) {
            AppProcess.Line first = listener.nextLine(Duration.ofSeconds(20));
            assertNotNull(first, listener::stderr);
            assertEquals("listening", first.text(), listener::stderr);
            lab.restartRouter();
            List<String> heard = new ArrayList<>();
            long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (heard.stream().noneMatch(l -> l.contains("PCP_ANNOUNCE")) && System.nanoTime() < end) {
                AppProcess.Line l = listener.nextLine(Duration.ofSeconds(1));
                if (l != null) {
                    heard.add(l.text());
                }
            }
            System.out.println("FACT heard on 224.0.0.1:5350 after a restart: " + heard);
            String announce = heard.stream().filter(l -> l.contains("PCP_ANNOUNCE")).findFirst().orElse(null);
            assertNotNull(announce, () -> "no ANNOUNCE heard: " + heard + "\n" + listener.stderr());
            EpochCheck check = epochs.observe(Long.parseLong(parse(announce).get("epoch")), Instant.now());
            System.out.println("FACT epoch check after the restart: " + check);
            assertTrue(check.gatewayLostState(), check::toString);
        }
        Map<String, String> after = drive("pcp-announce");
        fact("PCP ANNOUNCE after the restart", after);
        assertEquals("ok", after.get("kind"));
    }

    /**
     * The router behind carrier-grade NAT (WAN 100.64.77.2; UPnP on, as the harness waits for
     * HTTP, and NAT-PMP/PCP on as always): NAT-PMP says NETWORK_FAILURE (natpmp.c: the external
     * address is reserved), PCP answers ANNOUNCE but refuses every MAP with NO_RESOURCES, which
     * alone cannot be told from a full table.
     */
    @Test
    @Order(7)
    void behindCarrierGradeNat() {
        lab.close();
        lab = LabNetwork.start(LabVariant.CGNAT);
        Map<String, String> address = drive("pmp-address");
        fact("CGNAT NAT-PMP external address", address);
        assertEquals("pmpError", address.get("kind"), address::toString);
        assertEquals("NETWORK_FAILURE", address.get("name"));
        Map<String, String> pmpMap = drive("pmp-map", "TCP", "31052", "31052", "600");
        fact("CGNAT NAT-PMP map", pmpMap);
        assertEquals("NETWORK_FAILURE", pmpMap.get("name"), pmpMap::toString);
        Map<String, String> announce = drive("pcp-announce");
        fact("CGNAT PCP ANNOUNCE", announce);
        assertEquals("ok", announce.get("kind"), announce::toString);
        Map<String, String> pcpMap = drive("pcp-map", MappingNonce.random().toHex(), "TCP", "31053", "31053", "600");
        fact("CGNAT PCP MAP", pcpMap);
        assertError(pcpMap, "NO_RESOURCES", 30);
        Map<String, String> external = drive("pcp-external");
        fact("CGNAT PCP external address alone", external);
        assertError(external, "NO_RESOURCES", 30);
        assertFalse(rules().contains("dport"), this::rules);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private Map<String, String> drive(String... args) {
        return drive(List.of(), args);
    }

    private Map<String, String> drive(List<String> jvmOptions, String... args) {
        List<String> cmd = driverCommand(args);
        cmd.addAll(1, jvmOptions);
        LabCommand.Result r = lab.inLan(Duration.ofSeconds(30), cmd.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r::toString);
        String line = r.stdout().lines().findFirst().orElse("");
        Map<String, String> out = parse(line);
        out.put("dropped", r.stdout().lines().filter(l -> l.startsWith("dropped")).findFirst().orElse(""));
        return out;
    }

    private static List<String> driverCommand(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", Path.of("target/classes").toAbsolutePath() + ":" + Path.of("target/test-classes").toAbsolutePath(),
                PortControlLabDriver.class.getName(), ROUTER_LAN_IP, LAN_HOST_IP));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** "kind key=value ..." as a map with the kind under "kind". */
    static Map<String, String> parse(String line) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] words = line.trim().split(" ");
        out.put("kind", words[0]);
        for (int i = 1; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq > 0) {
                out.put(words[i].substring(0, eq), words[i].substring(eq + 1));
            }
        }
        return out;
    }

    private LabBackground serve(int port) {
        LabBackground b = LabBackground.start(LAN_NS, driverCommand("serve-tcp", "" + port));
        b.awaitTcp(lab, LAN_NS, LAN_HOST_IP, port, Duration.ofSeconds(20));
        return b;
    }

    /** A TCP connection from the "internet" to the router's WAN address. */
    private boolean reachable(int port) {
        return lab.inWan(Duration.ofSeconds(5), "bash", "-c", "exec 3<>/dev/tcp/" + WAN_ADDRESS + "/" + port).ok();
    }

    /** The DNAT rules miniupnpd wrote. */
    private String rules() {
        return lab.inGw(LabNetwork.which("nft").orElseThrow(), "list", "chain", "inet", "filter", "prerouting_miniupnpd")
                .orThrow().stdout();
    }

    private static void assertError(Map<String, String> answer, String name, int errorLifetime) {
        assertEquals("pcpError", answer.get("kind"), answer::toString);
        assertEquals(name, answer.get("name"), answer::toString);
        assertEquals("" + errorLifetime, answer.get("errorLifetime"), answer::toString);
    }

    private void observe(Map<String, String> answer) {
        if (answer.containsKey("epoch")) {
            EpochCheck c = epochs.observe(Long.parseLong(answer.get("epoch")), Instant.now());
            System.out.println("FACT epoch check: " + c);
            assertFalse(c.gatewayLostState(), c::toString);
        }
    }

    private static void fact(String what, Map<String, String> answer) {
        System.out.println("FACT " + what + ": " + answer);
    }
}
