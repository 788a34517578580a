package net.portforward.engine.upnp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.model.DeviceDescription;
import net.portforward.engine.model.ServiceRef;
import net.portforward.engine.net.GatewayAddressPolicy;
import net.portforward.testing.RouterData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Real routers' descriptions, table-driven: which WAN services we find and where they point. */
class DescriptionParserTest {
    private static final String IP1 = "urn:schemas-upnp-org:service:WANIPConnection:1";
    private static final String IP2 = "urn:schemas-upnp-org:service:WANIPConnection:2";
    private static final String PPP1 = "urn:schemas-upnp-org:service:WANPPPConnection:1";

    static Stream<Arguments> routers() {
        return Stream.of(
                // file, the router's address, IGD version, WAN services in document order, first control URL
                Arguments.of("actiontec-gt784wn-rootdesc.xml", "192.168.0.1", 1, List.of(PPP1),
                        "http://192.168.0.1:5431/uuid:"),
                Arguments.of("avm-fritzbox-7590-rootdesc.xml", "192.168.178.1", 1, List.of(IP1),
                        "http://192.168.178.1:49000/igdupnp/control/WANIPConn1"),
                Arguments.of("cisco-cga4131com-rootdesc.xml", "10.0.0.1", 1, List.of(IP1),
                        "http://10.0.0.1:49152/upnp/control/WANIPConnection0"),
                Arguments.of("ddwrt-tplink-tl-wr841nd-v9-rootdesc.xml", "192.168.1.1", 1, List.of(IP1),
                        "http://192.168.1.1:49152/control?WANIPConnection"),
                Arguments.of("ddwrt-v24-generic-x86-rootdesc.xml", "192.168.1.1", 1, List.of(IP1, PPP1),
                        "http://192.168.1.1:49152/uuid:"),
                Arguments.of("dlink-dir890l-rootdesc.xml", "10.0.0.1", 1, List.of(IP1),
                        "http://10.0.0.1:49152/soap.cgi?service=WANIPConn1"),
                Arguments.of("google-wifi-onhub-rootdesc.xml", "192.168.86.1", 2, List.of(IP2),
                        "http://192.168.86.1:5000/ctl/IPConn"),
                // TR-064 names only: its WANPPPConnection is usable all the same (tailscale #10911).
                Arguments.of("huawei-hg531v1-rootdesc.xml", "192.168.1.1", 1, List.of(ServiceRef.LEGACY_WAN_PPP_1),
                        "http://192.168.1.1:49152/ctrlt/WANPPPConnection_1"),
                Arguments.of("linksys-wag200g-rootdesc.xml", "192.168.1.1", 1, List.of(PPP1),
                        "http://192.168.1.1:49152/upnp/control/WANPPPConn1"),
                Arguments.of("mikrotik-routeros-chr-7.10-rootdesc.xml", "10.0.0.1", 1, List.of(IP1, IP1),
                        "http://10.0.0.1:2828/upnp/control/"),
                Arguments.of("mobileap-9x45-miniupnpd-1.8-rootdesc.xml", "192.168.225.1", 2, List.of(IP2),
                        "http://192.168.225.1:43412/ctl/IPConn"),
                Arguments.of("netgear-r7500v2-rootdesc.xml", "192.168.0.1", 1, List.of(IP1),
                        "http://192.168.0.1:5555/ctl/IPConn"),
                Arguments.of("pfsense-2.5.0-rootdesc.xml", "192.168.1.1", 1, List.of(IP1),
                        "http://192.168.1.1:2189/ctl/IPConn"),
                // The Livebox names its WANIPConnection:2 "WANPPPConnection:2"; we accept it.
                Arguments.of("sagemcom-orange-livebox-rootdesc.xml", "192.168.1.1", 2,
                        List.of("urn:schemas-upnp-org:service:WANPPPConnection:2"),
                        "http://192.168.1.1:49152/87895a19/upnp/control/WANIPConn1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routers")
    void readsTheWanServicesOfRealRouters(String file, String ip, int igd, List<String> wanTypes, String controlPrefix)
            throws Exception {
        URI location = URI.create(locationFor(file, ip));
        DescriptionParser.Result r = DescriptionParser.parse(RouterData.bytes(file), location,
                new GatewayAddressPolicy(InetAddress.getByName(ip)));
        DeviceDescription d = r.description();
        assertEquals(igd, d.igdVersion(), "IGD version");
        assertEquals(wanTypes, d.wanConnectionServices().stream().map(ServiceRef::serviceType).toList());
        if (!wanTypes.isEmpty()) {
            String control = d.wanConnectionServices().get(0).controlUrl().toString();
            assertTrue(control.startsWith(controlPrefix), control);
        }
        assertFalse(d.friendlyName().isEmpty() && d.modelName().isEmpty(), "a name to show");
    }

    /** Where each router served its description (ports as their captures show). */
    private static String locationFor(String file, String ip) {
        String port = switch (file) {
            case "actiontec-gt784wn-rootdesc.xml" -> "5431";
            case "avm-fritzbox-7590-rootdesc.xml" -> "49000";
            case "google-wifi-onhub-rootdesc.xml" -> "5000";
            case "mikrotik-routeros-chr-7.10-rootdesc.xml" -> "2828";
            case "mobileap-9x45-miniupnpd-1.8-rootdesc.xml" -> "43412";
            case "netgear-r7500v2-rootdesc.xml" -> "5555";
            case "pfsense-2.5.0-rootdesc.xml" -> "2189";
            default -> "49152";
        };
        return "http://" + ip + ":" + port + "/rootDesc.xml";
    }

    @Test
    void mikrotikTwoWanDevicesGiveTwoServicesWithTheirOwnUdn() throws Exception {
        DeviceDescription d = DescriptionParser.parse(RouterData.bytes("mikrotik-routeros-chr-7.10-rootdesc.xml"),
                URI.create("http://10.0.0.1:2828/desc"), new GatewayAddressPolicy(InetAddress.getByName("10.0.0.1")))
                .description();
        List<ServiceRef> wan = d.wanConnectionServices();
        assertEquals(2, wan.size());
        assertFalse(wan.get(0).deviceUdn().equals(wan.get(1).deviceUdn()));
        assertFalse(wan.get(0).controlUrl().equals(wan.get(1).controlUrl()));
    }

    @Test
    void urlBaseToAnotherHostIsIgnoredAndReported() throws Exception {
        // The D-Link's URLBase names 10.0.0.1; served from 10.0.0.99 it must not send us there.
        DescriptionParser.Result r = DescriptionParser.parse(RouterData.bytes("dlink-dir890l-rootdesc.xml"),
                URI.create("http://10.0.0.99:49152/InternetGatewayDevice.xml"),
                new GatewayAddressPolicy(InetAddress.getByName("10.0.0.99")));
        assertTrue(r.warnings().stream().anyMatch(w -> w.english().contains("URLBase") && w.english().contains("10.0.0.1")), r.warnings().toString());
        for (ServiceRef s : r.description().services()) {
            assertEquals("10.0.0.99", s.controlUrl().getHost());
        }
    }

    @Test
    void controlUrlToAnotherHostDropsTheService() throws Exception {
        String xml = "<root xmlns=\"urn:schemas-upnp-org:device-1-0\"><device>"
                + "<deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType><friendlyName>x</friendlyName>"
                + "<serviceList><service><serviceType>" + IP1 + "</serviceType><serviceId>a</serviceId>"
                + "<controlURL>http://169.254.169.254/latest/meta-data</controlURL></service></serviceList>"
                + "</device></root>";
        DescriptionParser.Result r = DescriptionParser.parse(xml.getBytes(StandardCharsets.UTF_8),
                URI.create("http://192.168.1.1:5000/d.xml"), new GatewayAddressPolicy(InetAddress.getByName("192.168.1.1")));
        assertTrue(r.description().wanConnectionServices().isEmpty());
        assertTrue(r.warnings().get(0).english().contains("169.254.169.254"), r.warnings().toString());
    }

    static Stream<Arguments> presentationUrls() {
        return Stream.of(
                // what the router sent, what the engine keeps ("" = dropped with a warning)
                Arguments.of("http://192.168.1.1/index.htm", "http://192.168.1.1/index.htm"),
                Arguments.of("https://192.168.1.1/", "https://192.168.1.1/"),
                Arguments.of("HTTPS://192.168.1.1:8443/admin", "HTTPS://192.168.1.1:8443/admin"),
                Arguments.of("/cgi-bin/luci", "http://192.168.1.1:5000/cgi-bin/luci"),
                Arguments.of("index.html", "http://192.168.1.1:5000/desc/index.html"),
                Arguments.of("http://10.0.0.5/", ""),
                Arguments.of("https://192.168.1.2/", ""),
                Arguments.of("http://127.0.0.1/", ""),
                Arguments.of("http://fritz.box", ""),
                Arguments.of("https://evil.example/", ""),
                Arguments.of("http://192.168.1.1.evil.example/", ""),
                Arguments.of("//evil.example/login", ""),
                Arguments.of("javascript:alert(document.cookie)", ""),
                Arguments.of("JavaScript:alert(1)", ""),
                Arguments.of("file:///etc/passwd", ""),
                Arguments.of("data:text/html,<script>alert(1)</script>", ""),
                Arguments.of("http://admin:secret@192.168.1.1/", ""),
                Arguments.of("https://evil.example@192.168.1.1/", ""),
                Arguments.of("https://192.168.1.1@evil.example/", ""),
                Arguments.of("http://[::1]/", ""),
                Arguments.of("https://192.168.1.1/\\evil", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presentationUrls")
    void theAdminPageLinkLeadsOnlyToTheRouter(String sent, String kept) throws Exception {
        String xml = "<root xmlns=\"urn:schemas-upnp-org:device-1-0\"><device>"
                + "<deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType><friendlyName>x</friendlyName>"
                + "<presentationURL>" + sent.replace("&", "&amp;").replace("<", "&lt;") + "</presentationURL>"
                + "</device></root>";
        DescriptionParser.Result r = DescriptionParser.parse(xml.getBytes(StandardCharsets.UTF_8),
                URI.create("http://192.168.1.1:5000/desc/root.xml"),
                new GatewayAddressPolicy(InetAddress.getByName("192.168.1.1")));
        assertEquals(kept, r.description().presentationUrl());
        if (kept.isEmpty()) {
            assertEquals(1, r.warnings().size(), r.warnings()::toString);
            assertTrue(r.warnings().get(0).english().startsWith("Ignored the router's presentationURL"), r.warnings()::toString);
        } else {
            assertEquals(List.of(), r.warnings());
        }
    }

    @Test
    void realRoutersAdminPagesArePinnedToTheirAddress() throws Exception {
        // pfSense names an https page on itself; the FRITZ!Box names "fritz.box", which a LAN
        // impostor or its DNS could point anywhere.
        DescriptionParser.Result pfsense = DescriptionParser.parse(RouterData.bytes("pfsense-2.5.0-rootdesc.xml"),
                URI.create("http://192.168.1.1:2189/rootDesc.xml"), new GatewayAddressPolicy(InetAddress.getByName("192.168.1.1")));
        assertEquals("https://192.168.1.1/", pfsense.description().presentationUrl());
        DescriptionParser.Result fritz = DescriptionParser.parse(RouterData.bytes("avm-fritzbox-7590-rootdesc.xml"),
                URI.create("http://192.168.178.1:49000/igddesc.xml"),
                new GatewayAddressPolicy(InetAddress.getByName("192.168.178.1")));
        assertEquals("", fritz.description().presentationUrl());
        assertTrue(fritz.warnings().stream().anyMatch(w -> w.english().contains("presentationURL") && w.english().contains("fritz.box")),
                fritz.warnings()::toString);
    }

    @Test
    void notADeviceDescriptionIsRefused() {
        assertThrows(RouterProtocolException.class, () -> DescriptionParser.parse(
                "<html/>".getBytes(StandardCharsets.UTF_8), URI.create("http://192.168.1.1/"),
                new GatewayAddressPolicy(InetAddress.getByName("192.168.1.1"))));
    }

    @Test
    void linksysUdnSplitByANewlineIsJoined() throws Exception {
        DeviceDescription d = DescriptionParser.parse(RouterData.bytes("linksys-wag200g-rootdesc.xml"),
                URI.create("http://192.168.1.1:49152/desc"), new GatewayAddressPolicy(InetAddress.getByName("192.168.1.1")))
                .description();
        assertFalse(d.udn().contains("\n"));
        assertTrue(d.udn().startsWith("uuid:"), d.udn());
    }
}
