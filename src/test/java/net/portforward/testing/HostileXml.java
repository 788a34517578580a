package net.portforward.testing;

import java.net.URI;

/**
 * Attack documents a LAN host could send instead of a device description or a SOAP answer
 * (FIELD.md, security facts: jUPnP's parsers are not hardened, and the JDK parsers fetch external
 * entities by default). Every URL in them should be a {@link FakeRouter#canaryUri canary} on the
 * fake itself: a parser that resolves it is caught by {@link FakeRouter#canaryHits()}, and
 * nothing leaves loopback.
 */
public final class HostileXml {

    private HostileXml() {}

    /** A valid-looking IGD:1 root description whose friendlyName is an external entity. */
    public static String descriptionWithExternalEntity(URI canary) {
        return "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE root [<!ENTITY xxe SYSTEM \"" + canary + "\">]>\n"
                + rootDescription("&xxe;");
    }

    /** A root description whose DOCTYPE names an external DTD. */
    public static String descriptionWithExternalDtd(URI canary) {
        return "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE root SYSTEM \"" + canary + "\">\n"
                + rootDescription("External DTD");
    }

    /** A root description that pulls an external parameter entity inside its DOCTYPE. */
    public static String descriptionWithParameterEntity(URI canary) {
        return "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE root [<!ENTITY % remote SYSTEM \"" + canary + "\"> %remote;]>\n"
                + rootDescription("Parameter entity");
    }

    /** A root description whose friendlyName reads a local file through an entity. */
    public static String descriptionReadingFile(String path) {
        return "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE root [<!ENTITY xxe SYSTEM \"file://" + path + "\">]>\n"
                + rootDescription("&xxe;");
    }

    /**
     * The "billion laughs": ten nested entities, each ten times the one before, for 10^9 copies
     * of "lol" (about 3 GB) if a parser expands it.
     */
    public static String billionLaughs() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE root [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                dtd.append("&lol").append(i - 1).append(';');
            }
            dtd.append("\">");
        }
        dtd.append("]>\n");
        return "<?xml version=\"1.0\"?>\n" + dtd + rootDescription("&lol9;");
    }

    /**
     * A SOAP answer to {@code action} whose argument {@code argument} is an external entity, for
     * {@link FakeRouter#respondRaw}: the client must not fetch the canary.
     */
    public static String soapResponseWithExternalEntity(String serviceType, String action, String argument, URI canary) {
        return "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE s:Envelope [<!ENTITY xxe SYSTEM \"" + canary + "\">]>\n"
                + "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><s:Body>"
                + "<u:" + action + "Response xmlns:u=\"" + serviceType + "\">"
                + "<" + argument + ">&xxe;</" + argument + ">"
                + "</u:" + action + "Response></s:Body></s:Envelope>\n";
    }

    /** A SOAP answer to {@code action} whose argument expands to a billion "lol"s. */
    public static String soapResponseWithBillionLaughs(String serviceType, String action, String argument) {
        String laughs = billionLaughs();
        String dtd = laughs.substring(laughs.indexOf("<!DOCTYPE"), laughs.indexOf("]>") + 2)
                .replace("<!DOCTYPE root", "<!DOCTYPE s:Envelope");
        return "<?xml version=\"1.0\"?>\n" + dtd + "\n"
                + "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                + "<u:" + action + "Response xmlns:u=\"" + serviceType + "\">"
                + "<" + argument + ">&lol9;</" + argument + ">"
                + "</u:" + action + "Response></s:Body></s:Envelope>\n";
    }

    /** Elements nested {@code depth} deep inside a description (stack exhaustion). */
    public static String deeplyNested(int depth) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\n<root xmlns=\"urn:schemas-upnp-org:device-1-0\">");
        sb.append("<x>".repeat(depth)).append("</x>".repeat(depth));
        return sb.append("</root>\n").toString();
    }

    private static String rootDescription(String friendlyName) {
        return "<root xmlns=\"urn:schemas-upnp-org:device-1-0\">"
                + "<specVersion><major>1</major><minor>0</minor></specVersion>"
                + "<device><deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType>"
                + "<friendlyName>" + friendlyName + "</friendlyName>"
                + "<manufacturer>Hostile</manufacturer><modelName>XXE</modelName>"
                + "<UDN>uuid:00000000-0000-0000-0000-00000000bad1</UDN>"
                + "<deviceList><device><deviceType>urn:schemas-upnp-org:device:WANDevice:1</deviceType>"
                + "<friendlyName>WANDevice</friendlyName><manufacturer>Hostile</manufacturer><modelName>XXE</modelName>"
                + "<UDN>uuid:00000000-0000-0000-0000-00000000bad2</UDN>"
                + "<deviceList><device><deviceType>urn:schemas-upnp-org:device:WANConnectionDevice:1</deviceType>"
                + "<friendlyName>WANConnectionDevice</friendlyName><manufacturer>Hostile</manufacturer><modelName>XXE</modelName>"
                + "<UDN>uuid:00000000-0000-0000-0000-00000000bad3</UDN>"
                + "<serviceList><service>"
                + "<serviceType>urn:schemas-upnp-org:service:WANIPConnection:1</serviceType>"
                + "<serviceId>urn:upnp-org:serviceId:WANIPConn1</serviceId>"
                + "<SCPDURL>/WANIPCn.xml</SCPDURL><controlURL>/ctl/IPConn</controlURL><eventSubURL>/evt/IPConn</eventSubURL>"
                + "</service></serviceList></device></deviceList></device></deviceList></device></root>\n";
    }
}
