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
    NOT_AUTHORIZED(606, Refusal.NOT_AUTHORIZED),
    PINHOLE_SPACE_EXHAUSTED(701, Refusal.TABLE_FULL),
    FIREWALL_DISABLED(702, Refusal.FIREWALL_OFF),
    INBOUND_PINHOLE_NOT_ALLOWED(703, Refusal.PINHOLES_NOT_ALLOWED),
    NO_SUCH_ENTRY(704, Refusal.NO_SUCH_MAPPING),
    PROTOCOL_NOT_SUPPORTED(705, Refusal.UNSUPPORTED_PROTOCOL),
    INTERNAL_PORT_WILDCARDING_NOT_ALLOWED(706, Refusal.BAD_REQUEST),
    PROTOCOL_WILDCARDING_NOT_ALLOWED(707, Refusal.BAD_REQUEST),
    /** The spec's name; miniupnpd answers it to an empty or "*" InternalClient. */
    WILDCARD_NOT_PERMITTED_IN_SRC_IP(708, Refusal.BAD_REQUEST),
    /**
     * CheckPinholeWorking: no packet has come through the pinhole yet (the spec's NoPacketSent,
     * miniupnpd's "NoTrafficReceived"). Not a failure: {@link FirewallControl#checkPinholeWorking}
     * answers it as "not seen working yet".
     */
    NO_PACKET_SENT(709, Refusal.NO_SUCH_MAPPING);

    private final int code;
    private final Refusal refusal;

    PinholeErrorCode(int code, Refusal refusal) {
        this.code = code;
        this.refusal = refusal;
    }

    public int code() {
        return code;
    }

    public Refusal refusal() {
        return refusal;
    }

    public static Optional<PinholeErrorCode> of(int code) {
        return Arrays.stream(values()).filter(c -> c.code == code).findFirst();
    }
}
