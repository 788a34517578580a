package net.portforward.testing;

import java.util.List;
import java.util.Map;

/**
 * One SOAP request a {@link FakeRouter} received, as the client sent it, recorded before any
 * delay or fault applies: tests assert on what the client said (never external port 0, protocol
 * in upper case, its own address as InternalClient).
 *
 * @param path the request path with its query ("/soap.cgi?service=WANIPConn1")
 * @param soapActionHeader the SOAPAction header verbatim, quotes included; null when missing
 * @param serviceType the service type named in the SOAPAction header ("" when missing)
 * @param action the action named in the SOAPAction header, or the body's action element when
 *     the header is missing
 * @param bodyAction the local name of the first element inside the SOAP Body ("" when none)
 * @param args the action's arguments by element local name (prefixes dropped), in body order
 * @param headers request headers, names in lower case
 * @param body the request body as text (UTF-8)
 */
public record SoapCall(
        String path,
        String soapActionHeader,
        String serviceType,
        String action,
        String bodyAction,
        Map<String, String> args,
        Map<String, List<String>> headers,
        String body) {

    public SoapCall {
        args = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
        headers = Map.copyOf(headers);
    }

    /** The argument's text, or null when the client did not send it. */
    public String arg(String name) {
        return args.get(name);
    }

    /** The argument as an int, or null when missing or not a number. */
    public Integer intArg(String name) {
        String text = args.get(name);
        if (text == null) {
            return null;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The first value of a request header (name in any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
