package net.portforward.engine.mapping;

import java.net.InetAddress;
import java.time.Duration;
import net.portforward.engine.error.InputMistake;
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
        checkPort(m.externalPort(), InputMistake.EXTERNAL_PORT);
        checkPort(m.internalPort(), InputMistake.INTERNAL_PORT);
        if (withClient) {
            checkClient(m.internalClient());
        }
        checkDescription(m.description());
        if (m.lease().isNegative() || m.lease().compareTo(MAX_LEASE) > 0) {
            throw new InvalidInputException(InputMistake.LEASE_RANGE.with(MAX_LEASE.toSeconds()));
        }
        if (m.lease().getNano() != 0) {
            throw new InvalidInputException(InputMistake.LEASE_WHOLE_SECONDS.with());
        }
    }

    /** Port 0 is a wildcard that routers reject (716, 732) or misread: never sent. */
    /** @param what which port, named in the message: {@link InputMistake#EXTERNAL_PORT}, {@code INTERNAL_PORT}… */
    public static void checkPort(int port, InputMistake what) throws InvalidInputException {
        if (port < 1 || port > 65535) {
            throw new InvalidInputException(InputMistake.PORT_OUT_OF_RANGE.with(what, port));
        }
    }

    public static int parsePort(String text, InputMistake what) throws InvalidInputException {
        try {
            int port = Integer.parseInt(text.trim());
            checkPort(port, what);
            return port;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(InputMistake.NOT_A_PORT.with(what, text));
        }
    }

    public static void checkClient(InetAddress client) throws InvalidInputException {
        if (client == null) {
            throw new InvalidInputException(InputMistake.CLIENT_REQUIRED.with());
        }
        if (!Ipv4.isUsableClient(client)) {
            throw new InvalidInputException(InputMistake.CLIENT_UNUSABLE.with(client));
        }
    }

    public static InetAddress parseClient(String text) throws InvalidInputException {
        InetAddress client = Ipv4.parse(text).orElseThrow(() -> new InvalidInputException(
                InputMistake.CLIENT_NOT_IPV4.with(text)));
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
            throw new InvalidInputException(InputMistake.DESCRIPTION_TOO_LONG.with(MAX_DESCRIPTION, bytes));
        }
        for (int i = 0; i < description.length(); i++) {
            char c = description.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                throw new InvalidInputException(InputMistake.DESCRIPTION_CONTROL.with());
            }
            if (c == '&' || c == '<' || c == '>') {
                throw new InvalidInputException(InputMistake.DESCRIPTION_CHARACTER.with(String.valueOf(c)));
            }
        }
    }
}
