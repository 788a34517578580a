package net.portforward.engine.upnp;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.error.RouterTrouble;
import net.portforward.engine.error.UpnpException;
import net.portforward.engine.model.ServiceRef;
import net.portforward.engine.net.Dom;
import net.portforward.engine.net.SafeHttp;
import net.portforward.engine.net.SafeXml;
import net.portforward.engine.net.Text;
import net.portforward.engine.progress.Progress;
import org.w3c.dom.Element;

/** Calls one UPnP action on a service and returns its out-arguments by name. */
public final class SoapClient {
    private final SafeHttp http;
    /** Where requests are sent from; null for the system's choice. */
    private final InetAddress local;

    public SoapClient(SafeHttp http) {
        this(http, null);
    }

    /**
     * Calls sent from {@code local}: an IPv6 firewall answers a pinhole request only when it comes
     * from the address the pinhole opens (miniupnp #600, #731).
     */
    public SoapClient(SafeHttp http, InetAddress local) {
        this.http = http;
        this.local = local;
    }

    /** An action's in-argument, in the order the service description declares them. */
    public record Arg(String name, String value) {
    }

    public static Arg arg(String name, Object value) {
        return new Arg(name, value == null ? "" : String.valueOf(value));
    }

    /**
     * @return out-arguments by name, values as the router sent them (raw: callers clean what they show)
     * @throws UpnpException when the router answered with a UPnP error
     */
    public Map<String, String> call(ServiceRef service, String action, List<Arg> args, Progress progress)
            throws PortForwardException {
        String body = envelope(service.serviceType(), action, args);
        SafeHttp.Response response = http.postSoap(service.controlUrl(), service.serviceType() + "#" + action, body,
                local, progress);
        if (response.body().length == 0) {
            throw new RouterProtocolException(RouterTrouble.SOAP_STATUS_NO_BODY.with(action, response.status()));
        }
        Element envelope = SafeXml.parse(response.body()).getDocumentElement();
        Optional<Element> fault = Dom.find(envelope, "Fault");
        if (fault.isPresent()) {
            throw faultOf(action, fault.get(), response.status());
        }
        if (response.status() != 200) {
            throw new RouterProtocolException(RouterTrouble.SOAP_STATUS.with(action, response.status()));
        }
        Element bodyElement = Dom.find(envelope, "Body").orElseThrow(
                () -> new RouterProtocolException(RouterTrouble.SOAP_NO_BODY.with(action)));
        List<Element> children = Dom.children(bodyElement);
        if (children.isEmpty()) {
            throw new RouterProtocolException(RouterTrouble.SOAP_EMPTY.with(action));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Element e : Dom.children(children.get(0))) {
            out.put(Dom.localName(e), e.getTextContent());
        }
        return out;
    }

    private static PortForwardException faultOf(String action, Element fault, int status) {
        String code = Dom.find(fault, "errorCode").map(e -> e.getTextContent().trim()).orElse("");
        String description = Dom.find(fault, "errorDescription").map(e -> Text.clean(e.getTextContent(), 120)).orElse("");
        try {
            return new UpnpException(action, Integer.parseInt(code), description);
        } catch (NumberFormatException e) {
            return new RouterProtocolException(RouterTrouble.SOAP_FAULT_WITHOUT_CODE.with(action, status));
        }
    }

    static String envelope(String serviceType, String action, List<Arg> args) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("<?xml version=\"1.0\"?>\r\n")
                .append("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"")
                .append(" s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><s:Body>")
                .append("<u:").append(action).append(" xmlns:u=\"").append(escape(serviceType).replace("\"", "&quot;")).append("\">");
        for (Arg a : args) {
            sb.append('<').append(a.name()).append('>').append(escape(a.value())).append("</").append(a.name()).append('>');
        }
        sb.append("</u:").append(action).append("></s:Body></s:Envelope>\r\n");
        return sb.toString();
    }

    /**
     * Escapes text for element content and attributes. Quotes in element text are left as they
     * are: miniupnpd does not decode escapes and would store "&apos;" literally.
     */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
