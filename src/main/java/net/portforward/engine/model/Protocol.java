package net.portforward.engine.model;

import java.util.Locale;
import java.util.Optional;

/** The transport protocol of a port mapping. */
public enum Protocol {
    TCP, UDP;

    /**
     * Reads a protocol name from a user or a router. Accepts any letter case because some routers
     * answer "tcp" while others insist on upper case when we send it (tailscale #7377): we always
     * send {@link #name()}.
     */
    public static Optional<Protocol> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.trim().toUpperCase(Locale.ROOT)) {
            case "TCP" -> Optional.of(TCP);
            case "UDP" -> Optional.of(UDP);
            default -> Optional.empty();
        };
    }
}
