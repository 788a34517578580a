package net.portforward.lab;

import static net.portforward.lab.LabNetwork.LAN_HOST_IP;
import static net.portforward.lab.LabNetwork.ROOT_DESC_URL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.portforward.lab.AppCli.Mapping;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The app's command line against the real miniupnpd as a public IGD:2 router (the lab's default
 * variant), cross-checked both ways with upnpc. The IGD:1 and CGNAT routers: {@link CliIgd1LabIT},
 * {@link CliCgnatLabIT}. Every test starts and ends with an empty mapping table.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliLabIT extends LabCliTest {

    static final String OTHER_LAN_HOST = "192.168.77.20";

    @Override
    LabVariant variant() {
        return LabVariant.IGD2_PUBLIC;
    }

    @AfterEach
    void cleanUp() {
        app.reset();
    }

    /** Runs first, on the fresh lab: whole-process time of {@code list} against {@code upnpc -l}. */
    @Test
    @Order(0)
    void benchListAgainstUpnpc() {
        List<Long> app5 = new ArrayList<>();
        List<Long> upnpc5 = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            app5.add(app.ok("list").millis());
            long start = System.nanoTime();
            lab.upnpc("-l").orThrow();
            upnpc5.add((System.nanoTime() - start) / 1_000_000);
        }
        long appMedian = median(app5);
        long upnpcMedian = median(upnpc5);
        System.out.println("BENCH list: portforward " + appMedian + " ms, upnpc -l " + upnpcMedian + " ms"
                + "   (runs: " + app5 + " / " + upnpc5 + ")");
        assertTrue(appMedian < 10_000, () -> "list took " + app5);
        assertTrue(upnpcMedian < 10_000, () -> "upnpc -l took " + upnpc5);
    }

    @Test
    @Order(1)
    void discoverFindsTheOneIgd2Router() {
        Object parsed = AppCli.parseJson(app.ok("discover", "--json").out());
        assertTrue(parsed instanceof List<?> l && l.size() == 1, () -> "want exactly one gateway: " + parsed);
        Map<?, ?> g = (Map<?, ?>) ((List<?>) parsed).get(0);
        assertEquals(ROOT_DESC_URL, g.get("location"));
        assertEquals("urn:schemas-upnp-org:service:WANIPConnection:2", g.get("serviceType"));
        assertEquals("25.77.0.2", g.get("externalIp"));
        assertEquals("Connected", g.get("connectionStatus"));
        assertEquals(false, g.get("doubleNat"));
    }

    @Test
    @Order(2)
    void infoDescribesTheRouter() {
        Map<?, ?> info = (Map<?, ?>) AppCli.parseJson(app.ok("info", "--json").out());
        assertEquals(LabNetwork.FRIENDLY_NAME, info.get("friendlyName"));
        // miniupnpd's built-in defaults on Debian.
        assertEquals("Debian", info.get("manufacturer"));
        assertEquals("Debian router", info.get("modelName"));
        assertEquals("urn:schemas-upnp-org:device:InternetGatewayDevice:2", info.get("deviceType"));
        assertEquals("urn:schemas-upnp-org:service:WANIPConnection:2", info.get("serviceType"));
        assertEquals("25.77.0.2", info.get("externalIp"));
        assertEquals("Connected", info.get("connectionStatus"));
        assertTrue(info.get("uptimeSeconds") instanceof Long up && up >= 0, info::toString);
        assertEquals(false, info.get("doubleNat"));
        assertEquals(LAN_HOST_IP, info.get("localAddress"));
    }

    @Test
    void listMatchesUpnpcBothWays() {
        assertEquals(Set.of(), app.appMappings());
        assertEquals(app.upnpcMappings(), app.appMappings());

        lab.upnpcDirect("-e", "upnpc tcp", "-a", LAN_HOST_IP, "7001", "7001", "TCP", "3600").orThrow();
        lab.upnpcDirect("-e", "upnpc udp", "-a", OTHER_LAN_HOST, "7012", "7002", "UDP", "0").orThrow();
        app.ok("add", "8080", "TCP", "80", "--description", "app web");
        app.ok("add", "8081", "udp", "81", "--lease", "600");

        Set<Mapping> expected = Set.of(
                new Mapping("TCP", 7001, LAN_HOST_IP, 7001, "upnpc tcp"),
                new Mapping("UDP", 7002, OTHER_LAN_HOST, 7012, "upnpc udp"),
                // No --client: the app uses this computer's address on the router's LAN.
                new Mapping("TCP", 8080, LAN_HOST_IP, 80, "app web"),
                new Mapping("UDP", 8081, LAN_HOST_IP, 81, "PortForward"));
        assertEquals(expected, app.upnpcMappings());
        assertEquals(expected, app.appMappings());
        long lease = UpnpcListing.find(lab.listMappings(), "UDP", 8081).orElseThrow().leaseSeconds();
        assertTrue(lease > 500 && lease <= 600, () -> "--lease 600 gave " + lease);

        List<String> csv = app.ok("list", "--csv").out().strip().lines().toList();
        assertEquals("protocol,externalPort,internalClient,internalPort,enabled,description,remoteHost,leaseSeconds",
                csv.get(0));
        assertEquals(5, csv.size(), csv::toString);
        for (String row : List.of("TCP,7001,192.168.77.10,7001,true,\"upnpc tcp\",,", "UDP,7002,192.168.77.20,7012,true,\"upnpc udp\",,",
                "TCP,8080,192.168.77.10,80,true,\"app web\",,", "UDP,8081,192.168.77.10,81,true,\"PortForward\",,")) {
            assertEquals(1, csv.stream().filter(l -> l.startsWith(row) && l.substring(row.length()).matches("\\d+")).count(),
                    () -> row + " in " + csv);
        }

        // The app deletes what upnpc added; upnpc deletes what the app added.
        app.ok("delete", "7001", "TCP");
        assertTrue(UpnpcListing.find(lab.listMappings(), "TCP", 7001).isEmpty());
        lab.upnpcDirect("-d", "8081", "UDP").orThrow();
        Set<Mapping> left = Set.of(new Mapping("UDP", 7002, OTHER_LAN_HOST, 7012, "upnpc udp"),
                new Mapping("TCP", 8080, LAN_HOST_IP, 80, "app web"));
        assertEquals(left, app.appMappings());
        assertEquals(left, app.upnpcMappings());
    }

    /**
     * Same client, same internal port: the app re-sends AddPortMapping and trusts it to overwrite,
     * but miniupnpd 2.3.1 then only renews the lease and keeps the old description (upnpc -e shows
     * the same), so the edit must notice that from its read-back.
     */
    @Test
    void editOfTheDescriptionAloneReachesTheRouter() {
        app.ok("add", "8200", "TCP", "80", "--description", "edit me");
        AppCli.Run r = app.run("edit", "8200", "TCP", "--description", "edited");
        Set<Mapping> onRouter = app.upnpcMappings();
        if (r.exit() == 0) {
            assertEquals(Set.of(new Mapping("TCP", 8200, LAN_HOST_IP, 80, "edited")), onRouter,
                    () -> "the edit said it worked: " + r);
        } else {
            AppCli.assertOneCleanLine(r);
            assertEquals(Set.of(new Mapping("TCP", 8200, LAN_HOST_IP, 80, "edit me")), onRouter);
        }
        assertEquals(onRouter, app.appMappings());
    }

    @Test
    void editChangesPortAndClientAndPutsTheOldMappingBackWhenTheRouterRefuses() {
        app.ok("add", "8210", "TCP", "80", "--description", "edit me");

        app.ok("edit", "8210", "TCP", "--description", "edited", "--internal-port", "8081");
        assertEquals(Set.of(new Mapping("TCP", 8210, LAN_HOST_IP, 8081, "edited")), app.upnpcMappings());

        app.ok("edit", "8210", "TCP", "--client", OTHER_LAN_HOST);
        Set<Mapping> before = Set.of(new Mapping("TCP", 8210, OTHER_LAN_HOST, 8081, "edited"));
        assertEquals(before, app.upnpcMappings());
        assertEquals(before, app.appMappings());

        // 10.1.2.3 is outside the router's allow rule: miniupnpd answers 606.
        AppCli.Run refused = app.fails(1, "edit", "8210", "TCP", "--client", "10.1.2.3");
        assertTrue(refused.err().contains("put back"), refused::toString);
        assertTrue(refused.err().contains("606"), refused::toString);
        assertEquals(before, app.upnpcMappings(), "no mapping may be lost");
        assertEquals(before, app.appMappings());
    }

    @Test
    void disableRemovesFromTheRouterButKeepsItAndEnablePutsItBack() {
        app.ok("add", "8300", "TCP", "8300", "--description", "toggle me", "--lease", "3600");
        Mapping mapping = new Mapping("TCP", 8300, LAN_HOST_IP, 8300, "toggle me");

        app.ok("disable", "8300", "TCP");
        assertEquals(Set.of(), app.upnpcMappings(), "miniupnpd ignores NewEnabled: the mapping must be gone");
        List<Map<String, Object>> held = app.listJson();
        assertEquals(Set.of(mapping), AppCli.mappingsOfApp(held));
        assertEquals(false, held.get(0).get("enabled"));
        assertEquals(true, held.get(0).get("heldByPortForward"));

        app.ok("enable", "8300", "TCP");
        assertEquals(Set.of(mapping), app.upnpcMappings());
        List<Map<String, Object>> back = app.listJson();
        assertEquals(Set.of(mapping), AppCli.mappingsOfApp(back));
        assertEquals(true, back.get(0).get("enabled"));
        assertNull(back.get(0).get("heldByPortForward"), back::toString);
    }

    /** While the app holds a disabled mapping, another computer takes its port on the router. */
    @Test
    void enableWhenAnotherClientTookThePortMeanwhileIsAConflict() {
        app.ok("add", "8310", "TCP", "8310", "--description", "mine");
        app.ok("disable", "8310", "TCP");
        lab.upnpcDirect("-e", "theirs", "-a", OTHER_LAN_HOST, "8310", "8310", "TCP").orThrow();
        Set<Mapping> theirs = Set.of(new Mapping("TCP", 8310, OTHER_LAN_HOST, 8310, "theirs"));

        AppCli.Run r = app.run("enable", "8310", "TCP");
        assertEquals(theirs, app.upnpcMappings());
        // The router forwards 8310 to the other computer, not to this one: that is no success.
        assertEquals(1, r.exit(), r::toString);
        AppCli.assertOneCleanLine(r);
        assertTrue(r.err().contains(OTHER_LAN_HOST), r::toString);
    }

    @Test
    void addOnAPortHeldByAnotherClientNamesItAndOffersAFreePort() {
        lab.upnpcDirect("-a", OTHER_LAN_HOST, "9100", "9100", "TCP").orThrow();
        Set<Mapping> theirs = app.upnpcMappings();

        AppCli.Run r = app.fails(1, "add", "9100", "TCP", "9100");
        assertTrue(r.err().contains(OTHER_LAN_HOST), r::toString);
        Matcher free = Pattern.compile("port (\\d+) is free").matcher(r.err());
        assertTrue(free.find(), () -> "no free port offered: " + r);
        int offered = Integer.parseInt(free.group(1));
        assertNotEquals(9100, offered);
        assertEquals(theirs, app.upnpcMappings(), "the other client's mapping must stay");
        assertTrue(UpnpcListing.find(lab.listMappings(), "TCP", offered).isEmpty());
        // The offer is real: the app can take it.
        app.ok("add", String.valueOf(offered), "TCP", "9100");
        assertEquals(LAN_HOST_IP, UpnpcListing.find(lab.listMappings(), "TCP", offered).orElseThrow().internalClient());
    }

    @Test
    void badInputIsRefusedWithOneLineAndNothingIsSent() {
        lab.upnpcDirect("-e", "keep", "-a", LAN_HOST_IP, "8080", "8080", "TCP").orThrow();
        Set<Mapping> before = app.upnpcMappings();
        long addsBefore = addCalls();
        assertTrue(addsBefore > 0, "miniupnpd's log should show upnpc's AddPortMapping");
        String longText = "d".repeat(100);
        List<List<String>> cases = List.of(
                List.of("External port", "add", "0", "TCP", "5"),
                List.of("XYZ", "add", "8080", "XYZ", "80"),
                List.of("999.1.1.1", "add", "8080", "TCP", "80", "--client", "999.1.1.1"),
                List.of("64", "add", "8090", "TCP", "80", "--description", longText));
        for (List<String> c : cases) {
            AppCli.Run r = app.fails(2, c.subList(1, c.size()).toArray(String[]::new));
            assertTrue(r.err().contains(c.get(0)), () -> "message should name \"" + c.get(0) + "\": " + r);
        }
        assertEquals(before, app.upnpcMappings());
        assertEquals(addsBefore, addCalls(), "an AddPortMapping reached the router");
    }

    /**
     * miniupnpd keeps 64 bytes of description (FIELD.md: longer ones are cut, plus junk bytes): 40
     * characters of "é" are 80 bytes. The app must refuse it up front or the router must hold it whole;
     * a silent cut is neither.
     */
    @Test
    void aDescriptionTheRouterCannotHoldIsRefusedNotCut() {
        String accents = "\u00e9".repeat(40);
        assumeTrue(Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8")).newEncoder().canEncode(accents),
                "this JVM cannot pass non-ASCII arguments (run with a UTF-8 locale)");
        AppCli.Run r = app.run("add", "8600", "TCP", "80", "--description", accents);
        try {
            if (r.exit() == 2) {
                AppCli.assertOneCleanLine(r);
                assertEquals(Set.of(), app.upnpcMappings());
            } else {
                assertEquals(0, r.exit(), r::toString);
                List<Map<String, Object>> listed = app.listJson();
                assertEquals(accents, listed.get(0).get("description"), () -> "add said: " + r.out());
            }
        } finally {
            // A cut description holds invalid UTF-8, which LabCommand cannot read back from upnpc -l.
            lab.upnpcDirect("-d", "8600", "TCP");
        }
    }

    @Test
    void deletingAMissingMappingSaysSo() {
        AppCli.Run r = app.run("delete", "9999", "TCP");
        assertNotEquals(0, r.exit(), r::toString);
        AppCli.assertOneCleanLine(r);
        assertTrue(r.err().contains("9999"), r::toString);
    }

    @Test
    void theInterfaceCanBeChosenAndAMissingOneIsNamed() {
        List<?> gateways = (List<?>) AppCli.parseJson(app.ok("discover", "--json", "--interface", "lan0").out());
        assertEquals(1, gateways.size(), gateways::toString);
        AppCli.Run missing = app.fails(1, "list", "--interface", "wlan9");
        assertTrue(missing.err().contains("wlan9") && missing.err().contains("lan0"), missing::toString);
    }

    @Test
    void directModeTalksToTheGivenRouterAndReportsABadOneInOneLine() {
        lab.upnpcDirect("-e", "direct", "-a", LAN_HOST_IP, "7100", "7100", "UDP").orThrow();
        assertEquals(Set.of(new Mapping("UDP", 7100, LAN_HOST_IP, 7100, "direct")), app.appMappings("--router", ROOT_DESC_URL));

        AppCli.Run r = app.fails(1, "--router", "http://192.168.77.1:5999/rootDesc.xml", "list");
        assertTrue(r.err().contains("192.168.77.1:5999"), r::toString);
        assertTrue(r.out().isBlank(), r::toString);
    }

    @Test
    void routerRebootWipesMappingsAndAStoppedRouterIsAFailure() {
        app.ok("add", "8400", "TCP", "8400");
        app.ok("add", "8401", "UDP", "8401");
        assertEquals(2, app.upnpcMappings().size());

        lab.restartRouter();
        assertEquals(List.of(), app.listJson());
        assertEquals(app.upnpcMappings(), app.appMappings());

        lab.stopRouter();
        AppCli.Run r = app.fails(1, "--router", ROOT_DESC_URL, "list");
        assertTrue(r.out().isBlank(), () -> "a router that is down must not look like an empty table: " + r);

        lab.startRouter();
        assertEquals(List.of(), app.listJson("--router", ROOT_DESC_URL));
        app.ok("add", "8402", "TCP", "8402");
        assertEquals(Set.of(new Mapping("TCP", 8402, LAN_HOST_IP, 8402, "PortForward")), app.appMappings());
    }

    /** How many AddPortMapping / AddAnyPortMapping calls miniupnpd has logged. */
    private long addCalls() {
        return Pattern.compile("#Add(Any)?PortMapping").matcher(lab.routerLog()).results().count();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
