package net.portforward.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second, fully working UPnP gateway on the LAN (the real miniupnpd on pf-lan2, public-looking
 * WAN address, same rank as the real router): every operation still goes to the default gateway,
 * the impostor is listed as not the default gateway and used only when named with --router.
 * Before the change 3 of 6 {@code list} runs showed the other host's table.
 */
@Tag("lab")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImpostorLabIT {
    private LabNetwork lab;
    private LabImpostor impostor;
    private AppCli app;

    @BeforeAll
    void startLab(@TempDir Path work) {
        LabNetwork.assumeAvailable();
        lab = LabNetwork.builder().variant(LabVariant.IGD2_PUBLIC).bridgedLan().start();
        impostor = LabImpostor.start(lab);
        app = new AppCli(lab, work);
        lab.upnpcDirect("-e", "real router's", "-a", LabNetwork.LAN_HOST_IP, "40001", "40001", "TCP").orThrow();
        impostor.upnpc("-e", "impostor's", "-a", LabNetwork.LAN_HOST_IP, "40002", "40002", "TCP").orThrow();
    }

    @AfterAll
    void stopLab() {
        if (impostor != null) {
            impostor.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    private static List<Integer> ports(List<Map<String, Object>> rows) {
        return rows.stream().map(o -> ((Number) o.get("externalPort")).intValue()).sorted().toList();
    }

    @Test
    @Order(1)
    void bothAnswerASearch() {
        assertTrue(impostor.upnpc("-l").stdout().contains("40002"), "the impostor works: " + impostor.log());
        assertTrue(lab.upnpc("-l").ok(), "upnpc finds a router on this LAN");
    }

    @Test
    @Order(2)
    void discoverListsTheImpostorAfterTheGatewayAsNotTheDefaultGateway() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> found = (List<Map<String, Object>>) AppCli.parseJson(app.ok("discover", "--json").out());
        assertEquals(LabNetwork.ROUTER_LAN_IP, found.get(0).get("address"), found::toString);
        assertEquals(true, found.get(0).get("defaultGateway"));
        assertTrue(found.stream().anyMatch(g -> LabNetwork.LAN2_HOST_IP.equals(g.get("address"))
                && Boolean.FALSE.equals(g.get("defaultGateway"))), "the impostor is listed, marked: " + found);
        String text = app.ok("discover").out();
        assertTrue(text.contains("not your default gateway"), text);
    }

    @Test
    @Order(3)
    void listAlwaysShowsTheRealRoutersTable() {
        for (int i = 0; i < 6; i++) {
            assertEquals(List.of(40001), ports(app.listJson()), "run " + (i + 1));
        }
    }

    @Test
    @Order(4)
    void addGoesToTheRealRouter() {
        app.ok("add", "40003", "TCP", "40003");
        assertTrue(lab.upnpcDirect("-l").stdout().contains("40003"), "on the real router");
        assertFalse(impostor.upnpc("-l").stdout().contains("40003"), "not on the impostor");
        Map<?, ?> info = (Map<?, ?>) AppCli.parseJson(app.ok("info", "--json").out());
        assertEquals(LabNetwork.ROUTER_LAN_IP, info.get("address"));
        app.ok("delete", "40003", "TCP");
    }

    @Test
    @Order(5)
    void theImpostorIsUsedOnlyWhenNamed() {
        assertEquals(List.of(40002), ports(app.listJson("--router", LabImpostor.ROOT_DESC_URL)));
    }

    @Test
    @Order(6)
    void whenTheRealRouterIsSilentTheImpostorIsNotTakenInstead() {
        lab.stopRouter();
        try {
            AppCli.Run r = app.fails(1, "list");
            assertTrue(r.err().contains(LabNetwork.ROUTER_LAN_IP), r::toString);
            assertTrue(r.err().contains("not your default gateway") || r.err().contains("answered none"), r::toString);
        } finally {
            lab.startRouter();
        }
    }
}
