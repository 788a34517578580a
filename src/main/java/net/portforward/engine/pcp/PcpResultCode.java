package net.portforward.engine.pcp;

import java.util.Arrays;
import java.util.Optional;

/** PCP result codes (RFC 6887 section 7.4). */
public enum PcpResultCode {
    SUCCESS(0, false),
    /** The server does not speak version 2; it says which it speaks. Fall back to NAT-PMP. */
    UNSUPP_VERSION(1, false),
    /** Refused by the server's policy (this port, this host, or mapping switched off). */
    NOT_AUTHORIZED(2, false),
    MALFORMED_REQUEST(3, false),
    UNSUPP_OPCODE(4, false),
    UNSUPP_OPTION(5, false),
    MALFORMED_OPTION(6, false),
    /** The server has no external address yet, or its uplink is down. */
    NETWORK_FAILURE(7, true),
    /** No port or table space left at the moment. */
    NO_RESOURCES(8, true),
    UNSUPP_PROTOCOL(9, false),
    /** This host already holds as many mappings as it may. */
    USER_EX_QUOTA(10, true),
    CANNOT_PROVIDE_EXTERNAL(11, false),
    /**
     * The request's source address is not the client address it carries: another NAT sits between
     * this computer and the PCP server.
     */
    ADDRESS_MISMATCH(12, false),
    EXCESSIVE_REMOTE_PEERS(13, false);

    private final int code;
    private final boolean shortLived;

    PcpResultCode(int code, boolean shortLived) {
        this.code = code;
        this.shortLived = shortLived;
    }

    public int code() {
        return code;
    }

    /**
     * A short-lifetime error (section 7.4): the condition may pass soon, so trying again after the
     * error's lifetime makes sense; the others will not change without someone changing the router.
     */
    public boolean shortLived() {
        return shortLived;
    }

    public static Optional<PcpResultCode> of(int code) {
        return Arrays.stream(values()).filter(c -> c.code == code).findFirst();
    }
}
