package net.portforward.engine.model;

import java.util.Locale;
import java.util.Optional;

/**
 * How PortForward asks a router for port forwards. Home routers speak UPnP IGD, NAT-PMP
 * (RFC 6886: Apple's, many OpenWrt set-ups) or PCP (RFC 6887, NAT-PMP's successor), often more
 * than one; FIELD.md, "NAT-PMP and PCP".
 */
public enum MappingProtocol {
    UPNP("upnp"), PCP("pcp"), NATPMP("natpmp");

    private final String key;

    MappingProtocol(String key) {
        this.key = key;
    }

    /** The name in JSON, in portforward.ini and on the command line: "upnp", "pcp", "natpmp". */
    public String key() {
        return key;
    }

    public static Optional<MappingProtocol> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT).replace("-", "");
        for (MappingProtocol p : values()) {
            if (p.key.equals(t)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
