package net.portforward.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Proves the lab harness: the real miniupnpd behaves as LAB.md says, in every variant. */
@Tag("lab")
class LabNetworkSelfLabIT {

    @BeforeAll
    static void labAvailable() {
        LabNetwork.assumeAvailable();
    }

    @ParameterizedTest
    @EnumSource(LabVariant.class)
    void routerIsDiscoveredAndDescribesItsIgdVersion(LabVariant variant) throws Exception {
        try (LabNetwork lab = LabNetwork.start(variant)) {
            // Full SSDP discovery, inside pf-lan only.
            LabCommand.Result status = lab.upnpc("-s");
            assertTrue(status.stdout().contains("desc: " + LabNetwork.ROOT_DESC_URL), status::toString);
            if (variant == LabVariant.CGNAT) {
                // miniupnpc rejects an IGD without a usable external address.
                assertNotEquals(0, status.exitCode(), status::toString);
                assertTrue(status.output().contains("not connected?"), status::toString);
                assertTrue(lab.routerLog().contains("Port forwarding is impossible"), lab::routerLog);
            } else {
                assertEquals(0, status.exitCode(), status::toString);
                assertTrue(status.stdout().contains("Found valid IGD : http://192.168.77.1:5000/ctl/IPConn"),
                        status::toString);
                assertTrue(status.stdout().contains("ExternalIPAddress = 25.77.0.2"), status::toString);
            }
            String desc = httpGetInLan(lab, "/rootDesc.xml");
            int v = variant.igdVersion();
            assertTrue(desc.contains("<friendlyName>" + LabNetwork.FRIENDLY_NAME + "</friendlyName>"), desc);
            assertTrue(desc.contains("urn:schemas-upnp-org:device:InternetGatewayDevice:" + v), desc);
            assertTrue(desc.contains("urn:schemas-upnp-org:service:WANIPConnection:" + v), desc);
            assertTrue(lab.routerLog().contains("service:WANIPConnection:" + v + "#GetStatusInfo"), lab::routerLog);
            if (v == 1) {
                assertFalse(desc.contains("WANIPConnection:2"), desc);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = LabVariant.class, names = {"IGD2_PUBLIC", "IGD1_PUBLIC"})
    void publicRouterAddsListsAndDeletesMappings(LabVariant variant) {
        try (LabNetwork lab = LabNetwork.start(variant)) {
            assertEquals("25.77.0.2", lab.externalAddress());
            LabCommand.Result status = lab.upnpcDirect("-s").orThrow();
            assertTrue(status.stdout().contains("ExternalIPAddress = 25.77.0.2"), status::toString);

            LabCommand.Result add = lab.upnpcDirect("-e", "lab web", "-a", LabNetwork.LAN_HOST_IP, "80", "8080", "TCP", "3600")
                    .orThrow();
            assertTrue(add.stdout().contains(
                    "external 25.77.0.2:8080 TCP is redirected to internal 192.168.77.10:80"), add::toString);
            lab.upnpcDirect("-e", "it's a 'game'", "-a", LabNetwork.LAN_HOST_IP, "3000", "3000", "UDP", "0").orThrow();

            List<UpnpcListing.Row> rows = lab.listMappings();
            assertEquals(2, rows.size(), rows::toString);
            UpnpcListing.Row web = UpnpcListing.find(rows, "TCP", 8080).orElseThrow();
            assertEquals(LabNetwork.LAN_HOST_IP, web.internalClient());
            assertEquals(80, web.internalPort());
            assertEquals("lab web", web.description());
            assertEquals("", web.remoteHost());
            assertTrue(web.leaseSeconds() > 3500 && web.leaseSeconds() <= 3600, web::toString);
            assertEquals("it's a 'game'", UpnpcListing.find(rows, "UDP", 3000).orElseThrow().description());
            // The mapping is real: miniupnpd wrote a DNAT rule into the gateway's nftables.
            String nat = lab.inGw("nft", "list", "chain", "inet", "filter", "prerouting_miniupnpd").orThrow().stdout();
            assertTrue(nat.contains("dport 8080 dnat ip to 192.168.77.10:80"), nat);

            lab.upnpcDirect("-d", "8080", "TCP").orThrow();
            rows = lab.listMappings();
            assertEquals(1, rows.size(), rows::toString);
            assertTrue(UpnpcListing.find(rows, "TCP", 8080).isEmpty(), rows::toString);
            lab.upnpcDirect("-d", "3000", "UDP").orThrow();
            assertEquals(List.of(), lab.listMappings());
        }
    }

    @Test
    void natPmpAnswersInsideTheLab() {
        assumeTrue(LabNetwork.which("natpmpc").isPresent(), "natpmpc not installed");
        try (LabNetwork lab = LabNetwork.start(LabVariant.IGD2_PUBLIC)) {
            LabCommand.Result r = lab.inLan("natpmpc", "-g", LabNetwork.ROUTER_LAN_IP).orThrow();
            assertTrue(r.stdout().contains("Public IP address : 25.77.0.2"), r::toString);
        }
    }

    @Test
    void cgnatRouterHasNoExternalAddressAndRefusesMappings() {
        try (LabNetwork lab = LabNetwork.start(LabVariant.CGNAT)) {
            assertEquals("", lab.externalAddress());
            LabCommand.Result status = lab.upnpcDirect("-s");
            assertTrue(status.output().contains("GetExternalIPAddress failed. (empty string)"), status::toString);
            assertTrue(status.stdout().contains("Status : Connected"), status::toString);

            LabCommand.Result add = lab.upnpcDirect("-a", LabNetwork.LAN_HOST_IP, "8080", "8080", "TCP");
            assertNotEquals(0, add.exitCode(), add::toString);
            assertTrue(add.output().contains("failed with code 501"), add::toString);
            assertEquals(List.of(), lab.listMappings());
        }
    }

    @Test
    void restartWithoutLeaseFileLosesMappings() {
        try (LabNetwork lab = LabNetwork.start(LabVariant.IGD2_PUBLIC)) {
            lab.upnpcDirect("-a", LabNetwork.LAN_HOST_IP, "8080", "8080", "TCP", "3600").orThrow();
            assertEquals(1, lab.listMappings().size());
            lab.restartRouter();
            assertTrue(lab.routerRunning());
            assertEquals(List.of(), lab.listMappings());
        }
    }

    @Test
    void restartWithLeaseFileKeepsPreloadedAndAddedMappings() throws Exception {
        long inAnHour = System.currentTimeMillis() / 1000 + 3600;
        try (LabNetwork lab = LabNetwork.builder()
                .preloadLeases(LabNetwork.leaseLine("TCP", 9000, LabNetwork.LAN_HOST_IP, 9000, inAnHour, "preloaded one"),
                        LabNetwork.leaseLine("UDP", 9001, LabNetwork.LAN_HOST_IP, 9001, 0, "permanent"))
                .start()) {
            List<UpnpcListing.Row> rows = lab.listMappings();
            assertEquals(2, rows.size(), rows::toString);
            assertEquals("preloaded one", UpnpcListing.find(rows, "TCP", 9000).orElseThrow().description());
            assertEquals(0, UpnpcListing.find(rows, "UDP", 9001).orElseThrow().leaseSeconds());

            lab.upnpcDirect("-e", "added live", "-a", LabNetwork.LAN_HOST_IP, "7000", "7000", "TCP", "600").orThrow();
            assertTrue(Files.readString(lab.leaseFile().orElseThrow()).contains("TCP:7000:192.168.77.10:7000:"));
            lab.restartRouter();

            rows = lab.listMappings();
            assertEquals(3, rows.size(), rows::toString);
            assertEquals("added live", UpnpcListing.find(rows, "TCP", 7000).orElseThrow().description());
            assertTrue(UpnpcListing.find(rows, "TCP", 9000).orElseThrow().leaseSeconds() > 3000, rows::toString);
        }
    }

    @Test
    void leftoversAreReplacedAndCloseRemovesEverything() {
        // A namespace left by a crashed run must not stop the next lab.
        LabCommand.run(LabNetwork.COMMAND_TIMEOUT, "ip", "netns", "add", LabNetwork.LAN_NS);
        LabNetwork lab = LabNetwork.start(LabVariant.IGD2_PUBLIC);
        assertTrue(lab.routerRunning());
        assertTrue(lab.inLan("ip", "route").orThrow().stdout().contains("default via 192.168.77.1"));
        // pf-wan holds nothing but loopback and wan0.
        String wanLinks = lab.inWan("ip", "-o", "link").orThrow().stdout();
        assertEquals(2, wanLinks.lines().count(), wanLinks);
        lab.close();
        lab.close();
        String namespaces = LabCommand.run(LabNetwork.COMMAND_TIMEOUT, "ip", "netns", "list").orThrow().stdout();
        assertFalse(namespaces.contains("pf-"), namespaces);
    }

    @Test
    void parsesRealUpnpcListing() {
        String real = """
                Found valid IGD : http://192.168.77.1:5000/ctl/IPConn
                Local LAN ip address : 192.168.77.10
                ExternalIPAddress = 25.77.0.2
                 i protocol exPort->inAddr:inPort description remoteHost leaseTime
                 0 UDP  3000->192.168.77.10:3000  'my game' '' 3600
                 1 TCP  8080->192.168.77.10:80    'libminiupnpc' '' 604800
                GetGenericPortMappingEntry() returned 713 (SpecifiedArrayIndexInvalid)
                """;
        assertEquals(List.of(
                new UpnpcListing.Row(0, "UDP", 3000, "192.168.77.10", 3000, "my game", "", 3600),
                new UpnpcListing.Row(1, "TCP", 8080, "192.168.77.10", 80, "libminiupnpc", "", 604800)),
                UpnpcListing.parse(real));
    }

    /** A plain HTTP GET from inside pf-lan with bash's /dev/tcp, so the harness needs no curl. */
    private static String httpGetInLan(LabNetwork lab, String path) {
        return lab.inLan("bash", "-c", "exec 3<>/dev/tcp/" + LabNetwork.ROUTER_LAN_IP + "/" + LabNetwork.HTTP_PORT
                + "; printf 'GET " + path + " HTTP/1.0\\r\\nHost: " + LabNetwork.ROUTER_LAN_IP + "\\r\\n\\r\\n' >&3"
                + "; cat <&3").orThrow().stdout();
    }
}
