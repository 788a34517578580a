package net.portforward.engine.discovery;

import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.error.RouterTrouble;
import net.portforward.engine.net.GatewayAddressPolicy;
import net.portforward.engine.net.Text;

/**
 * An answer to our M-SEARCH, checked. Answers come twice or more (D-Link DIR-890L answers once per
 * search target, from different source ports) and from unexpected source ports (Cisco
 * CGA4131COM), so only the source address matters.
 *
 * @param bootId BOOTID.UPNP.ORG, which changes when the router restarts ("" when not sent)
 */
public record SsdpAnswer(InetAddress source, URI location, String searchTarget, String usn, String server,
        String bootId, String configId) {

    /**
     * @param headers header names in any case (DD-WRT mixes them)
     * @throws RouterProtocolException when the LOCATION is missing or not plain http to the
     *     answering host itself
     */
    public static SsdpAnswer of(InetAddress source, Map<String, String> headers) throws RouterProtocolException {
        Map<String, String> h = new java.util.HashMap<>();
        headers.forEach((k, v) -> h.put(k.trim().toUpperCase(Locale.ROOT), v == null ? "" : v.trim()));
        URI location = GatewayAddressPolicy.checkLocation(h.get("LOCATION"), source);
        return new SsdpAnswer(source, location, Text.clean(h.getOrDefault("ST", "")), Text.clean(h.getOrDefault("USN", "")),
                Text.clean(h.getOrDefault("SERVER", "")), Text.clean(h.getOrDefault("BOOTID.UPNP.ORG", "")),
                Text.clean(h.getOrDefault("CONFIGID.UPNP.ORG", "")));
    }

    /** Parses the text of an SSDP answer datagram ("HTTP/1.1 200 OK" and headers, CRLF or LF). */
    public static SsdpAnswer parse(InetAddress source, String datagram) throws RouterProtocolException {
        String[] lines = datagram.split("\r?\n");
        if (lines.length == 0 || !lines[0].toUpperCase(Locale.ROOT).startsWith("HTTP/1.") || !lines[0].contains(" 200")) {
            throw new RouterProtocolException(RouterTrouble.NOT_SSDP.with());
        }
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(lines[i].substring(0, colon), lines[i].substring(colon + 1));
            }
        }
        return of(source, headers);
    }
}
