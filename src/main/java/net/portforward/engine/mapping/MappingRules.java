package net.portforward.engine.mapping;

import java.net.InetAddress;
import java.time.Duration;
import net.portforward.engine.error.InvalidInputException;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.net.Ipv4;

/** Checks a mapping before anything is sent to a router. */
public final class MappingRules {
    /**
     * miniupnpd keeps 64 bytes of a description and turned a 300-character one into 64 characters
     * plus junk bytes (FIELD.md), so longer ones are refused rather than mangled.
     */
    public static final int MAX_DESCRIPTION = 64;
    /** IGD leases are a ui4 of seconds; IGD:2 caps them at a week (604800 s). */
    public static final Duration MAX_LEASE = Duration.ofDays(7);

    private MappingRules() {
    }

    public static void check(PortMapping m) throws InvalidInputException {
        check(m, true);
    }

    /**
     * @param withClient whether to check the internal client too: not where the protocol makes
     *     the asking computer the client (PCP, NAT-PMP)
     */
    public static void check(PortMapping m, boolean withClient) throws InvalidInputException {
        checkPort(m.externalPort(), "External port");
        checkPort(m.internalPort(), "Internal port");
        if (withClient) {
            checkClient(m.internalClient());
        }
        checkDescription(m.description());
        if (m.lease().isNegative() || m.lease().compareTo(MAX_LEASE) > 0) {
            throw new InvalidInputException("The lease must be between 0 (permanent) and 604800 seconds (7 days).");
        }
        if (m.lease().getNano() != 0) {
            throw new InvalidInputException("The lease is counted in whole seconds.");
        }
    }

    /** Port 0 is a wildcard that routers reject (716, 732) or misread: never sent. */
    public static void checkPort(int port, String what) throws InvalidInputException {
        if (port < 1 || port > 65535) {
            throw new InvalidInputException(what + " " + port + " is not a port number: use 1 to 65535.");
        }
    }

    public static int parsePort(String text, String what) throws InvalidInputException {
        try {
            int port = Integer.parseInt(text.trim());
            checkPort(port, what);
            return port;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(what + " \"" + text + "\" is not a port number: use 1 to 65535.");
        }
    }

    public static void checkClient(InetAddress client) throws InvalidInputException {
        if (client == null) {
            throw new InvalidInputException("The internal client must be an IPv4 address such as 192.168.1.23.");
        }
        if (!Ipv4.isUsableClient(client)) {
            throw new InvalidInputException("The internal client " + client.getHostAddress()
                    + " cannot receive forwarded traffic: use the LAN address of a computer, such as 192.168.1.23.");
        }
    }

    public static InetAddress parseClient(String text) throws InvalidInputException {
        InetAddress client = Ipv4.parse(text).orElseThrow(() -> new InvalidInputException(
                "The internal client \"" + text + "\" is not an IPv4 address such as 192.168.1.23."));
        checkClient(client);
        return client;
    }

    /**
     * At most {@link #MAX_DESCRIPTION} bytes of UTF-8 (miniupnpd counts bytes, and cut 40 "é" in
     * the middle of a character), no control characters, and none of {@code & < >}: miniupnpd's
     * parser does not decode XML escapes, so "Tom & Jerry" would be stored as "Tom &amp; Jerry".
     */
    public static void checkDescription(String description) throws InvalidInputException {
        int bytes = description.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_DESCRIPTION) {
            throw new InvalidInputException("The description is too long for routers: they keep " + MAX_DESCRIPTION
                    + " bytes, and this one takes " + bytes + " (letters with accents take two).");
        }
        for (int i = 0; i < description.length(); i++) {
            char c = description.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                throw new InvalidInputException("The description may not contain control characters.");
            }
            if (c == '&' || c == '<' || c == '>') {
                throw new InvalidInputException("The description may not contain " + c + ": many routers store it"
                        + " garbled.");
            }
        }
    }
}
