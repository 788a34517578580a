package net.portforward.engine;

import net.portforward.testing.Said;
import static net.portforward.engine.EngineTestSupport.engine;
import static net.portforward.engine.EngineTestSupport.gatewayFor;
import static net.portforward.engine.EngineTestSupport.gateways;
import static net.portforward.engine.EngineTestSupport.ip;
import static net.portforward.engine.EngineTestSupport.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import net.portforward.engine.model.ByteCounters;
import net.portforward.engine.model.ConnectionStatus;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.LinkInfo;
import net.portforward.engine.model.NatVerdict;
import net.portforward.engine.model.RouterInfo;
import net.portforward.engine.model.RouterStatus;
import net.portforward.engine.model.ServiceRef;
import net.portforward.engine.progress.Progress;
import net.portforward.testing.FakeRouter;
import net.portforward.testing.FaultRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the engine reads about a router: description, status, link, NAT verdict, ranking. */
class InfoAndStatusTest extends EngineAgainstFake {
    /** An IGD:1 with only WANIPConnection:1: no WANCommonInterfaceConfig to read a link from. */
    private static final String NO_COMMON_CONFIG = "<?xml version=\"1.0\"?>\n"
            + "<root xmlns=\"urn:schemas-upnp-org:device-1-0\"><specVersion><major>1</major><minor>0</minor></specVersion>"
            + "<device><deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType>"
            + "<friendlyName>Bare router</friendlyName><manufacturer>Tests</manufacturer><modelName>Bare</modelName>"
            + "<UDN>uuid:00000000-0000-0000-0000-0000000000b1</UDN><deviceList><device>"
            + "<deviceType>urn:schemas-upnp-org:device:WANDevice:1</deviceType><friendlyName>WAN</friendlyName>"
            + "<UDN>uuid:00000000-0000-0000-0000-0000000000b2</UDN><deviceList><device>"
            + "<deviceType>urn:schemas-upnp-org:device:WANConnectionDevice:1</deviceType><friendlyName>WANConn</friendlyName>"
            + "<UDN>uuid:00000000-0000-0000-0000-0000000000b3</UDN><serviceList><service>"
            + "<serviceType>urn:schemas-upnp-org:service:WANIPConnection:1</serviceType>"
            + "<serviceId>urn:upnp-org:serviceId:WANIPConn1</serviceId><SCPDURL>/WANIPCn.xml</SCPDURL>"
            + "<controlURL>/ctl/IPConn</controlURL><eventSubURL>/evt/IPConn</eventSubURL>"
            + "</service></serviceList></device></deviceList></device></deviceList></device></root>\n";

    @Test
    void infoReadsEverythingTheRouterOffers() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().externalIp("25.77.0.2").uptimeSeconds(86_400)
                .connectionType("IP_Routed").link("DSL", "Up", 20_000_000, 250_000_000)
                .traffic(5_000_000_000L, 6, 7, 8));
        Router router = open(engine, fake);

        RouterInfo info = router.info(Progress.NONE);

        Gateway g = info.gateway();
        assertEquals("FakeRouter IGD:2 (miniupnpd-like)", g.upnp().orElseThrow().device().friendlyName());
        assertEquals("PortForward tests", g.upnp().orElseThrow().device().manufacturer());
        assertEquals("FakeRouter", g.upnp().orElseThrow().device().modelName());
        assertEquals("urn:schemas-upnp-org:device:InternetGatewayDevice:2", g.upnp().orElseThrow().device().deviceType());
        assertEquals(2, g.upnp().orElseThrow().device().igdVersion());
        assertEquals(ServiceRef.WAN_IP_2, g.upnp().orElseThrow().service().serviceType());
        assertEquals(fake.location(), g.upnp().orElseThrow().device().location());
        assertEquals("127.0.0.1", g.address().getHostAddress());

        RouterStatus s = g.status();
        assertEquals(ip("25.77.0.2"), s.externalIp());
        assertEquals("25.77.0.2", s.externalIpText());
        assertEquals(ConnectionStatus.CONNECTED, s.connectionStatus());
        assertEquals(Duration.ofDays(1), s.uptime());
        assertEquals("ERROR_NONE", s.lastConnectionError());
        assertEquals(NatVerdict.PUBLIC, s.natVerdict());
        assertFalse(s.doubleNat());
        assertEquals(0, s.rank());

        assertEquals("IP_Routed", info.connectionType());
        assertEquals("IP_Routed", info.possibleConnectionTypes());
        LinkInfo link = info.link();
        assertNotNull(link);
        assertEquals("DSL", link.accessType());
        assertEquals("Up", link.physicalLinkStatus());
        assertEquals(20_000_000, link.upstreamMaxBitRate());
        assertEquals(250_000_000, link.downstreamMaxBitRate());
        assertEquals(5_000_000_000L, link.bytesSent(), "counters past 2^32 are kept");
        assertEquals(6, link.bytesReceived());
        assertEquals(7, link.packetsSent());
        assertEquals(8, link.packetsReceived());
        assertTrue(fake.calls().stream().anyMatch(c -> c.path().equals("/ctl/CmnIfCfg")));
    }

    @Test
    void statusIsReadFreshByInfoAndStatus() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2());
        Router router = open(engine, fake);
        fake.setExternalIp("100.64.1.2").setConnectionStatus("Connecting").setUptimeSeconds(5);

        RouterStatus status = router.status(Progress.NONE);
        RouterInfo info = router.info(Progress.NONE);

        assertEquals(ConnectionStatus.CONNECTING, status.connectionStatus());
        assertEquals(Duration.ofSeconds(5), status.uptime());
        assertEquals("100.64.1.2", info.gateway().status().externalIpText());
        assertEquals(ConnectionStatus.CONNECTING, info.gateway().status().connectionStatus());
    }

    @Test
    void linkIsNullWhereTheRouterOffersNoCommonInterfaceConfig() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.description(NO_COMMON_CONFIG));
        Router router = open(engine, fake);

        RouterInfo info = router.info(Progress.NONE);

        assertNull(info.link());
        assertEquals("Bare router", info.gateway().upnp().orElseThrow().device().friendlyName());
        assertEquals(NatVerdict.PUBLIC, info.gateway().status().natVerdict());
    }

    @Test
    void trafficReadsTheTwoByteCountersAlone() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().traffic(5_000_000_000L, 6_000, 7, 8));
        Router router = open(engine, fake);
        int before = fake.callCount("GetCommonLinkProperties");

        ByteCounters counters = router.traffic(Progress.NONE).orElseThrow();

        assertEquals(new ByteCounters(5_000_000_000L, 6_000), counters);
        assertEquals(before, fake.callCount("GetCommonLinkProperties"), "only the counters are asked for");
    }

    @Test
    void trafficIsEmptyWhenTheRouterRefusesACounter() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().fault(FaultRule.fault("GetTotalBytesReceived", 401)));
        Router router = open(engine, fake);

        assertTrue(router.traffic(Progress.NONE).isEmpty());
    }

    @Test
    void countersTheRouterRefusesAreMinusOne() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2()
                .fault(FaultRule.fault("GetTotalBytesSent", 401))
                .fault(FaultRule.fault("GetTotalPacketsReceived", 501))
                .fault(FaultRule.fault("GetConnectionTypeInfo", 401)));
        Router router = open(engine, fake);

        RouterInfo info = router.info(Progress.NONE);

        assertEquals(-1, info.link().bytesSent());
        assertEquals(-1, info.link().packetsReceived());
        assertEquals(7_654_321, info.link().bytesReceived());
        assertEquals("Cable", info.link().accessType());
        assertEquals("", info.connectionType(), "optional action answered 401");
    }

    @Test
    void publicAddressIsPublic() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().externalIp("25.77.0.2"));
        RouterStatus s = gateways(engine, fake).get(0).status();
        assertEquals(NatVerdict.PUBLIC, s.natVerdict());
        assertTrue(Said.ENGLISH.nat(s.natVerdict()).contains("public"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0.0.0.0", "100.64.1.2", "192.168.0.5", "10.1.2.3", "172.16.9.9", "169.254.1.1"})
    void privateOrMissingAddressOnAConnectedRouterIsDoubleNat(String externalIp) throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().externalIp(externalIp));

        RouterStatus s = gateways(engine, fake).get(0).status();

        assertEquals(NatVerdict.DOUBLE_NAT, s.natVerdict(), externalIp);
        assertTrue(s.doubleNat());
        assertEquals(1, s.rank(), "connected, but not public");
        assertTrue(Said.ENGLISH.nat(s.natVerdict()).contains("double NAT"), Said.ENGLISH.nat(s.natVerdict()));
        assertTrue(Said.ENGLISH.nat(s.natVerdict()).contains("carrier-grade NAT"));
        if (externalIp.equals("0.0.0.0") || externalIp.isEmpty()) {
            assertNull(s.externalIp(), "no address, not the any-address");
        }
    }

    @Test
    void disconnectedRouterWithoutAddressIsUnknown() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().connectionStatus("Disconnected").externalIp(""));

        RouterStatus s = gateways(engine, fake).get(0).status();

        assertEquals(ConnectionStatus.DISCONNECTED, s.connectionStatus());
        assertEquals(NatVerdict.UNKNOWN, s.natVerdict());
        assertEquals(2, s.rank());
    }

    @Test
    void junkStatusTextIsUnknownNotAnError() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2().connectionStatus("Up&Running\u0007").externalIp("not an ip"));

        RouterStatus s = gateways(engine, fake).get(0).status();

        assertEquals(ConnectionStatus.UNKNOWN, s.connectionStatus());
        assertNull(s.externalIp());
        assertEquals("not an ip", s.externalIpText());
    }

    @Test
    void connectedPublicWanIsRankedBeforeADisconnectedOne() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.mikrotikTwoWan());
        fake.wan(0).setConnectionStatus("Disconnected").setExternalIp("");
        fake.wan(1).setConnectionStatus("Connected").setExternalIp("25.77.0.9");

        List<Gateway> gateways = gateways(engine, fake);

        assertEquals(2, gateways.size());
        assertEquals(gatewayFor(gateways, fake.wan(1).controlPath()), gateways.get(0), "connected and public first");
        assertEquals("25.77.0.9", gateways.get(0).status().externalIpText());
        assertEquals(ConnectionStatus.DISCONNECTED, gateways.get(1).status().connectionStatus());
        try (PortForwardEngine direct = new PortForwardEngine(engine.options().withRouter(fake.location()))) {
            Gateway best = direct.findBest(Progress.NONE); // direct mode: no SSDP
            assertEquals(fake.wan(1).controlPath(), best.upnp().orElseThrow().service().controlUrl().getRawPath());
        }
    }

    @Test
    void rankingFollowsMiniupnpc() throws Exception {
        FakeRouter doubleNatFirst = fake(FakeRouter.Options.mikrotikTwoWan());
        doubleNatFirst.wan(0).setConnectionStatus("Connected").setExternalIp("100.64.1.2");
        doubleNatFirst.wan(1).setConnectionStatus("Connected").setExternalIp("25.77.0.9");
        List<Gateway> a = gateways(engine, doubleNatFirst);
        assertEquals(gatewayFor(a, doubleNatFirst.wan(1).controlPath()), a.get(0), "public beats double NAT");
        assertTrue(a.get(1).status().doubleNat());

        FakeRouter disconnectedPublic = fake(FakeRouter.Options.mikrotikTwoWan());
        disconnectedPublic.wan(0).setConnectionStatus("Disconnected").setExternalIp("25.77.0.9");
        disconnectedPublic.wan(1).setConnectionStatus("Connected").setExternalIp("192.168.0.5");
        List<Gateway> b = gateways(engine, disconnectedPublic);
        assertEquals(gatewayFor(b, disconnectedPublic.wan(1).controlPath()), b.get(0),
                "connected behind NAT beats disconnected");
    }

    /**
     * MikroTik has a WANCommonInterfaceConfig in each WANDevice; the link of the second WAN
     * connection is its own WANDevice's, not the first one's.
     */
    @Test
    void infoOfTheSecondWanReadsItsOwnLink() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.mikrotikTwoWan());
        Gateway second = gatewayFor(gateways(engine, fake), fake.wan(1).controlPath());
        Router router = engine.open(second);
        fake.clearCalls();

        RouterInfo info = router.info(Progress.NONE);

        assertNotNull(info.link());
        List<String> linkPaths = fake.calls("GetCommonLinkProperties").stream().map(c -> c.path()).toList();
        assertEquals(1, linkPaths.size());
        assertTrue(linkPaths.get(0).endsWith("wancommonifc-7"),
                "the second WANDevice's WANCommonInterfaceConfig, not " + linkPaths);
    }

    @Test
    void pppOnlyRouterIsAGateway() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd1PppOnly());

        Gateway g = gateways(engine, fake).get(0);

        assertEquals(ServiceRef.WAN_PPP_1, g.upnp().orElseThrow().service().serviceType());
        assertEquals("WANPPPConnection:1", g.upnp().orElseThrow().service().shortType());
        assertTrue(g.displayName().contains("WANPPPConnection:1"), g.displayName());
        assertEquals(1, g.upnp().orElseThrow().device().igdVersion());
    }

    @Test
    void infoReportsProgress() throws Exception {
        FakeRouter fake = fake(FakeRouter.Options.igd2());
        Router router = open(engine, fake);
        EngineTestSupport.RecordingProgress progress = new EngineTestSupport.RecordingProgress();

        router.info(progress);

        List<Double> fractions = progress.fractions();
        assertEquals(List.of(0.2, 0.6, 1.0), fractions);
    }
}
