package net.portforward.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Root device descriptions for {@link FakeRouter}: four built-in shapes, and the real routers'
 * captures in {@code src/test/resources/routers} with their foreign URLs pointed at the fake.
 */
final class DescriptionTemplates {

    /** A service as the description declares it, with its URLs resolved against the fake. */
    record ServiceEntry(String serviceType, String serviceId, String scpdPath, String controlPath, String eventPath) {}

    private record Svc(String type, String id, String scpd, String control, String event) {}

    private record Dev(String type, String name, String udn, List<Svc> services, List<Dev> children) {}

    private static final String UPNP = "urn:schemas-upnp-org:";
    private static final String ROUTERS_DIR = "routers/";

    private DescriptionTemplates() {}

    /** A built-in description. {@code base} is "http://127.0.0.1:PORT". */
    static String render(FakeRouter.Template template, String base) {
        return render(template, base, false);
    }

    /**
     * With {@code ipv6Firewall}, miniupnpd's IGD:2 tree also has WANIPv6FirewallControl:1 in its
     * WANConnectionDevice, at /ctl/IP6FCtl (what miniupnpd 2.3.1 serves, LAB.md).
     */
    static String render(FakeRouter.Template template, String base, boolean ipv6Firewall) {
        if (ipv6Firewall && template != FakeRouter.Template.IGD2_MINIUPNPD) {
            throw new IllegalArgumentException("the IPv6 firewall comes with the IGD:2 template only");
        }
        return switch (template) {
            case IGD2_MINIUPNPD -> miniupnpdLike(2, base, ipv6Firewall);
            case IGD1_WANIP -> miniupnpdLike(1, base, false);
            case IGD1_PPP_ONLY -> pppOnly(base);
            case MIKROTIK_TWO_WAN -> mikrotik(base);
            case HUAWEI_TR064 -> huaweiTr064(base);
        };
    }

    /**
     * miniupnpd's tree (genxml in upnpdescgen.c): Layer3Forwarding on the root, a WANDevice with
     * WANCommonInterfaceConfig, a WANConnectionDevice with WANIPConnection, paths /ctl/...;
     * version 2 is what miniupnpd 2.x serves unless force_igd_desc_v1=yes (LAB.md).
     */
    private static String miniupnpdLike(int v, String base, boolean ipv6Firewall) {
        List<Svc> services = new java.util.ArrayList<>(List.of(new Svc(UPNP + "service:WANIPConnection:" + v,
                "urn:upnp-org:serviceId:WANIPConn1", "/WANIPCn.xml", "/ctl/IPConn", "/evt/IPConn")));
        if (ipv6Firewall) {
            services.add(new Svc(FakeFirewall.SERVICE_TYPE, "urn:upnp-org:serviceId:WANIPv6Firewall1", "/WANIP6FC.xml",
                    FakeFirewall.CONTROL_PATH, "/evt/IP6FCtl"));
        }
        Dev connection = new Dev(UPNP + "device:WANConnectionDevice:" + v, "WANConnectionDevice",
                "uuid:fa4e0000-0000-4000-8000-000000000003", services, List.of());
        Dev wan = new Dev(UPNP + "device:WANDevice:" + v, "WANDevice", "uuid:fa4e0000-0000-4000-8000-000000000002",
                List.of(new Svc(UPNP + "service:WANCommonInterfaceConfig:1", "urn:upnp-org:serviceId:WANCommonIFC1",
                        "/WANCfg.xml", "/ctl/CmnIfCfg", "/evt/CmnIfCfg")),
                List.of(connection));
        Dev root = new Dev(UPNP + "device:InternetGatewayDevice:" + v, "FakeRouter IGD:" + v + " (miniupnpd-like)",
                "uuid:fa4e0000-0000-4000-8000-000000000001",
                List.of(new Svc(UPNP + "service:Layer3Forwarding:1", "urn:upnp-org:serviceId:L3Forwarding1",
                        "/L3F.xml", "/ctl/L3F", "/evt/L3F")),
                List.of(wan));
        return document(root, v == 2 ? "1" : "0", base);
    }

    /**
     * An ADSL router that offers WANPPPConnection:1 only, with the Linksys WAG200G's paths
     * (routers/linksys-wag200g-rootdesc.xml). Clients that look for WANIPConnection miss it.
     */
    private static String pppOnly(String base) {
        Dev connection = new Dev(UPNP + "device:WANConnectionDevice:1", "WANConnectionDevice",
                "uuid:fa4e0000-0000-4000-8000-000000000013",
                List.of(new Svc(UPNP + "service:WANPPPConnection:1", "urn:upnp-org:serviceId:WANPPPConn1",
                        "/pppcfg.xml", "/upnp/control/WANPPPConn1", "/upnp/event/WANPPPConn1")),
                List.of());
        Dev wan = new Dev(UPNP + "device:WANDevice:1", "WANDevice", "uuid:fa4e0000-0000-4000-8000-000000000012",
                List.of(new Svc(UPNP + "service:WANCommonInterfaceConfig:1", "urn:upnp-org:serviceId:WANCommonIFC1",
                        "/cmnicfg.xml", "/upnp/control/WANCommonIFC1", "/upnp/event/WANCommonIFC1")),
                List.of(connection));
        Dev root = new Dev(UPNP + "device:InternetGatewayDevice:1", "FakeRouter IGD:1 (PPP only)",
                "uuid:fa4e0000-0000-4000-8000-000000000011",
                List.of(new Svc(UPNP + "service:Layer3Forwarding:1", "urn:upnp-org:serviceId:L3Forwarding1",
                        "/l3frwd.xml", "/upnp/control/L3Forwarding1", "/upnp/event/L3Forwarding1")),
                List.of(wan));
        return document(root, "0", base);
    }

    /**
     * MikroTik RouterOS 7.10 (routers/mikrotik-routeros-chr-7.10-rootdesc.xml, tailscale
     * #8364): two WANDevices, each with its own WANConnectionDevice and WANIPConnection:1, under
     * random-looking control paths. A client must pick one, not stop at the first.
     */
    private static String mikrotik(String base) {
        List<Dev> wans = new ArrayList<>();
        String[][] paths = {{"1", "ivvmxhunyq", "mkjzdqvryf", "yomkmsnooi", "veeabhzzva"},
                            {"7", "vzcyyzzttz", "womwbqtbkq", "xstnsgeuyh", "rscixkusbs"}};
        for (String[] p : paths) {
            String n = p[0];
            Dev connection = new Dev(UPNP + "device:WANConnectionDevice:1", "WAN Connection Device",
                    "uuid:UUID-MIKROTIK-WAN-CONNECTION-DEVICE--" + n,
                    List.of(new Svc(UPNP + "service:WANIPConnection:1", "urn:upnp-org:serviceId:WANIPConn1",
                            "/wanipconn-" + n + ".xml", "/upnp/control/" + p[3] + "/wanipconn-" + n,
                            "/upnp/event/" + p[4] + "/wanipconn-" + n)),
                    List.of());
            wans.add(new Dev(UPNP + "device:WANDevice:1", "WAN Device", "uuid:UUID-MIKROTIK-WAN-DEVICE--" + n,
                    List.of(new Svc(UPNP + "service:WANCommonInterfaceConfig:1", "urn:upnp-org:serviceId:WANCommonIFC1",
                            "/wancommonifc-" + n + ".xml", "/upnp/control/" + p[1] + "/wancommonifc-" + n,
                            "/upnp/event/" + p[2] + "/wancommonifc-" + n)),
                    List.of(connection)));
        }
        Dev root = new Dev(UPNP + "device:InternetGatewayDevice:1", "MikroTik Router",
                "uuid:UUID-MIKROTIK-INTERNET-GATEWAY-DEVICE-", List.of(), wans);
        return document(root, "0", base);
    }

    /**
     * A Huawei gateway with the TR-064 names only, at the HG531 V1's paths
     * (routers/huawei-hg531v1-rootdesc.xml), but with a WANIPConnection as the unnamed Huawei of
     * tailscale #6320 offers.
     */
    private static String huaweiTr064(String base) {
        String tr = "urn:dslforum-org:";
        Dev connection = new Dev(tr + "device:WANConnectionDevice:1", "WANConnectionDevice",
                "uuid:00e0fc37-2626-2828-2603-000000000003",
                List.of(new Svc(tr + "service:WANIPConnection:1", tr + "serviceId:WANIPConnection1",
                        "/desc/WanIpConn.xml", "/ctrlt/WANIPConnection_1", "/evt/WANIPConnection_1")),
                List.of());
        Dev wan = new Dev(tr + "device:WANDevice:1", "WANDevice", "uuid:00e0fc37-2626-2828-2601-000000000002",
                List.of(new Svc(tr + "service:WANCommonInterfaceConfig:1", tr + "serviceId:WANCommonInterfaceConfig1",
                        "/desc/WanCommonIfc1.xml", "/ctrlt/WANCommonInterfaceConfig_1", "/evt/WANCommonInterfaceConfig_1")),
                List.of(connection));
        Dev root = new Dev(tr + "device:InternetGatewayDevice:1", "Huawei Home Gateway",
                "uuid:00e0fc37-2626-2828-2600-000000000001",
                List.of(new Svc(tr + "service:Layer3Forwarding:1", tr + "serviceId:Layer3Forwarding1",
                        "/desc/L3Fwd.xml", "/ctrlt/Layer3Forwarding_1", "/evt/Layer3Forwarding_1")),
                List.of(wan));
        return document(root, "0", base);
    }

    private static String document(Dev root, String minor, String base) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\n<root xmlns=\"urn:schemas-upnp-org:device-1-0\">");
        sb.append("<specVersion><major>1</major><minor>").append(minor).append("</minor></specVersion>");
        device(sb, root, base, true);
        return sb.append("</root>\n").toString();
    }

    private static void device(StringBuilder sb, Dev d, String base, boolean isRoot) {
        sb.append("<device><deviceType>").append(d.type()).append("</deviceType>")
                .append("<friendlyName>").append(d.name()).append("</friendlyName>")
                .append("<manufacturer>PortForward tests</manufacturer>")
                .append("<manufacturerURL>").append(base).append("/</manufacturerURL>")
                .append("<modelDescription>In-process fake IGD</modelDescription>")
                .append("<modelName>FakeRouter</modelName><modelNumber>1</modelNumber>")
                .append("<serialNumber>00000001</serialNumber>")
                .append("<UDN>").append(d.udn()).append("</UDN>");
        if (!d.services().isEmpty()) {
            sb.append("<serviceList>");
            for (Svc s : d.services()) {
                sb.append("<service><serviceType>").append(s.type()).append("</serviceType>")
                        .append("<serviceId>").append(s.id()).append("</serviceId>")
                        .append("<SCPDURL>").append(s.scpd()).append("</SCPDURL>")
                        .append("<controlURL>").append(s.control()).append("</controlURL>")
                        .append("<eventSubURL>").append(s.event()).append("</eventSubURL></service>");
            }
            sb.append("</serviceList>");
        }
        if (!d.children().isEmpty()) {
            sb.append("<deviceList>");
            d.children().forEach(child -> device(sb, child, base, false));
            sb.append("</deviceList>");
        }
        if (isRoot) {
            sb.append("<presentationURL>").append(base).append("/</presentationURL>");
        }
        sb.append("</device>");
    }

    /**
     * The bytes of a capture in src/test/resources/routers, read from the test classpath (or the
     * source tree when run outside Maven).
     */
    static byte[] loadCapture(String fileName) {
        if (fileName.contains("/") || fileName.contains("\\") || fileName.contains("..")) {
            throw new IllegalArgumentException("a file name in src/test/resources/routers, not a path: " + fileName);
        }
        try (InputStream in = DescriptionTemplates.class.getClassLoader().getResourceAsStream(ROUTERS_DIR + fileName)) {
            if (in != null) {
                return in.readAllBytes();
            }
            Path source = Path.of("src/test/resources", ROUTERS_DIR, fileName);
            if (Files.isRegularFile(source)) {
                return Files.readAllBytes(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no capture named " + fileName + " in src/test/resources/routers");
    }

    /** A capture's SCPD for a service, when the routers folder has one ("mobileap-...-scpd-WANIPConnection2.xml"). */
    static byte[] capturedScpd(String captureName, String serviceType) {
        if (captureName == null || !captureName.endsWith("-rootdesc.xml")) {
            return null;
        }
        String prefix = captureName.substring(0, captureName.length() - "-rootdesc.xml".length()) + "-scpd-";
        String shortType = serviceType.substring(serviceType.indexOf(":service:") + ":service:".length());
        String name = shortType.substring(0, shortType.lastIndexOf(':'));
        String version = shortType.substring(shortType.lastIndexOf(':') + 1);
        for (String candidate : new String[] {prefix + name + version + ".xml", prefix + name + ".xml"}) {
            try {
                return loadCapture(candidate);
            } catch (IllegalArgumentException missing) {
                // try the next spelling
            }
        }
        return null;
    }

    private static final Pattern FOREIGN_URL = Pattern.compile(
            "(<(URLBase|controlURL|eventSubURL|SCPDURL|presentationURL|url)>\\s*)(https?://[^/<\\s]*)");

    /**
     * Points absolute URLs in the URL elements (URLBase, controlURL, eventSubURL, SCPDURL,
     * presentationURL, icon url) at {@code base}, keeping their paths; relative URLs stay as they
     * are. The text is handled as ISO-8859-1 so every other byte of the capture (CRLFs, tabs,
     * missing final newline) goes out unchanged. The captures' own hosts (10.0.0.1,
     * 192.168.x.1, testwifi.here) must never be contacted from a test.
     */
    static byte[] pointAt(byte[] capture, String base) {
        String text = new String(capture, StandardCharsets.ISO_8859_1);
        Matcher m = FOREIGN_URL.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + base));
        }
        m.appendTail(sb);
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Every service in a description, in document order, with its URLs resolved (against URLBase
     * when there is one, else the description's location) to path-and-query.
     */
    static List<ServiceEntry> services(byte[] description, URI location) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(false);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            doc = builder.parse(new ByteArrayInputStream(description));
        } catch (Exception e) {
            throw new IllegalArgumentException("description does not parse: " + e.getMessage(), e);
        }
        URI base = location;
        String urlBase = firstText(doc.getDocumentElement(), "URLBase");
        if (urlBase != null && !urlBase.isBlank()) {
            try {
                base = URI.create(urlBase.trim());
            } catch (IllegalArgumentException ignored) {
                // keep the location
            }
        }
        List<ServiceEntry> out = new ArrayList<>();
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (!SoapEnvelope.localName(e).equals("service")) {
                continue;
            }
            String type = firstText(e, "serviceType");
            if (type == null) {
                continue;
            }
            out.add(new ServiceEntry(type.trim(), trimOrEmpty(firstText(e, "serviceId")),
                    pathOf(base, firstText(e, "SCPDURL")), pathOf(base, firstText(e, "controlURL")),
                    pathOf(base, firstText(e, "eventSubURL"))));
        }
        return out;
    }

    /** Path and query of a URL resolved against base; "" when absent or unparseable. */
    static String pathOf(URI base, String url) {
        if (url == null || url.isBlank()) {
            return "";
        }
        try {
            URI resolved = base.resolve(url.trim());
            String path = resolved.getRawPath() == null || resolved.getRawPath().isEmpty() ? "/" : resolved.getRawPath();
            return resolved.getRawQuery() == null ? path : path + "?" + resolved.getRawQuery();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String firstText(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && SoapEnvelope.localName(e).equals(localName)) {
                return e.getTextContent();
            }
        }
        return null;
    }

    private static String trimOrEmpty(String s) {
        return s == null ? "" : s.trim();
    }
}
