package net.portforward.engine.pinhole;

import java.util.Arrays;
import java.util.Optional;
import net.portforward.engine.error.Refusal;

/**
 * The error codes of WANIPv6FirewallControl:1 (UPnP IGD:2, ISO/IEC 29341-24-11, the actions'
 * error tables) as miniupnpd 2.3.1 answers them (upnpsoap.c). The 7xx numbers mean other things
 * in WANIPConnection (704 is ConnectionSetupFailed there), so they are read here, for this
 * service only; 401, 402 and 501 keep their general meaning.
 */
public enum PinholeErrorCode {
    /**
     * The request did not come over IPv6 from the address the pinhole opens, or (miniupnpd) the
     * port is below 1024 (PinholeVerification). Real routers check the sender too (miniupnp #600,
     * #731); a FRITZ!Box 7490 answered it with app permissions off (miniupnp #610).
     */
    NOT_AUTHORIZED(606, Refusal.NOT_AUTHORIZED, "The router does not let this computer open this pinhole: routers take"
            + " pinhole requests only over IPv6 from the address they open, many only for ports from 1024 up, and some"
            + " only when apps may change their settings."),
    PINHOLE_SPACE_EXHAUSTED(701, Refusal.TABLE_FULL, "The router has no room for another pinhole."),
    FIREWALL_DISABLED(702, Refusal.FIREWALL_OFF, "The router's IPv6 firewall is off: every port of this computer is"
            + " open to the internet already, so there is nothing to open."),
    INBOUND_PINHOLE_NOT_ALLOWED(703, Refusal.PINHOLES_NOT_ALLOWED, "The router's settings do not allow opening"
            + " pinholes in its IPv6 firewall."),
    NO_SUCH_ENTRY(704, Refusal.NO_SUCH_MAPPING, "The router has no such pinhole (it may have expired or the router"
            + " restarted)."),
    PROTOCOL_NOT_SUPPORTED(705, Refusal.UNSUPPORTED_PROTOCOL, "The router does not open pinholes for this protocol."),
    INTERNAL_PORT_WILDCARDING_NOT_ALLOWED(706, Refusal.BAD_REQUEST, "The router wants one port, not all of them."),
    PROTOCOL_WILDCARDING_NOT_ALLOWED(707, Refusal.BAD_REQUEST, "The router wants one protocol, TCP or UDP, not all of"
            + " them."),
    /** The spec's name; miniupnpd answers it to an empty or "*" InternalClient. */
    WILDCARD_NOT_PERMITTED_IN_SRC_IP(708, Refusal.BAD_REQUEST, "The router does not accept an address left open"
            + " (\"any\") here."),
    /**
     * CheckPinholeWorking: no packet has come through the pinhole yet (the spec's NoPacketSent,
     * miniupnpd's "NoTrafficReceived"). Not a failure: {@link FirewallControl#checkPinholeWorking}
     * answers it as "not seen working yet".
     */
    NO_PACKET_SENT(709, Refusal.NO_SUCH_MAPPING, "No traffic has come through the pinhole yet.");

    private final int code;
    private final Refusal refusal;
    private final String meaning;

    PinholeErrorCode(int code, Refusal refusal, String meaning) {
        this.code = code;
        this.refusal = refusal;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public Refusal refusal() {
        return refusal;
    }

    /** A sentence for people. */
    public String meaning() {
        return meaning;
    }

    public static Optional<PinholeErrorCode> of(int code) {
        return Arrays.stream(values()).filter(c -> c.code == code).findFirst();
    }
}
