package net.portforward.cli;

import net.portforward.TestPorts;
import net.portforward.testing.JsonText;
import net.portforward.app.CommandLineParts;
import net.portforward.engine.discovery.DefaultRoute;
import net.portforward.engine.discovery.DiscoveryPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.portforward.config.SettingsLoader;
import net.portforward.engine.EngineTestSupport;
import net.portforward.testing.FakeMapping;
import net.portforward.testing.FakePcpServer;
import net.portforward.testing.FakeRouter;
import net.portforward.testing.FakeSsdp;
import net.portforward.testing.FaultRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line run in-process: settings from a temporary home folder, every router a
 * FakeRouter on 127.0.0.1 given with --router (direct mode: no discovery).
 */
class CliTest {
    static {
        EngineTestSupport.fastLoopbackHttp();
    }

    private static final String CLIENT = EngineTestSupport.CLIENT;
    private static final List<String> MAPPING_KEYS = List.of("protocol", "externalPort", "internalClient",
            "internalPort", "enabled", "description", "remoteHost", "leaseSeconds");
    private static final List<String> GATEWAY_KEYS = List.of("protocol", "address", "defaultGateway", "location", "friendlyName", "serviceType", "externalIp",
            "connectionStatus", "doubleNat", "alsoSpeaks");

    @TempDir
    Path home;

    private final List<FakeRouter> fakes = new ArrayList<>();

    @AfterEach
    void stop() {
        fakes.forEach(FakeRouter::close);
    }

    private FakeRouter fake(FakeRouter.Options options) {
        FakeRouter f = FakeRouter.start(options);
        fakes.add(f);
        return f;
    }

    /** What one run printed. */
    record Run(int code, String out, String err) {
        List<String> errLines() {
            return err.isEmpty() ? List.of() : Arrays.asList(err.split("\n", -1)).subList(0, err.split("\n", -1).length - 1);
        }

        List<String> outLines() {
            return Arrays.stream(out.split("\n")).filter(l -> !l.isEmpty()).toList();
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }

    private SettingsLoader loader() {
        return new SettingsLoader("Linux", home, Map.of(), SettingsLoader.shippedDefaults());
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                return new Cli(loader(), DiscoveryPolicy.none(), CommandLineParts::open, o, e).run(args);
            }
        });
        Run r = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertFalse(r.out().contains("\tat ") || r.err().contains("\tat "), "no stack trace:\n" + r);
        return r;
    }

    /** A run whose discovery asks 127.0.0.1 as the default gateway: its SSDP and PCP/NAT-PMP at the fakes' ports. */
    private Run runDiscovering(FakeSsdp ssdp, FakePcpServer pcp, String... args) throws Exception {
        DiscoveryPolicy policy = DiscoveryPolicy.unicastOnly(new DefaultRoute("lo", InetAddress.getByName("127.0.0.1")),
                ssdp.port(), pcp.address().getPort());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = new Cli(loader(), policy, CommandLineParts::open, o, e).run(args);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run runOn(FakeRouter f, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--router");
        all.add(f.location().toString());
        return run(all.toArray(String[]::new));
    }

    private static void assertOk(Run r) {
        assertEquals(0, r.code(), r.toString());
        assertEquals("", r.err(), r.toString());
    }

    /** Failed with this exit code and exactly one line on stderr, a sentence. */
    private static String assertFailed(int code, Run r) {
        assertEquals(code, r.code(), r.toString());
        assertEquals(1, r.errLines().size(), "exactly one line on stderr:\n" + r);
        String line = r.errLines().get(0);
        assertFalse(line.isBlank(), r.toString());
        assertFalse(line.contains("Exception"), "no class names: " + line);
        return line;
    }

    // ---- list ----

    @Test
    void listJsonHasExactlyTheDocumentedKeys() {
        FakeRouter f = fake(FakeRouter.Options.igd2().mappings(
                FakeMapping.tcp(8080, CLIENT, 80, "web"),
                FakeMapping.udp(3478, CLIENT, 3479, "stun").withLeaseSeconds(3600).withEnabled(false)));

        Run r = runOn(f, "list", "--json");

        assertOk(r);
        List<Map<String, Object>> rows = JsonText.array(r.out().trim());
        assertEquals(2, rows.size());
        for (Map<String, Object> row : rows) {
            assertEquals(MAPPING_KEYS, List.copyOf(row.keySet()), "keys, in order");
        }
        Map<String, Object> tcp = rows.get(0);
        assertEquals("TCP", tcp.get("protocol"));
        assertEquals(BigDecimal.valueOf(8080), tcp.get("externalPort"));
        assertEquals(CLIENT, tcp.get("internalClient"));
        assertEquals(BigDecimal.valueOf(80), tcp.get("internalPort"));
        assertEquals(true, tcp.get("enabled"));
        assertEquals("web", tcp.get("description"));
        assertEquals("", tcp.get("remoteHost"));
        assertEquals(BigDecimal.valueOf(0), tcp.get("leaseSeconds"));
        Map<String, Object> udp = rows.get(1);
        assertEquals("UDP", udp.get("protocol"));
        assertEquals(BigDecimal.valueOf(3479), udp.get("internalPort"));
        assertEquals(false, udp.get("enabled"));
        assertEquals(BigDecimal.valueOf(3600), udp.get("leaseSeconds"));
    }

    @Test
    void listJsonOfAnEmptyTableIsAnEmptyArray() {
        FakeRouter f = fake(FakeRouter.Options.igd1());

        Run r = runOn(f, "list", "--json");

        assertOk(r);
        assertEquals(List.of(), JsonText.array(r.out().trim()));
    }

    @Test
    void listJsonEscapesWhatRoutersSend() {
        FakeRouter f = fake(FakeRouter.Options.igd1().mappings(
                FakeMapping.tcp(8080, CLIENT, 80, "say \"hi\" \\ back\u2028slash"),
                FakeMapping.tcp(8081, "nas.local", 81, "host name")));

        Run r = runOn(f, "list", "--json");

        assertEquals(0, r.code(), r.toString());
        List<Map<String, Object>> rows = JsonText.array(r.out().trim());
        assertEquals("say \"hi\" \\ back slash", rows.get(0).get("description"), "line separator folded to a space");
        assertEquals(null, rows.get(1).get("internalClient"), "not an IPv4 address: null, never resolved");
        assertTrue(rows.get(1).containsKey("warnings"));
        assertEquals(List.of(), r.errLines(), "the odd entry's warning is in the JSON, not on standard error");
    }

    @Test
    void listCsvHasAHeaderRowsAndDefusedFormulas() {
        FakeRouter f = fake(FakeRouter.Options.igd1().mappings(
                FakeMapping.tcp(8080, CLIENT, 80, "web"),
                FakeMapping.tcp(8081, CLIENT, 81, "=HYPERLINK(\"http://evil\",\"x\")"),
                FakeMapping.tcp(8082, CLIENT, 82, "+1+1"),
                FakeMapping.tcp(8083, CLIENT, 83, "-2"),
                FakeMapping.tcp(8084, CLIENT, 84, "@SUM(A1)"),
                FakeMapping.udp(8085, CLIENT, 85, "a, b").withLeaseSeconds(60)));

        Run r = runOn(f, "list", "--csv");

        assertOk(r);
        List<String> lines = r.outLines();
        assertEquals("protocol,externalPort,internalClient,internalPort,enabled,description,remoteHost,leaseSeconds",
                lines.get(0));
        assertEquals(7, lines.size(), r.toString());
        assertEquals("TCP,8080,192.168.1.23,80,true,\"web\",,0", lines.get(1));
        assertEquals("TCP,8081,192.168.1.23,81,true,\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",,0", lines.get(2));
        assertEquals("TCP,8082,192.168.1.23,82,true,\"'+1+1\",,0", lines.get(3));
        assertEquals("TCP,8083,192.168.1.23,83,true,\"'-2\",,0", lines.get(4));
        assertEquals("TCP,8084,192.168.1.23,84,true,\"'@SUM(A1)\",,0", lines.get(5));
        assertEquals("UDP,8085,192.168.1.23,85,true,\"a, b\",,60", lines.get(6));
    }

    @Test
    void listTextShowsAHeaderAndOneLinePerMapping() {
        FakeRouter f = fake(FakeRouter.Options.igd1().mappings(FakeMapping.tcp(8080, CLIENT, 80, "web")));
        FakeRouter empty = fake(FakeRouter.Options.igd1());

        Run r = runOn(f, "list");
        Run none = runOn(empty, "list");

        assertOk(r);
        assertEquals(2, r.outLines().size(), r.toString());
        assertTrue(r.outLines().get(0).contains("External") && r.outLines().get(0).contains("Description"));
        String row = r.outLines().get(1);
        assertTrue(row.startsWith("TCP") && row.contains("8080") && row.contains(CLIENT) && row.contains("permanent")
                && row.endsWith("web"), row);
        assertOk(none);
        assertTrue(none.out().contains("(no mappings)"), none.toString());
    }

    @Test
    void listingWarningsGoToStderrAndTheListStillPrints() {
        FakeRouter f = fake(FakeRouter.Options.igd1().listStartsAtOne(true)
                .mappings(FakeMapping.tcp(8080, CLIENT, 80, "web")));

        Run r = runOn(f, "list", "--json");

        assertEquals(0, r.code(), r.toString());
        assertEquals(1, JsonText.array(r.out().trim()).size());
        assertEquals(1, r.errLines().size(), r.toString());
        assertTrue(r.errLines().get(0).startsWith("warning: ") && r.errLines().get(0).contains("from 1"), r.toString());
    }

    // ---- info and discover ----

    @Test
    void infoJsonHasTheRouterAndItsConnection() {
        FakeRouter f = fake(FakeRouter.Options.igd2().externalIp("25.77.0.2").uptimeSeconds(3600));

        Run r = runOn(f, "info", "--json");

        assertOk(r);
        Map<String, Object> info = JsonText.object(r.out().trim());
        for (String key : List.of("friendlyName", "manufacturer", "modelName", "deviceType", "serviceType", "externalIp",
                "connectionStatus", "uptimeSeconds", "doubleNat")) {
            assertTrue(info.containsKey(key), "has " + key + ": " + info.keySet());
        }
        assertEquals("FakeRouter IGD:2 (miniupnpd-like)", info.get("friendlyName"));
        assertEquals("PortForward tests", info.get("manufacturer"));
        assertEquals("FakeRouter", info.get("modelName"));
        assertEquals("urn:schemas-upnp-org:device:InternetGatewayDevice:2", info.get("deviceType"));
        assertEquals("urn:schemas-upnp-org:service:WANIPConnection:2", info.get("serviceType"));
        assertEquals("25.77.0.2", info.get("externalIp"));
        assertEquals("Connected", info.get("connectionStatus"));
        assertEquals(BigDecimal.valueOf(3600), info.get("uptimeSeconds"));
        assertEquals(false, info.get("doubleNat"));
    }

    @Test
    void infoOnADoubleNatRouterSaysSo() {
        FakeRouter f = fake(FakeRouter.Options.igd2().externalIp("100.64.1.2"));

        Run json = runOn(f, "info", "--json");
        Run text = runOn(f, "info");

        assertOk(json);
        Map<String, Object> info = JsonText.object(json.out().trim());
        assertEquals(true, info.get("doubleNat"));
        assertEquals("100.64.1.2", info.get("externalIp"));
        assertOk(text);
        assertTrue(text.out().contains("double NAT"), text.toString());
        assertTrue(text.out().contains("100.64.1.2"), text.toString());
        assertTrue(text.out().matches("(?s).*Double NAT:\\s+yes.*"), text.toString());
    }

    @Test
    void infoStartsWithASummaryAndAllAddsEveryField() {
        FakeRouter f = fake(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, CLIENT, 80, "web")));

        Run text = runOn(f, "info");
        Run all = runOn(f, "info", "--all");

        assertOk(text);
        List<String> lines = text.out().lines().toList();
        assertTrue(lines.get(0).startsWith("Router:") && lines.get(0).contains("FakeRouter IGD:2"), text.toString());
        assertTrue(text.out().contains("Internet address:  25.77.0.2 (public)"), text.toString());
        assertTrue(text.out().contains("Port forwards:     1 (0 to this computer)"), text.toString());
        assertFalse(text.out().contains("friendlyName"), "no raw key dump without --all: " + text);
        assertOk(all);
        assertTrue(all.out().startsWith(text.out().lines().findFirst().orElseThrow()), all.toString());
        assertTrue(all.out().contains("friendlyName") && all.out().contains("udn"), all.toString());
    }

    @Test
    void discoverJsonInDirectModeListsTheGateway() {
        FakeRouter f = fake(FakeRouter.Options.igd1().externalIp(""));

        Run r = runOn(f, "discover", "--json");

        assertOk(r);
        List<Map<String, Object>> gateways = JsonText.array(r.out().trim());
        assertEquals(1, gateways.size());
        Map<String, Object> g = gateways.get(0);
        assertEquals(GATEWAY_KEYS, List.copyOf(g.keySet()));
        assertEquals("upnp", g.get("protocol"));
        assertEquals("127.0.0.1", g.get("address"));
        assertEquals(false, g.get("defaultGateway"), "no default route in the tests: the router was named by URL");
        assertEquals(f.location().toString(), g.get("location"));
        assertEquals("FakeRouter IGD:1 (miniupnpd-like)", g.get("friendlyName"));
        assertEquals("urn:schemas-upnp-org:service:WANIPConnection:1", g.get("serviceType"));
        assertEquals("", g.get("externalIp"));
        assertEquals("Connected", g.get("connectionStatus"));
        assertEquals(true, g.get("doubleNat"));
    }

    @Test
    void discoverNamesARouterThatSpeaksUpnpPcpAndNatPmpOnce() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd2());
        try (FakeSsdp ssdp = FakeSsdp.start().answer("urn:schemas-upnp-org:device:InternetGatewayDevice:2", f.location());
                FakePcpServer pcp = FakePcpServer.start()) {
            Run json = runDiscovering(ssdp, pcp, "discover", "--json");
            Run text = runDiscovering(ssdp, pcp, "discover");

            assertOk(json);
            List<Map<String, Object>> gateways = JsonText.array(json.out().trim());
            assertEquals(1, gateways.size(), json.toString());
            assertEquals("upnp", gateways.get(0).get("protocol"), "UPnP lists the whole table: the one used");
            assertEquals(List.of("pcp", "natpmp"), gateways.get(0).get("alsoSpeaks"));
            assertOk(text);
            assertTrue(text.out().contains("Also answers PCP and NAT-PMP."), text.toString());
            assertFalse(text.out().contains("2. "), text.toString());
        }
    }

    @Test
    void discoverListsEveryWanServiceBestFirst() {
        FakeRouter f = fake(FakeRouter.Options.mikrotikTwoWan());
        f.wan(0).setConnectionStatus("Disconnected");
        f.wan(1).setExternalIp("25.77.0.9");

        Run json = runOn(f, "discover", "--json");
        Run text = runOn(f, "discover");

        assertOk(json);
        List<Map<String, Object>> gateways = JsonText.array(json.out().trim());
        assertEquals(2, gateways.size());
        assertEquals("Connected", gateways.get(0).get("connectionStatus"));
        assertEquals("25.77.0.9", gateways.get(0).get("externalIp"));
        assertEquals("Disconnected", gateways.get(1).get("connectionStatus"));
        assertOk(text);
        assertTrue(text.out().startsWith("1. ") && text.out().contains("(used: named with --router)"), text.toString());
        assertTrue(text.out().contains("2. "), text.toString());
    }

    // ---- changes ----

    @Test
    void addDeleteHappyPath() {
        FakeRouter f = fake(FakeRouter.Options.igd2().requireUpperCaseProtocol(true));

        Run add = runOn(f, "add", "8080", "tcp", "80", "--client", CLIENT, "--description", "web server", "--lease", "3600");

        assertOk(add);
        assertEquals(List.of("Added TCP 8080 \u2192 192.168.1.23:80."), add.outLines());
        FakeMapping stored = f.mapping("TCP", 8080).orElseThrow();
        assertEquals(CLIENT, stored.internalClient());
        assertEquals("web server", stored.description());
        assertEquals(3600, stored.leaseSeconds());
        assertEquals("TCP", f.lastCall("AddPortMapping").orElseThrow().arg("NewProtocol"));

        Run delete = runOn(f, "delete", "8080", "TCP");

        assertOk(delete);
        assertEquals(List.of("Deleted TCP 8080."), delete.outLines());
        assertTrue(f.mappings().isEmpty());
    }

    @Test
    void aLeaseIsReadLikeTheSettingsTimesAndListedInWords() {
        FakeRouter f = fake(FakeRouter.Options.igd2());

        assertOk(runOn(f, "add", "8080", "tcp", "80", "--client", CLIENT, "--lease", "2h"));
        assertEquals(7200, f.mapping("TCP", 8080).orElseThrow().leaseSeconds());
        Run list = runOn(f, "list");

        assertOk(list);
        String row = list.outLines().stream().filter(l -> l.startsWith("TCP")).findFirst().orElseThrow();
        assertTrue(row.contains(" 2 h "), row);
    }

    @Test
    void addWithTheDefaultDescriptionAndOptionEqualsSyntax() {
        FakeRouter f = fake(FakeRouter.Options.igd1());

        Run r = run("add", "3478", "UDP", "3479", "--client=" + CLIENT, "--router=" + f.location());

        assertOk(r);
        assertEquals("PortForward", f.mapping("UDP", 3478).orElseThrow().description());
        assertEquals(3479, f.mapping("UDP", 3478).orElseThrow().internalPort());
    }

    @Test
    void editChangesInPlaceOrMovesToAnotherClient() {
        FakeRouter f = fake(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, CLIENT, 80, "old")));

        Run inPlace = runOn(f, "edit", "8080", "TCP", "--internal-port", "81", "--description", "new");

        assertOk(inPlace);
        assertEquals(List.of("Changed TCP 8080: now TCP 8080 \u2192 192.168.1.23:81."), inPlace.outLines());
        assertEquals(FakeMapping.tcp(8080, CLIENT, 81, "new"), f.mapping("TCP", 8080).orElseThrow());
        assertEquals(0, f.callCount("DeletePortMapping"));

        Run moved = runOn(f, "edit", "8080", "TCP", "--client", "192.168.1.24");

        assertOk(moved);
        assertEquals(FakeMapping.tcp(8080, "192.168.1.24", 81, "new"), f.mapping("TCP", 8080).orElseThrow());
    }

    @Test
    void disableAndEnableOnARouterThatHonoursTheFlag() {
        FakeRouter f = fake(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, CLIENT, 80, "web")));

        Run off = runOn(f, "disable", "8080", "TCP");
        assertOk(off);
        assertEquals(List.of("Disabled TCP 8080."), off.outLines());
        assertFalse(f.mapping("TCP", 8080).orElseThrow().enabled());

        Run on = runOn(f, "enable", "8080", "tcp");
        assertOk(on);
        assertEquals(List.of("Enabled TCP 8080."), on.outLines());
        assertTrue(f.mapping("TCP", 8080).orElseThrow().enabled());
    }

    @Test
    void disableOnARouterThatIgnoresTheFlagKeepsTheMappingAcrossRuns() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd2().likeMiniupnpd()
                .mappings(FakeMapping.tcp(8080, CLIENT, 80, "web").withLeaseSeconds(604800)));

        Run off = runOn(f, "disable", "8080", "TCP");

        assertOk(off);
        assertTrue(off.out().contains("ignores the enabled flag"), off.toString());
        assertTrue(f.mapping("TCP", 8080).isEmpty());
        Path record = home.resolve(".local/share/portforward/disabled-mappings.tsv");
        assertTrue(Files.exists(record), "kept in the data folder");

        Run list = runOn(f, "list", "--json");
        assertOk(list);
        Map<String, Object> held = JsonText.array(list.out().trim()).get(0);
        assertEquals(true, held.get("heldByPortForward"));
        assertEquals(false, held.get("enabled"));

        Run on = runOn(f, "enable", "8080", "TCP");
        assertOk(on);
        FakeMapping back = f.mapping("TCP", 8080).orElseThrow();
        assertEquals(CLIENT, back.internalClient());
        assertEquals(80, back.internalPort());
        assertEquals("web", back.description());
        assertTrue(back.enabled());
    }

    // ---- exit codes ----

    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                Arguments.of("port 0", List.of("add", "0", "TCP", "80", "--client", CLIENT)),
                Arguments.of("port 70000", List.of("add", "70000", "TCP", "80", "--client", CLIENT)),
                Arguments.of("port abc", List.of("add", "abc", "TCP", "80", "--client", CLIENT)),
                Arguments.of("internal port 0", List.of("add", "8080", "TCP", "0", "--client", CLIENT)),
                Arguments.of("protocol ICMP", List.of("add", "8080", "ICMP", "80", "--client", CLIENT)),
                Arguments.of("client 999.1.1.1", List.of("add", "8080", "TCP", "80", "--client", "999.1.1.1")),
                Arguments.of("client host name", List.of("add", "8080", "TCP", "80", "--client", "nas.local")),
                Arguments.of("long description", List.of("add", "8080", "TCP", "80", "--client", CLIENT,
                        "--description", "d".repeat(65))),
                Arguments.of("control character", List.of("add", "8080", "TCP", "80", "--client", CLIENT,
                        "--description", "bell\u0007")),
                Arguments.of("ampersand", List.of("add", "8080", "TCP", "80", "--client", CLIENT,
                        "--description", "Tom & Jerry")),
                Arguments.of("negative lease", List.of("add", "8080", "TCP", "80", "--client", CLIENT, "--lease", "-5")),
                Arguments.of("lease words", List.of("add", "8080", "TCP", "80", "--client", CLIENT, "--lease", "forever")),
                Arguments.of("missing argument", List.of("add", "8080", "TCP", "--client", CLIENT)),
                Arguments.of("extra argument", List.of("delete", "8080", "TCP", "now")),
                Arguments.of("edit with nothing to change", List.of("edit", "8080", "TCP")),
                Arguments.of("edit to a bad port", List.of("edit", "8080", "TCP", "--internal-port", "0")),
                Arguments.of("json and csv", List.of("list", "--json", "--csv")),
                Arguments.of("bad timeout", List.of("list", "--timeout", "soon")),
                Arguments.of("info with an argument", List.of("info", "now")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCommandLines")
    void badInputExitsWith2AndOneLineAndSendsNothing(String what, List<String> args) {
        FakeRouter f = fake(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, CLIENT, 80, "existing")));

        Run r = runOn(f, args.toArray(String[]::new));

        assertFailed(2, r);
        assertEquals(0, f.callCount("AddPortMapping"), what);
        assertEquals(0, f.callCount("DeletePortMapping"), what);
        assertEquals(FakeMapping.tcp(8080, CLIENT, 80, "existing"), f.mapping("TCP", 8080).orElseThrow());
    }

    @Test
    void addWithoutClientOnALoopbackRouterIsRefusedNotSent() {
        // This computer's address towards 127.0.0.1 is 127.0.0.1, which cannot receive forwards.
        FakeRouter f = fake(FakeRouter.Options.igd2());

        Run r = runOn(f, "add", "8080", "TCP", "80");

        String line = assertFailed(2, r);
        assertTrue(line.contains("127.0.0.1"), line);
        assertEquals(0, f.callCount("AddPortMapping"));
    }

    @Test
    void deleteOfAMissingMappingExitsWith2() {
        FakeRouter f = fake(FakeRouter.Options.igd2());

        String line = assertFailed(2, runOn(f, "delete", "8080", "TCP"));

        assertTrue(line.contains("TCP 8080"), line);
        assertEquals(0, f.callCount("DeletePortMapping"));
    }

    @Test
    void routerRefusalExitsWith1AndOneLineNamingTheCode() {
        FakeRouter f = fake(FakeRouter.Options.igd2().fault(FaultRule.fault("AddPortMapping", 606)));

        String line = assertFailed(1, runOn(f, "add", "8080", "TCP", "80", "--client", CLIENT));

        assertTrue(line.contains("606"), line);
    }

    @Test
    void conflictExitsWith1NamingTheHolderAndAFreePort() {
        FakeRouter f = fake(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, "192.168.1.50", 80, "NAS")));

        String line = assertFailed(1, runOn(f, "add", "8080", "TCP", "80", "--client", CLIENT));

        assertTrue(line.contains("192.168.1.50") && line.contains("8081"), line);
    }

    @Test
    void conflictNamesTheCommandThatTakesTheFreePort() {
        FakeRouter f = fake(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, "192.168.1.50", 80, "NAS")));

        String line = assertFailed(1, runOn(f, "add", "8080", "TCP", "80", "--client", CLIENT));

        assertTrue(line.endsWith("To forward that one instead: add 8081 TCP 80 --client " + CLIENT), line);
    }

    @Test
    void aRefusedLowPortIsOfferedTheNearestFreeOneFrom1024() {
        FakeRouter f = fake(net.portforward.testing.QuirkProfile.LOW_PORTS_RESERVED.options());

        String line = assertFailed(1, runOn(f, "add", "80", "TCP", "80", "--client", CLIENT));

        assertEquals("Your router refused TCP 80: many routers keep the ports below 1024 for themselves. External port"
                + " 1024 is free. To forward that one instead: add 1024 TCP 80 --client " + CLIENT, line);
    }

    @Test
    void addAnyLetsTheRouterPickAndSaysWhich() {
        FakeRouter f = fake(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, "192.168.1.50", 80, "NAS")));

        Run r = runOn(f, "add", "any", "TCP", "8080", "--client", CLIENT, "--description", "web");

        assertOk(r);
        int granted = f.lastCall("AddAnyPortMapping").map(c -> f.mappings().stream()
                .filter(m -> m.internalClient().equals(CLIENT)).findFirst().orElseThrow().externalPort()).orElseThrow();
        assertTrue(granted != 8080, "8080 is the NAS's");
        assertTrue(r.out().startsWith("The router chose external port " + granted + " for TCP " + granted), r.out());
        assertTrue(r.out().contains("Added TCP " + granted), r.out());
        assertEquals("8080", f.lastCall("AddAnyPortMapping").orElseThrow().arg("NewExternalPort"), "suggested");
    }

    @Test
    void addAnyOnAnIgd1RouterSaysItCannotAndOffersAFreePort() {
        FakeRouter f = fake(FakeRouter.Options.igd1().mappings(FakeMapping.tcp(8080, "192.168.1.50", 80, "NAS")));

        String line = assertFailed(1, runOn(f, "add", "any", "TCP", "8080", "--client", CLIENT));

        assertEquals("Your router (WANIPConnection:1) cannot pick a free port itself; only IGD:2 routers can. External"
                + " port 8081 is free: add 8081 TCP 8080", line);
        assertEquals(0, f.callCount("AddAnyPortMapping") + f.callCount("AddPortMapping"));
    }

    @Test
    void unreachableRouterExitsWith1() throws Exception {
        int port;
        port = TestPorts.unused();

        String line = assertFailed(1, run("list", "--router", "http://127.0.0.1:" + port + "/rootDesc.xml"));

        assertTrue(line.contains("refused"), line);
    }

    @Test
    void crashedRouterExitsWith1() {
        FakeRouter f = fake(FakeRouter.Options.igd1());
        f.crash();

        assertFailed(1, runOn(f, "list"));
    }

    @Test
    void hostileRouterExitsWith1() {
        FakeRouter f = fake(FakeRouter.Options.igd1());
        f.serveRaw("/rootDesc.xml", net.portforward.testing.FakeResponse.xml(
                net.portforward.testing.HostileXml.descriptionWithExternalEntity(f.canaryUri("cli"))));

        assertFailed(1, runOn(f, "info"));
        assertTrue(f.canaryHits().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.1/rootDesc.xml", "127.0.0.1:5000/rootDesc.xml", "http:///rootDesc.xml",
            "http://127.0.0.1:5000/a b"})
    void unusableRouterUrlsAreBadInput(String url) {
        String line = assertFailed(2, run("list", "--router", url));
        assertTrue(line.contains("http://192.168.1.1:5000/rootDesc.xml"), "shows what a router URL looks like: " + line);
    }

    /**
     * A router URL that can never work (an IPv6 literal: the engine speaks to IPv4 routers only;
     * a port above 65535) is the user's input, so exit 2 with a sentence, not a router failure
     * with a mangled URL or a Java class name.
     */
    @ParameterizedTest
    @ValueSource(strings = {"http://[::1]:5000/rootDesc.xml", "http://127.0.0.1:99999/rootDesc.xml"})
    void routerUrlsThatCanNeverWorkAreBadInputInPlainWords(String url) {
        String line = assertFailed(2, run("list", "--router", url));
        assertFalse(line.contains("java.") || line.contains("0:0:0:0"), "plain words: " + line);
    }

    @Test
    void deeplyNestedDescriptionExitsWith1WithoutAStackTrace() {
        FakeRouter f = fake(FakeRouter.Options.igd1());
        String description = new String(f.descriptionBytes(), StandardCharsets.UTF_8).replaceFirst(
                "<friendlyName>[^<]*</friendlyName>", "<friendlyName>" + "<x>".repeat(20_000) + "</x>".repeat(20_000)
                        + "</friendlyName>");
        f.serveRaw("/rootDesc.xml", net.portforward.testing.FakeResponse.xml(description));

        assertFailed(1, runOn(f, "info"));
    }

    // ---- usage ----

    @Test
    void unknownCommandExitsWith2() {
        String line = assertFailed(2, run("frobnicate"));
        assertTrue(line.contains("frobnicate") && line.contains("--help"), line);
    }

    @Test
    void noCommandExitsWith2() {
        String line = assertFailed(2, run("--json"));
        assertTrue(line.contains("No command"), line);
    }

    @Test
    void unknownOptionExitsWith2() {
        String line = assertFailed(2, run("list", "--bogus"));
        assertTrue(line.contains("--bogus"), line);
    }

    @Test
    void optionWithoutValueExitsWith2() {
        String line = assertFailed(2, run("list", "--router"));
        assertTrue(line.contains("--router"), line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help"})
    void helpPrintsUsageAndExits0(String flag) {
        Run r = run(flag);

        assertOk(r);
        assertTrue(r.out().contains("Usage") && r.out().contains("Exit status"), r.toString());
        for (String command : List.of("discover", "info", "list", "add", "edit", "delete", "enable", "disable")) {
            assertTrue(r.out().contains(command), command);
        }
    }

    @Test
    void helpAfterACommandPrintsUsageWithoutTouchingTheRouter() {
        FakeRouter f = fake(FakeRouter.Options.igd2());

        Run r = runOn(f, "add", "--help");

        assertOk(r);
        assertTrue(r.out().contains("Usage"));
        assertTrue(f.requests().isEmpty(), "nothing was sent: " + f.requests());
    }

    // ---- settings ----

    @Test
    void brokenSettingsLineIsAWarningNamingTheLineAndTheCommandStillWorks() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd2().mappings(FakeMapping.tcp(8080, CLIENT, 80, "web")));
        Path config = home.resolve(".config/portforward/portforward.ini");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "[network]\nhttp-timeout = soon\n[discovery]\nrouter = " + f.location() + "\n");

        Run r = run("list", "--json"); // the router comes from the settings: direct mode

        assertEquals(0, r.code(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        String warning = r.errLines().get(0);
        assertTrue(warning.startsWith("warning: ") && warning.contains("line 2") && warning.contains("http-timeout"),
                warning);
        assertEquals(1, JsonText.array(r.out().trim()).size());
    }

    @Test
    void configFileGivenOnTheCommandLineIsUsed() throws Exception {
        FakeRouter f = fake(FakeRouter.Options.igd1().mappings(FakeMapping.tcp(8080, CLIENT, 80, "web")));
        Path config = home.resolve("other.ini");
        Files.writeString(config, "[discovery]\nrouter = " + f.location() + "\n[bogus]\nx = 1\n");

        Run r = run("list", "--csv", "--config", config.toString());

        assertEquals(0, r.code(), r.toString());
        assertEquals(2, r.outLines().size(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        assertTrue(r.errLines().get(0).contains("line 3") && r.errLines().get(0).contains("bogus"), r.toString());
    }

    @Test
    void missingConfigFileExitsWith1() {
        String line = assertFailed(1, run("list", "--config", home.resolve("nope.ini").toString()));
        assertTrue(line.contains("nope.ini"), line);
    }

    @Test
    void firstRunCreatesTheSettingsFileQuietly() {
        FakeRouter f = fake(FakeRouter.Options.igd2());

        Run r = runOn(f, "list", "--json");

        assertOk(r);
        assertTrue(Files.exists(home.resolve(".config/portforward/portforward.ini")));
    }
}
