package net.portforward.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** FakeRouter exercised with plain java.net.http requests on 127.0.0.1. */
class FakeRouterTest {

    private static final String WANIP2 = "urn:schemas-upnp-org:service:WANIPConnection:2";
    private static final String WANIP1 = "urn:schemas-upnp-org:service:WANIPConnection:1";
    private static final String COMMON = "urn:schemas-upnp-org:service:WANCommonInterfaceConfig:1";
    private static final String IPCONN = "/ctl/IPConn";

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final List<FakeRouter> routers = new ArrayList<>();

    @AfterEach
    void closeRouters() {
        routers.forEach(FakeRouter::close);
    }

    private FakeRouter start(FakeRouter.Options options) {
        FakeRouter router = FakeRouter.start(options);
        routers.add(router);
        return router;
    }

    // ---- descriptions ----

    @Test
    void servesIgd2DescriptionAndScpdOnLoopback() throws Exception {
        FakeRouter router = start(FakeRouter.Options.igd2());
        assertEquals("127.0.0.1", router.location().getHost());
        assertEquals("/rootDesc.xml", router.location().getPath());

        HttpResponse<String> desc = get(router.location());
        assertEquals(200, desc.statusCode());
        assertTrue(desc.headers().firstValue("Content-Type").orElse("").startsWith("text/xml"));
        Document doc = parse(desc.body());
        assertEquals("urn:schemas-upnp-org:device:InternetGatewayDevice:2", text(doc, "deviceType"));
        assertEquals(List.of("urn:schemas-upnp-org:service:Layer3Forwarding:1", COMMON, WANIP2), texts(doc, "serviceType"));
        assertEquals(List.of("/ctl/L3F", "/ctl/CmnIfCfg", IPCONN), texts(doc, "controlURL"));

        Document scpd = parse(get(router.baseUri().resolve("/WANIPCn.xml")).body());
        List<String> actions = texts(scpd, "name");
        assertTrue(actions.contains("GetListOfPortMappings"));
        assertTrue(actions.contains("AddAnyPortMapping"));
        assertEquals(1, router.wans().size());
        assertEquals(WANIP2, router.wan().serviceType());
        assertEquals(404, get(router.baseUri().resolve("/nothing.xml")).statusCode());
    }

    @Test
    void builtInTemplatesDeclareTheirWanServices() throws Exception {
        FakeRouter igd1 = start(FakeRouter.Options.igd1());
        assertEquals(List.of(WANIP1), igd1.wans().stream().map(FakeWan::serviceType).toList());
        assertTrue(get(igd1.location()).body().contains("InternetGatewayDevice:1"));
        assertFalse(texts(parse(get(igd1.baseUri().resolve("/WANIPCn.xml")).body()), "name").contains("GetListOfPortMappings"));

        FakeRouter ppp = start(FakeRouter.Options.igd1PppOnly());
        assertEquals(List.of("urn:schemas-upnp-org:service:WANPPPConnection:1"),
                ppp.wans().stream().map(FakeWan::serviceType).toList());
        assertFalse(get(ppp.location()).body().contains("WANIPConnection"));
        HttpResponse<String> ip = soap(ppp, "/upnp/control/WANPPPConn1", "urn:schemas-upnp-org:service:WANPPPConnection:1",
                "GetExternalIPAddress", Map.of());
        assertEquals("25.77.0.2", value(ip, "NewExternalIPAddress"));

        FakeRouter mikrotik = start(FakeRouter.Options.mikrotikTwoWan());
        assertEquals(2, mikrotik.wans().size());
        assertEquals(2, texts(parse(get(mikrotik.location()).body()), "deviceType").stream()
                .filter(t -> t.endsWith("WANDevice:1")).count());
    }

    @Test
    void mikrotikWansKeepTheirOwnStateAndTables() throws Exception {
        FakeRouter router = start(FakeRouter.Options.mikrotikTwoWan());
        FakeWan first = router.wan(0);
        FakeWan second = router.wan(1);
        second.setExternalIp("100.64.1.2").setConnectionStatus("Disconnected");

        assertEquals("25.77.0.2", value(soap(router, first.controlPath(), WANIP1, "GetExternalIPAddress", Map.of()),
                "NewExternalIPAddress"));
        assertEquals("100.64.1.2", value(soap(router, second.controlPath(), WANIP1, "GetExternalIPAddress", Map.of()),
                "NewExternalIPAddress"));
        assertEquals("Disconnected", value(soap(router, second.controlPath(), WANIP1, "GetStatusInfo", Map.of()),
                "NewConnectionStatus"));

        assertEquals(200, soap(router, second.controlPath(), WANIP1, "AddPortMapping", add(5000, "192.168.1.5", 5000, "TCP", "0")).statusCode());
        assertEquals(1, second.table().size());
        assertEquals(0, first.table().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "actiontec-gt784wn-rootdesc.xml", "avm-fritzbox-7590-rootdesc.xml", "cisco-cga4131com-rootdesc.xml",
        "ddwrt-tplink-tl-wr841nd-v9-rootdesc.xml", "ddwrt-v24-generic-x86-rootdesc.xml", "dlink-dir890l-rootdesc.xml",
        "google-wifi-onhub-rootdesc.xml", "huawei-hg531v1-rootdesc.xml", "linksys-wag200g-rootdesc.xml", "mikrotik-routeros-chr-7.10-rootdesc.xml",
        "mobileap-9x45-miniupnpd-1.8-rootdesc.xml", "netgear-r7500v2-rootdesc.xml", "pfsense-2.5.0-rootdesc.xml",
        "sagemcom-orange-livebox-rootdesc.xml"})
    void capturedDescriptionsAnswerSoapAtTheirOwnControlUrls(String capture) throws Exception {
        FakeRouter router = start(FakeRouter.Options.captured(capture));
        String served = get(router.location()).body();
        Matcher urls = Pattern.compile("<(URLBase|controlURL|eventSubURL|SCPDURL|presentationURL)>\\s*(https?://[^/<\\s]*)")
                .matcher(served);
        while (urls.find()) {
            assertEquals(router.baseUri().toString(), urls.group(2), "every absolute URL points at the fake");
        }
        assertFalse(router.wans().isEmpty(), "a WAN connection service was found");
        for (FakeWan wan : router.wans()) {
            URI control = router.baseUri().resolve(wan.controlPath());
            HttpResponse<String> reply = soap(control, wan.serviceType(), "GetExternalIPAddress", Map.of());
            assertEquals(200, reply.statusCode(), wan.toString());
            assertEquals("25.77.0.2", value(reply, "NewExternalIPAddress"));
        }
    }

    @Test
    void capturedDescriptionIsRewrittenOnlyWhereItNamesAnotherHost() throws Exception {
        FakeRouter netgear = start(FakeRouter.Options.captured("netgear-r7500v2-rootdesc.xml"));
        String served = get(netgear.location()).body();
        assertTrue(served.contains("<URLBase>" + netgear.baseUri() + "</URLBase>"));
        assertFalse(served.contains("192.168.0.1:5555"));
        assertTrue(served.contains("<controlURL>/ctl/IPConn</controlURL>"), "relative URLs stay as they are");

        byte[] original = resource("routers/netgear-r7500v2-rootdesc.xml");
        String expected = new String(original, StandardCharsets.ISO_8859_1)
                .replace("http://192.168.0.1:5555", netgear.baseUri().toString())
                .replace("http://www.routerlogin.net", netgear.baseUri().toString());
        assertEquals(expected, new String(netgear.descriptionBytes(), StandardCharsets.ISO_8859_1),
                "byte for byte otherwise (presentationURL is a URL element too)");
        assertTrue(served.contains("<manufacturerURL>http://www.netgear.com</manufacturerURL>"), "links for people stay");

        FakeRouter dlink = start(FakeRouter.Options.captured("dlink-dir890l-rootdesc.xml"));
        assertEquals("/soap.cgi?service=WANIPConn1", dlink.wan().controlPath());
        assertEquals(200, soap(dlink, "/soap.cgi?service=WANIPConn1", WANIP1, "GetStatusInfo", Map.of()).statusCode());
        assertEquals(404, soap(dlink, "/soap.cgi?service=Nope", WANIP1, "GetStatusInfo", Map.of()).statusCode());

        FakeRouter mobile = start(FakeRouter.Options.captured("mobileap-9x45-miniupnpd-1.8-rootdesc.xml"));
        String scpd = get(mobile.baseUri().resolve("/WANIPCn.xml")).body();
        assertEquals(new String(resource("routers/mobileap-9x45-miniupnpd-1.8-scpd-WANIPConnection2.xml"), StandardCharsets.UTF_8),
                scpd, "the captured SCPD is served where there is one");
    }

    // ---- status actions ----

    @Test
    void statusActionsFollowInjectedValues() throws Exception {
        FakeRouter router = start(FakeRouter.Options.igd2().externalIp("0.0.0.0").uptimeSeconds(42));
        assertEquals("0.0.0.0", value(soap(router, "GetExternalIPAddress", Map.of()), "NewExternalIPAddress"));
        router.setExternalIp("");
        assertEquals("", value(soap(router, "GetExternalIPAddress", Map.of()), "NewExternalIPAddress"));

        router.setConnectionStatus("Connecting");
        HttpResponse<String> status = soap(router, "GetStatusInfo", Map.of());
        assertEquals("Connecting", value(status, "NewConnectionStatus"));
        assertEquals("ERROR_NONE", value(status, "NewLastConnectionError"));
        assertEquals("42", value(status, "NewUptime"));
        assertEquals("IP_Routed", value(soap(router, "GetConnectionTypeInfo", Map.of()), "NewConnectionType"));

        HttpResponse<String> link = soap(router, "/ctl/CmnIfCfg", COMMON, "GetCommonLinkProperties", Map.of());
        assertEquals("Cable", value(link, "NewWANAccessType"));
        assertEquals("Up", value(link, "NewPhysicalLinkStatus"));
        router.options().traffic(1, 2, 3, 4);
        assertEquals("1", value(soap(router, "/ctl/CmnIfCfg", COMMON, "GetTotalBytesSent", Map.of()), "NewTotalBytesSent"));
        assertEquals("2", value(soap(router, "/ctl/CmnIfCfg", COMMON, "GetTotalBytesReceived", Map.of()), "NewTotalBytesReceived"));
        assertEquals("3", value(soap(router, "/ctl/CmnIfCfg", COMMON, "GetTotalPacketsSent", Map.of()), "NewTotalPacketsSent"));
        assertEquals("4", value(soap(router, "/ctl/CmnIfCfg", COMMON, "GetTotalPacketsReceived", Map.of()), "NewTotalPacketsReceived"));
    }

    @Test
    void responseEnvelopeUsesTheServiceNamespace() throws Exception {
        FakeRouter router = start(FakeRouter.Options.igd2());
        Document doc = parseNs(soap(router, "GetExternalIPAddress", Map.of()).body());
        Element response = (Element) doc.getElementsByTagNameNS(WANIP2, "GetExternalIPAddressResponse").item(0);
        assertEquals(WANIP2, response.getNamespaceURI());
    }

    @Test
    void unknownOrMisaddressedActionsGet401() throws Exception {
        FakeRouter router = start(FakeRouter.Options.igd1());
        assertFault(401, "Invalid Action", soap(router, IPCONN, WANIP1, "MakeCoffee", Map.of()));
        assertFault(401, "Invalid Action", soap(router, IPCONN, WANIP1, "GetListOfPortMappings", list(0, 65535, "TCP", 10)));
        assertFault(401, "Invalid Action", soap(router, IPCONN, WANIP2, "GetExternalIPAddress", Map.of()));
        assertFault(401, "Invalid Action", soap(router, "/ctl/CmnIfCfg", COMMON, "AddPortMapping", add(80, "192.168.1.2", 80, "TCP", "0")));
        router.options().strictServiceType(false);
        assertEquals(200, soap(router, IPCONN, WANIP2, "GetExternalIPAddress", Map.of()).statusCode());
    }

    // ---- the table ----

    @Test
    void addFollowsIgdOwnershipRulesAndFaultEnvelopeIsStandard() throws Exception {
        FakeRouter router = start(FakeRouter.Options.igd2());
        assertEquals(200, soap(router, "AddPortMapping", add(8080, "192.168.1.10", 80, "TCP", "3600")).statusCode());
        assertEquals(200, soap(router, "AddPortMapping", add(8080, "192.168.1.10", 81, "TCP", "3600")).statusCode(),
                "the same client may overwrite its own mapping");
        assertEquals(81, router.mapping("TCP", 8080).orElseThrow().internalPort());

        HttpResponse<String> conflict = soap(router, "AddPortMapping", add(8080, "192.168.1.99", 80, "TCP", "0"));
        assertEquals(500, conflict.statusCode());
        String expected = "<s:Fault><faultcode>s:Client</faultcode><faultstring>UPnPError</faultstring><detail>"
                + "<UPnPError xmlns=\"urn:schemas-upnp-org:control-1-0\"><errorCode>718</errorCode>"
                + "<errorDescription>ConflictInMappingEntry</errorDescription></UPnPError></detail></s:Fault>";
        assertTrue(conflict.body().contains(expected), conflict.body());
        parse(conflict.body());
        assertEquals("192.168.1.10", router.mapping("TCP", 8080).orElseThrow().internalClient());

        assertEquals(200, soap(router, "AddPortMapping", add(8080, "192.168.1.99", 80, "UDP", "0")).statusCode(),
                "the key is protocol and external port");
        assertEquals(2, router.mappings().size());
    }

    @Test
    void addRejectsWildcardsAndBadArguments() throws Exception {
        FakeRouter router = start(FakeRouter.Options.igd2());
        assertFault(716, "WildCardNotPermittedInExtPort", soap(router, "AddPortMapping", add(0, "192.168.1.2", 80, "TCP", "0")));
        assertFault(732, "WildCardNotPermittedInIntPort", soap(router, "AddPortMapping", add(80, "192.168.1.2", 0, "TCP", "0")));
        assertFault(402, "Invalid Args", soap(router, "AddPortMapping", add(70000, "192.168.1.2", 80, "TCP", "0")));
        assertFault(402, "Invalid Args", soap(router, "AddPortMapping", add(80, "192.168.1.2", 80, "SCTP", "0")));
        Map<String, String> missingClient = add(80, "192.168.1.2", 80, "TCP", "0");
        missingClient.remove("NewInternalClient");
        assertFault(402, "Invalid Args", soap(router, "AddPortMapping", missingClient));
        assertEquals(0, router.mappings().size());

        assertEquals(200, soap(router, "AddPortMapping", add(81, "192.168.1.2", 81, "tcp", "0")).statusCode());
        assertEquals("TCP", router.mapping("TCP", 81).orElseThrow().protocol(), "stored as the router spells it");
        router.options().requireUpperCaseProtocol(true);
        assertFault(402, "Invalid Args", soap(router, "AddPortMapping", add(82, "192.168.1.2", 82, "udp", "0")));
    }

    @Test
    void enabledFlagIsHonouredUnlessTheRouterIgnoresIt() throws Exception {
        FakeRouter router = start(FakeRouter.Options.igd2());
        Map<String, String> disabled = add(9000, "192.168.1.2", 9000, "TCP", "0");
        disabled.put("NewEnabled", "0");
        assertEquals(200, soap(router, "AddPortMapping", disabled).statusCode());
        assertFalse(router.mapping("TCP", 9000).orElseThrow().enabled());
        assertEquals("0", value(soap(router, "GetSpecificPortMappingEntry", key(9000, "TCP")), "NewEnabled"));

        router.options().ignoresEnabled(true);
        assertEquals(200, soap(router, "AddPortMapping", disabled).statusCode());
        assertTrue(router.mapping("TCP", 9000).orElseThrow().enabled());
    }

    @Test
    void specificGenericAndDelete() throws Exception {
        FakeRouter router = start(FakeRouter.Options.igd2().mappings(
                FakeMapping.tcp(2000, "192.168.1.3", 22, "ssh").withLeaseSeconds(600)));
        HttpResponse<String> specific = soap(router, "GetSpecificPortMappingEntry", key(2000, "TCP"));
        assertEquals("22", value(specific, "NewInternalPort"));
        assertEquals("192.168.1.3", value(specific, "NewInternalClient"));
        assertEquals("ssh", value(specific, "NewPortMappingDescription"));
        assertEquals("600", value(specific, "NewLeaseDuration"));
        assertFault(714, "NoSuchEntryInArray", soap(router, "GetSpecificPortMappingEntry", key(2001, "TCP")));

        HttpResponse<String> first = soap(router, "GetGenericPortMappingEntry", Map.of("NewPortMappingIndex", "0"));
        assertEquals("2000", value(first, "NewExternalPort"));
        assertEquals("TCP", value(first, "NewProtocol"));
        assertEquals("", value(first, "NewRemoteHost"));
        assertFault(713, "SpecifiedArrayIndexInvalid", soap(router, "GetGenericPortMappingEntry", Map.of("NewPortMappingIndex", "1")));

        assertEquals(200, soap(router, "DeletePortMapping", key(2000, "TCP")).statusCode());
        assertTrue(router.mappings().isEmpty());
        assertFault(714, "NoSuchEntryInArray", soap(router, "DeletePortMapping", key(2000, "TCP")));
        router.options().deleteOfMissingSucceeds(true);
        assertEquals(200, soap(router, "DeletePortMapping", key(2000, "TCP")).statusCode());
    }

    @Test
    void addAnyPortMappingReservesTheNearestFreePort() throws Exception {
        FakeRouter router = start(FakeRouter.Options.igd2().mappings(
                FakeMapping.tcp(7000, "192.168.1.50", 7000, "someone else")));
        HttpResponse<String> reply = soap(router, "AddAnyPortMapping", add(7000, "192.168.1.2", 7000, "TCP", "0"));
        assertEquals(200, reply.statusCode());
        assertEquals("7001", value(reply, "NewReservedPort"));
        assertEquals("192.168.1.2", router.mapping("TCP", 7001).orElseThrow().internalClient());
    }

    @Test
    void deletePortMappingRangeRemovesOnlyThatProtocolAndRange() throws Exception {
        FakeRouter router = start(FakeRouter.Options.igd2().mappings(
                FakeMapping.tcp(100, "192.168.1.2", 100, "a"), FakeMapping.tcp(200, "192.168.1.2", 200, "b"),
                FakeMapping.udp(150, "192.168.1.2", 150, "c"), FakeMapping.tcp(300, "192.168.1.2", 300, "d")));
        Map<String, String> range = new LinkedHashMap<>(Map.of("NewStartPort", "100", "NewEndPort", "250",
                "NewProtocol", "TCP", "NewManage", "1"));
        assertEquals(200, soap(router, "DeletePortMappingRange", range).statusCode());
        assertEquals(List.of("UDP 150", "TCP 300"), router.mappings().stream().map(FakeMapping::key).toList());
        assertFault(730, "PortMappingNotFound", soap(router, "DeletePortMappingRange", range));
        range.put("NewStartPort", "400");
        assertFault(733, "InconsistentParameters", soap(router, "DeletePortMappingRange", range));
    }

    @Test
    void leasesRunOnAFakeClock() throws Exception {
        FakeRouter router = start(FakeRouter.Options.igd2());
        assertEquals(200, soap(router, "AddPortMapping", add(4000, "192.168.1.2", 4000, "UDP", "100")).statusCode());
        router.advanceClock(Duration.ofSeconds(60));
        assertEquals(40, router.mapping("UDP", 4000).orElseThrow().leaseSeconds());
        assertEquals("40", value(soap(router, "GetSpecificPortMappingEntry", key(4000, "UDP")), "NewLeaseDuration"));
        router.advanceClock(Duration.ofSeconds(40));
        assertTrue(router.mappings().isEmpty());
    }

    @Test
    void miniupnpdHabits() throws Exception {
        FakeRouter router = start(FakeRouter.Options.igd2().likeMiniupnpd());
        Map<String, String> disabled = add(5001, "192.168.1.2", 5001, "TCP", "0");
        disabled.put("NewEnabled", "0");
        assertEquals(200, soap(router, "AddPortMapping", disabled).statusCode());
        FakeMapping stored = router.mapping("TCP", 5001).orElseThrow();
        assertTrue(stored.enabled());
        assertEquals(604800, stored.leaseSeconds());
        assertEquals(200, soap(router, "DeletePortMapping", key(9999, "TCP")).statusCode());
        String listing = soap(router, "GetListOfPortMappings", list(0, 65535, "TCP", 0)).body();
        assertTrue(listing.contains("<NewPortListing><![CDATA[<p:PortMappingList"), listing);
        HttpResponse<String> empty = soap(router, "GetListOfPortMappings", list(0, 65535, "UDP", 0));
        assertEquals(200, empty.statusCode());
        assertTrue(empty.body().contains("</p:PortMappingList>]]>"));
    }

    @Test
    void secureModeRefusesMappingsForOtherClients() throws Exception {
        FakeRouter igd2 = start(FakeRouter.Options.igd2().secureMode("192.168.1.2"));
        assertFault(606, "Action not authorized", soap(igd2, "AddPortMapping", add(80, "192.168.1.3", 80, "TCP", "0")));
        assertEquals(200, soap(igd2, "AddPortMapping", add(80, "192.168.1.2", 80, "TCP", "0")).statusCode());
        FakeRouter igd1 = start(FakeRouter.Options.igd1().secureMode("192.168.1.2"));
        assertFault(718, "ConflictInMappingEntry", soap(igd1, IPCONN, WANIP1, "AddPortMapping", add(80, "192.168.1.3", 80, "TCP", "0")));
    }

    @Test
    void tableCapacityAndSilentlyDroppedAdds() throws Exception {
        FakeRouter router = start(FakeRouter.Options.igd2().tableCapacity(1));
        assertEquals(200, soap(router, "AddPortMapping", add(1, "192.168.1.2", 1, "TCP", "0")).statusCode());
        assertFault(728, "NoPortMapsAvailable", soap(router, "AddPortMapping", add(2, "192.168.1.2", 2, "TCP", "0")));

        router.options().tableCapacity(Integer.MAX_VALUE).addsNotStored(true);
        assertEquals(200, soap(router, "AddPortMapping", add(3, "192.168.1.2", 3, "TCP", "0")).statusCode());
        assertTrue(router.mapping("TCP", 3).isEmpty(), "PortMapper #137: 200 and nothing stored");
    }

    // ---- listing ----

    @Test
    void getListOfPortMappingsAnswersAnEscapedMiniupnpdStyleDocument() throws Exception {
        FakeRouter router = start(FakeRouter.Options.igd2().mappings(
                FakeMapping.tcp(1000, "192.168.1.2", 1000, "a & <b>").withLeaseSeconds(60),
                FakeMapping.udp(1001, "192.168.1.2", 1001, "udp"),
                FakeMapping.tcp(1002, "192.168.1.3", 22, "c")));
        HttpResponse<String> reply = soap(router, "GetListOfPortMappings", list(1000, 1001, "TCP", 10));
        assertEquals(200, reply.statusCode());
        String listing = value(reply, "NewPortListing");
        assertTrue(listing.startsWith("<p:PortMappingList xmlns:p=\"urn:schemas-upnp-org:gw:WANIPConnection\""), listing);
        Document doc = parseNs(listing);
        NodeList entries = doc.getElementsByTagNameNS("urn:schemas-upnp-org:gw:WANIPConnection", "PortMappingEntry");
        assertEquals(1, entries.getLength());
        Element entry = (Element) entries.item(0);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < entry.getChildNodes().getLength(); i++) {
            names.add(entry.getChildNodes().item(i).getLocalName());
        }
        assertEquals(List.of("NewRemoteHost", "NewExternalPort", "NewProtocol", "NewInternalPort", "NewInternalClient",
                "NewEnabled", "NewDescription", "NewLeaseTime"), names);
        assertEquals("a & <b>", entry.getElementsByTagNameNS("*", "NewDescription").item(0).getTextContent());
        assertEquals("60", entry.getElementsByTagNameNS("*", "NewLeaseTime").item(0).getTextContent());

        assertEquals(2, parseNs(value(soap(router, "GetListOfPortMappings", list(0, 65535, "TCP", 0)), "NewPortListing"))
                .getElementsByTagNameNS("*", "PortMappingEntry").getLength());
        assertEquals(1, parseNs(value(soap(router, "GetListOfPortMappings", list(0, 65535, "TCP", 1)), "NewPortListing"))
                .getElementsByTagNameNS("*", "PortMappingEntry").getLength());
        assertFault(730, "PortMappingNotFound", soap(router, "GetListOfPortMappings", list(5000, 6000, "TCP", 10)));
        assertFault(733, "InconsistentParameters", soap(router, "GetListOfPortMappings", list(6000, 5000, "TCP", 10)));

        router.options().listOfPortMappingsUnsupported(true);
        assertFault(401, "Invalid Action", soap(router, "GetListOfPortMappings", list(0, 65535, "TCP", 10)));
    }

    @Test
    void getListOfPortMappingsCrashTakesTheRouterDownUntilRestart() throws Exception {
        FakeRouter router = start(FakeRouter.Options.igd2().listOfPortMappingsCrashesAbove(2));
        router.preload(FakeMapping.tcp(1, "192.168.1.2", 1, ""), FakeMapping.tcp(2, "192.168.1.2", 2, ""));
        assertEquals(200, soap(router, "GetListOfPortMappings", list(0, 65535, "TCP", 10)).statusCode());
        router.preload(FakeMapping.tcp(3, "192.168.1.2", 3, ""));
        assertThrows(IOException.class, () -> soap(router, "GetListOfPortMappings", list(0, 65535, "TCP", 1)));
        assertTrue(router.isDown());
        assertThrows(IOException.class, () -> get(router.location()));
        router.restart();
        assertEquals(200, get(router.location()).statusCode());
        assertTrue(router.mappings().isEmpty(), "a restart without a lease file forgets every mapping");
    }

    @ParameterizedTest
    @EnumSource(value = FakeRouter.ListEnd.class, names = {"FAULT_713", "FAULT_714", "FAULT_402", "FAULT_899"})
    void listEndsWithTheConfiguredFault(FakeRouter.ListEnd end) throws Exception {
        FakeRouter router = start(FakeRouter.Options.igd2().listEnd(end).mappings(FakeMapping.tcp(1, "192.168.1.2", 1, "")));
        assertEquals(200, soap(router, "GetGenericPortMappingEntry", Map.of("NewPortMappingIndex", "0")).statusCode());
        int code = Integer.parseInt(end.name().substring("FAULT_".length()));
        assertFault(code, SoapFaults.describe(code), soap(router, "GetGenericPortMappingEntry", Map.of("NewPortMappingIndex", "1")));
    }

    @Test
    void listQuirks() throws Exception {
        FakeRouter router = start(FakeRouter.Options.igd2().listEnd(FakeRouter.ListEnd.HTTP_500_EMPTY).mappings(
                FakeMapping.tcp(1, "192.168.1.2", 1, "one"), FakeMapping.tcp(2, "192.168.1.2", 2, "two")));
        HttpResponse<String> empty = soap(router, "GetGenericPortMappingEntry", Map.of("NewPortMappingIndex", "2"));
        assertEquals(500, empty.statusCode());
        assertEquals("", empty.body());

        router.options().listStartsAtOne(true).listEnd(FakeRouter.ListEnd.FAULT_713);
        assertFault(713, "SpecifiedArrayIndexInvalid", soap(router, "GetGenericPortMappingEntry", Map.of("NewPortMappingIndex", "0")));
        assertEquals("one", value(soap(router, "GetGenericPortMappingEntry", Map.of("NewPortMappingIndex", "1")), "NewPortMappingDescription"));
        assertEquals("two", value(soap(router, "GetGenericPortMappingEntry", Map.of("NewPortMappingIndex", "2")), "NewPortMappingDescription"));

        router.options().listStartsAtOne(false).listEnd(FakeRouter.ListEnd.REPEAT_LAST);
        assertEquals("two", value(soap(router, "GetGenericPortMappingEntry", Map.of("NewPortMappingIndex", "57")), "NewPortMappingDescription"));

        router.options().listEnd(FakeRouter.ListEnd.NEVER_ENDS);
        String a = value(soap(router, "GetGenericPortMappingEntry", Map.of("NewPortMappingIndex", "1000")), "NewExternalPort");
        String b = value(soap(router, "GetGenericPortMappingEntry", Map.of("NewPortMappingIndex", "1001")), "NewExternalPort");
        assertFalse(a.equals(b), "never-ending entries differ from each other");

        router.options().listIgnoresIndex(true);
        assertEquals("one", value(soap(router, "GetGenericPortMappingEntry", Map.of("NewPortMappingIndex", "1")), "NewPortMappingDescription"));
        assertFault(402, "Invalid Args", soap(router, "GetGenericPortMappingEntry", Map.of("NewPortMappingIndex", "abc")));
    }

    @Test
    void junkEntriesAreReportedAsStored() throws Exception {
        FakeRouter router = start(FakeRouter.Options.igd2().mappings(JunkMappings.all()));
        List<String> externalPorts = new ArrayList<>();
        for (int i = 0; i < JunkMappings.all().size(); i++) {
            HttpResponse<String> r = soap(router, "GetGenericPortMappingEntry", Map.of("NewPortMappingIndex", Integer.toString(i)));
            assertEquals(200, r.statusCode());
            externalPorts.add(rawValue(r.body(), "NewExternalPort"));
        }
        assertTrue(externalPorts.contains("70000"));
        assertTrue(externalPorts.contains("abc"));
        String huge = rawValue(soap(router, "GetGenericPortMappingEntry", Map.of("NewPortMappingIndex", "0")).body(),
                "NewPortMappingDescription");
        assertEquals(10 * 1024, huge.length());
        assertEquals("tcp", rawValue(soap(router, "GetGenericPortMappingEntry", Map.of("NewPortMappingIndex", "7")).body(), "NewProtocol"));

        router.options().escapeValues(false);
        String body = soap(router, "GetGenericPortMappingEntry", Map.of("NewPortMappingIndex", "2")).body();
        assertTrue(body.contains("a & b <script>alert(1)</script>"), "unescaped, as a printf router sends it");
    }

    // ---- injected failures ----

    @Test
    void faultRules() throws Exception {
        FakeRouter router = start(FakeRouter.Options.igd2()
                .fault(FaultRule.onlyPermanentLeases())
                .fault(FaultRule.samePortValuesRequired()));
        assertFault(725, "OnlyPermanentLeasesSupported", soap(router, "AddPortMapping", add(80, "192.168.1.2", 80, "TCP", "3600")));
        assertFault(724, "SamePortValuesRequired", soap(router, "AddPortMapping", add(80, "192.168.1.2", 81, "TCP", "0")));
        assertEquals(200, soap(router, "AddPortMapping", add(80, "192.168.1.2", 80, "TCP", "0")).statusCode());

        router.clearFaults();
        router.failNext("GetExternalIPAddress", 2, 501);
        assertFault(501, "Action Failed", soap(router, "GetExternalIPAddress", Map.of()));
        assertFault(501, "Action Failed", soap(router, "GetExternalIPAddress", Map.of()));
        assertEquals(200, soap(router, "GetExternalIPAddress", Map.of()).statusCode());

        router.addFault(FaultRule.fault("AddPortMapping", 729));
        assertFault(729, "ConflictWithOtherMechanisms", soap(router, "AddPortMapping", add(90, "192.168.1.2", 90, "TCP", "0")));
        router.clearFaults();
        router.addFault(FaultRule.rejectsPermanentLease(402).describedAs("Invalid Argument"));
        assertFault(402, "Invalid Argument", soap(router, "AddPortMapping", add(90, "192.168.1.2", 90, "TCP", "0")));
        assertEquals(200, soap(router, "AddPortMapping", add(90, "192.168.1.2", 90, "TCP", "7200")).statusCode());

        router.clearFaults();
        router.addFault(FaultRule.emptyHttp500("GetStatusInfo"));
        router.addFault(FaultRule.dropConnection("GetExternalIPAddress"));
        HttpResponse<String> empty = soap(router, "GetStatusInfo", Map.of());
        assertEquals(500, empty.statusCode());
        assertEquals("", empty.body());
        assertThrows(IOException.class, () -> soap(router, "GetExternalIPAddress", Map.of()));
        assertFalse(router.isDown(), "a dropped call is not a crash");
    }

    @Test
    void delaysHoldTheAnswer() throws Exception {
        FakeRouter router = start(FakeRouter.Options.igd2().actionDelay("GetStatusInfo", Duration.ofMillis(300)));
        long t0 = System.nanoTime();
        assertEquals(200, soap(router, "GetStatusInfo", Map.of()).statusCode());
        assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(300).toNanos());

        router.setCallDelay(Duration.ofSeconds(5));
        HttpRequest request = soapRequest(router.baseUri().resolve(IPCONN), WANIP2, "GetExternalIPAddress", Map.of())
                .timeout(Duration.ofMillis(200)).build();
        assertThrows(HttpTimeoutException.class, () -> http.send(request, HttpResponse.BodyHandlers.ofString()));
        assertEquals(2, router.callCount(), "a call is logged before its delay");
    }

    // ---- the call log ----

    @Test
    void callLogRecordsArgumentsByLocalName() throws Exception {
        FakeRouter router = start(FakeRouter.Options.igd2());
        String body = "<?xml version=\"1.0\"?><SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<SOAP-ENV:Body><m:AddPortMapping xmlns:m=\"" + WANIP2 + "\">"
                + "<m:NewRemoteHost></m:NewRemoteHost><m:NewExternalPort>6000</m:NewExternalPort>"
                + "<NewProtocol>UDP</NewProtocol><x:NewInternalPort>6000</x:NewInternalPort>"
                + "<NewInternalClient>192.168.1.7</NewInternalClient><NewEnabled>1</NewEnabled>"
                + "<NewPortMappingDescription>game</NewPortMappingDescription><NewLeaseDuration>0</NewLeaseDuration>"
                + "</m:AddPortMapping></SOAP-ENV:Body></SOAP-ENV:Envelope>";
        HttpRequest request = HttpRequest.newBuilder(router.baseUri().resolve(IPCONN))
                .header("Content-Type", "text/xml; charset=\"utf-8\"")
                .header("SOAPAction", "\"" + WANIP2 + "#AddPortMapping\"")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        assertEquals(200, http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode(),
                "an undeclared prefix (x:) is tolerated");

        SoapCall call = router.lastCall("AddPortMapping").orElseThrow();
        assertEquals("6000", call.arg("NewExternalPort"));
        assertEquals("6000", call.arg("NewInternalPort"));
        assertEquals("UDP", call.arg("NewProtocol"));
        assertEquals("", call.arg("NewRemoteHost"));
        assertEquals(WANIP2, call.serviceType());
        assertEquals("AddPortMapping", call.bodyAction());
        assertEquals(IPCONN, call.path());
        assertEquals("\"" + WANIP2 + "#AddPortMapping\"", call.soapActionHeader());
        assertTrue(call.header("content-type").startsWith("text/xml"));
        assertEquals(1, router.callCount("AddPortMapping"));
        assertTrue(router.calls().stream().noneMatch(c -> "0".equals(c.arg("NewExternalPort"))));
        assertEquals(6000, router.mapping("UDP", 6000).orElseThrow().externalPort());

        get(router.location());
        assertTrue(router.requests().contains(new FakeRouter.Request("GET", "/rootDesc.xml")));
        assertTrue(router.requests().contains(new FakeRouter.Request("POST", IPCONN)));
    }

    @Test
    void missingSoapActionOrBrokenBody() throws Exception {
        FakeRouter router = start(FakeRouter.Options.igd2());
        HttpRequest noHeader = HttpRequest.newBuilder(router.baseUri().resolve(IPCONN))
                .POST(HttpRequest.BodyPublishers.ofString(envelope(WANIP2, "GetExternalIPAddress", Map.of()))).build();
        assertFault(401, "Invalid Action", http.send(noHeader, HttpResponse.BodyHandlers.ofString()));
        assertEquals("GetExternalIPAddress", router.lastCall("GetExternalIPAddress").orElseThrow().bodyAction());

        HttpRequest broken = HttpRequest.newBuilder(router.baseUri().resolve(IPCONN))
                .header("SOAPAction", "\"" + WANIP2 + "#GetExternalIPAddress\"")
                .POST(HttpRequest.BodyPublishers.ofString("<s:Envelope><unclosed>")).build();
        assertFault(402, "Invalid Args", http.send(broken, HttpResponse.BodyHandlers.ofString()));
    }

    // ---- raw answers and hostile input ----

    @Test
    void rawAnswersOverrideAnyPath() throws Exception {
        FakeRouter router = start(FakeRouter.Options.igd2());
        URI canary = router.canaryUri("redirect");
        router.serveRaw("/rootDesc.xml", FakeResponse.redirect(canary.toString()));
        HttpResponse<String> redirect = get(router.location());
        assertEquals(302, redirect.statusCode());
        assertEquals(canary.toString(), redirect.headers().firstValue("Location").orElseThrow());
        assertTrue(router.canaryHits().isEmpty(), "nothing followed it");
        get(canary);
        assertEquals(List.of("/canary/redirect"), router.canaryHits());

        router.serveRaw("/big", FakeResponse.of(200, "text/xml", "<a>").repeatedTo(5_000_000));
        HttpResponse<InputStream> big = http.send(HttpRequest.newBuilder(router.baseUri().resolve("/big")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = big.body()) {
            assertEquals(5_000_000, in.transferTo(java.io.OutputStream.nullOutputStream()));
        }

        router.serveRaw("/drip", FakeResponse.xml("<root/>").drippedEvery(Duration.ofMillis(40)));
        long t0 = System.nanoTime();
        assertEquals("<root/>", get(router.baseUri().resolve("/drip")).body());
        assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(7 * 40 - 40).toNanos());

        router.serveRaw("/png", FakeResponse.of(200, "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
        assertEquals("image/png", get(router.baseUri().resolve("/png")).headers().firstValue("Content-Type").orElseThrow());

        router.serveRaw("/gone", FakeResponse.closeWithoutAnswer());
        assertThrows(IOException.class, () -> get(router.baseUri().resolve("/gone")));

        router.respondRaw("GetExternalIPAddress", FakeResponse.soapFault(899, "Thomson junk"));
        assertFault(899, "Thomson junk", soap(router, "GetExternalIPAddress", Map.of()));
        assertEquals(1, router.callCount("GetExternalIPAddress"), "raw answers are still logged");
    }

    @Test
    void hostilePayloadsAreLiveAgainstAnUnhardenedParser() throws Exception {
        FakeRouter router = start(FakeRouter.Options.igd2());
        router.serveRaw("/xxe.xml", FakeResponse.xml(HostileXml.descriptionWithExternalEntity(router.canaryUri("xxe"))));
        byte[] body = http.send(HttpRequest.newBuilder(router.baseUri().resolve("/xxe.xml")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        // The JDK's default parser resolves the entity: exactly what the engine must not do.
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(body));
        assertEquals("canary", text(doc, "friendlyName"));
        assertEquals(List.of("/canary/xxe"), router.canaryHits());

        DocumentBuilderFactory secure = DocumentBuilderFactory.newInstance();
        secure.setFeature(javax.xml.XMLConstants.FEATURE_SECURE_PROCESSING, true);
        byte[] laughs = HostileXml.billionLaughs().getBytes(StandardCharsets.UTF_8);
        javax.xml.parsers.DocumentBuilder quiet = secure.newDocumentBuilder();
        quiet.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
        assertThrows(org.xml.sax.SAXException.class,
                () -> quiet.parse(new ByteArrayInputStream(laughs)), "the entity limit trips");
    }

    @Test
    void customDescriptionsAreServedAndHostileOnesAnswerNoSoap() throws Exception {
        String custom = "<?xml version=\"1.0\"?><root xmlns=\"urn:schemas-upnp-org:device-1-0\"><URLBase>{BASE}/base/</URLBase>"
                + "<device><deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType><serviceList><service>"
                + "<serviceType>" + WANIP1 + "</serviceType><serviceId>urn:upnp-org:serviceId:WANIPConn1</serviceId>"
                + "<SCPDURL>scpd.xml</SCPDURL><controlURL>control</controlURL><eventSubURL>event</eventSubURL>"
                + "</service></serviceList></device></root>";
        FakeRouter router = start(FakeRouter.Options.description(custom));
        assertTrue(get(router.location()).body().contains("<URLBase>" + router.baseUri() + "/base/</URLBase>"));
        assertEquals("/base/control", router.wan().controlPath(), "relative to URLBase");
        assertEquals(200, soap(router, "/base/control", WANIP1, "GetExternalIPAddress", Map.of()).statusCode());
        assertEquals(200, get(router.baseUri().resolve("/base/scpd.xml")).statusCode());

        FakeRouter laughs = start(FakeRouter.Options.description(HostileXml.billionLaughs()));
        assertTrue(laughs.wans().isEmpty());
        assertTrue(get(laughs.location()).body().contains("&lol9;"));
    }

    @Test
    void capturedRejectsPathsAndUnknownNames() {
        assertThrows(IllegalArgumentException.class, () -> FakeRouter.Options.captured("../pom.xml"));
        assertThrows(IllegalArgumentException.class, () -> FakeRouter.Options.captured("no-such-router-rootdesc.xml"));
    }

    // ---- helpers ----

    private static Map<String, String> add(int external, String client, int internal, String protocol, String lease) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("NewRemoteHost", "");
        args.put("NewExternalPort", Integer.toString(external));
        args.put("NewProtocol", protocol);
        args.put("NewInternalPort", Integer.toString(internal));
        args.put("NewInternalClient", client);
        args.put("NewEnabled", "1");
        args.put("NewPortMappingDescription", "test");
        args.put("NewLeaseDuration", lease);
        return args;
    }

    private static Map<String, String> key(int external, String protocol) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("NewRemoteHost", "");
        args.put("NewExternalPort", Integer.toString(external));
        args.put("NewProtocol", protocol);
        return args;
    }

    private static Map<String, String> list(int start, int end, String protocol, int number) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("NewStartPort", Integer.toString(start));
        args.put("NewEndPort", Integer.toString(end));
        args.put("NewProtocol", protocol);
        args.put("NewManage", "1");
        args.put("NewNumberOfPorts", Integer.toString(number));
        return args;
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> soap(FakeRouter router, String action, Map<String, String> args)
            throws IOException, InterruptedException {
        return soap(router, IPCONN, WANIP2, action, args);
    }

    private HttpResponse<String> soap(FakeRouter router, String path, String serviceType, String action,
            Map<String, String> args) throws IOException, InterruptedException {
        return soap(router.baseUri().resolve(path), serviceType, action, args);
    }

    private HttpResponse<String> soap(URI control, String serviceType, String action, Map<String, String> args)
            throws IOException, InterruptedException {
        return http.send(soapRequest(control, serviceType, action, args).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder soapRequest(URI control, String serviceType, String action, Map<String, String> args) {
        return HttpRequest.newBuilder(control)
                .header("Content-Type", "text/xml; charset=\"utf-8\"")
                .header("SOAPAction", "\"" + serviceType + "#" + action + "\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope(serviceType, action, args)));
    }

    private static String envelope(String serviceType, String action, Map<String, String> args) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\r\n<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><s:Body>");
        sb.append("<u:").append(action).append(" xmlns:u=\"").append(serviceType).append("\">");
        args.forEach((k, v) -> sb.append('<').append(k).append('>').append(v).append("</").append(k).append('>'));
        return sb.append("</u:").append(action).append("></s:Body></s:Envelope>\r\n").toString();
    }

    /** An output argument's text from a 200 answer, parsed as XML. */
    private static String value(HttpResponse<String> response, String argument) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return text(parse(response.body()), argument);
    }

    /** An element's text by regex, for answers that are not well-formed on purpose. */
    private static String rawValue(String body, String element) {
        Matcher m = Pattern.compile("<" + element + ">(.*?)</" + element + ">", Pattern.DOTALL).matcher(body);
        assertTrue(m.find(), element + " in " + body);
        return m.group(1);
    }

    private static void assertFault(int code, String description, HttpResponse<String> response) throws Exception {
        assertEquals(500, response.statusCode(), response.body());
        Document doc = parseNs(response.body());
        Element fault = (Element) doc.getElementsByTagNameNS("http://schemas.xmlsoap.org/soap/envelope/", "Fault").item(0);
        assertEquals("s:Client", fault.getElementsByTagName("faultcode").item(0).getTextContent());
        assertEquals("UPnPError", fault.getElementsByTagName("faultstring").item(0).getTextContent());
        Element error = (Element) doc.getElementsByTagNameNS("urn:schemas-upnp-org:control-1-0", "UPnPError").item(0);
        assertEquals(Integer.toString(code), error.getElementsByTagNameNS("*", "errorCode").item(0).getTextContent());
        assertEquals(description, error.getElementsByTagNameNS("*", "errorDescription").item(0).getTextContent());
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static Document parseNs(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Document doc, String tag) {
        List<String> all = texts(doc, tag);
        assertFalse(all.isEmpty(), "no <" + tag + ">");
        return all.get(0);
    }

    private static List<String> texts(Document doc, String tag) {
        List<String> out = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagName("*");
        for (int i = 0; i < nodes.getLength(); i++) {
            String name = nodes.item(i).getNodeName();
            if (name.equals(tag) || name.endsWith(":" + tag)) {
                out.add(nodes.item(i).getTextContent());
            }
        }
        return out;
    }

    private byte[] resource(String name) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(name)) {
            assertTrue(in != null, name);
            return in.readAllBytes();
        }
    }
}
