package net.portforward.testing;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads SOAP requests and writes SOAP answers the way miniupnpd does (upnpsoap.c): a fixed
 * envelope with prefix {@code s:}, the response element {@code u:<Action>Response} in the
 * service's namespace, arguments without a prefix, faults as HTTP 500 with a UPnPError detail.
 */
final class SoapEnvelope {

    static final String CONTENT_TYPE = "text/xml; charset=\"utf-8\"";
    private static final String ENVELOPE_START = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\""
            + " s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><s:Body>";
    private static final String ENVELOPE_END = "</s:Body></s:Envelope>";

    /** The action element and its arguments from a request body. */
    record Parsed(String bodyAction, Map<String, String> args) {}

    private SoapEnvelope() {}

    /**
     * Finds the first element inside the Body and its child elements by local name. Parsed
     * without namespace awareness, so undeclared or unusual prefixes are tolerated as most router
     * parsers do (miniupnpd's own parser ignores prefixes). DOCTYPEs are refused: this is the
     * client's XML, and a fake must not be the thing that fetches entities.
     */
    static Parsed parse(byte[] body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
            @Override
            public void error(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException {
                throw e; // stay quiet: the default handler prints to stderr
            }
        });
        Document doc = builder.parse(new ByteArrayInputStream(body));
        Element soapBody = findByLocalName(doc.getDocumentElement(), "Body");
        Map<String, String> args = new LinkedHashMap<>();
        if (soapBody == null) {
            return new Parsed("", args);
        }
        Element action = firstChildElement(soapBody);
        if (action == null) {
            return new Parsed("", args);
        }
        for (Node n = action.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element arg) {
                args.putIfAbsent(localName(arg), arg.getTextContent());
            }
        }
        return new Parsed(localName(action), args);
    }

    /** A success answer. {@code argsXml} values are XML-ready: escape them with {@link #text}. */
    static String response(String serviceType, String action, Map<String, String> argsXml) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\r\n").append(ENVELOPE_START);
        sb.append("<u:").append(action).append("Response xmlns:u=\"").append(attr(serviceType)).append("\">");
        argsXml.forEach((name, value) -> sb.append('<').append(name).append('>').append(value)
                .append("</").append(name).append('>'));
        sb.append("</u:").append(action).append("Response>").append(ENVELOPE_END).append("\r\n");
        return sb.toString();
    }

    /** The fault body miniupnpd's SoapError() sends (with HTTP 500). */
    static String fault(int code, String description) {
        return ENVELOPE_START
                + "<s:Fault><faultcode>s:Client</faultcode><faultstring>UPnPError</faultstring><detail>"
                + "<UPnPError xmlns=\"urn:schemas-upnp-org:control-1-0\">"
                + "<errorCode>" + code + "</errorCode>"
                + "<errorDescription>" + text(description, true) + "</errorDescription>"
                + "</UPnPError></detail></s:Fault>"
                + ENVELOPE_END;
    }

    /**
     * The IGD:2 PortMappingList document for GetListOfPortMappings, in miniupnpd's layout
     * (upnpsoap.c GetListOfPortMappings): namespace urn:schemas-upnp-org:gw:WANIPConnection,
     * prefix {@code p:}, one {@code p:PortMappingEntry} per mapping.
     */
    static String portMappingList(List<Map<String, String>> entries, boolean escapeValues) {
        StringBuilder sb = new StringBuilder();
        sb.append("<p:PortMappingList xmlns:p=\"urn:schemas-upnp-org:gw:WANIPConnection\"")
                .append(" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"")
                .append(" xsi:schemaLocation=\"urn:schemas-upnp-org:gw:WANIPConnection")
                .append(" http://www.upnp.org/schemas/gw/WANIPConnection-v2.xsd\">");
        for (Map<String, String> entry : entries) {
            sb.append("<p:PortMappingEntry>");
            entry.forEach((name, value) -> sb.append("<p:").append(name).append('>')
                    .append(text(value, escapeValues)).append("</p:").append(name).append('>'));
            sb.append("</p:PortMappingEntry>");
        }
        return sb.append("</p:PortMappingList>").toString();
    }

    /**
     * Text content made XML-ready. With {@code escape} false it is sent as is, like routers that
     * printf descriptions straight into the answer (miniupnpd upnpsoap.c does): {@code &<>} then
     * break the document, which is what a junk-entry test wants. Control characters are never
     * touched: XML 1.0 cannot carry them at all, and real routers send them raw.
     */
    static String text(String value, boolean escape) {
        if (!escape) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String attr(String value) {
        return text(value, true).replace("\"", "&quot;");
    }

    static String localName(Node node) {
        String name = node.getNodeName();
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }

    private static Element findByLocalName(Element root, String localName) {
        if (localName(root).equals(localName)) {
            return root;
        }
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                Element found = findByLocalName(e, localName);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static Element firstChildElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }
}
