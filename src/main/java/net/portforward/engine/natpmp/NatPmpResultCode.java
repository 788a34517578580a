package net.portforward.engine.natpmp;

import java.util.Arrays;
import java.util.Optional;

/** NAT-PMP result codes (RFC 6886 section 3.5). On the wire they are 16 bits. */
public enum NatPmpResultCode {
    SUCCESS(0),
    /** The gateway does not speak this version; a PCP server answers NAT-PMP with this when it has NAT-PMP off. */
    UNSUPPORTED_VERSION(1),
    /** Refused: the gateway has mapping switched off, or its rules forbid this port or this computer. */
    NOT_AUTHORIZED(2),
    /** The gateway has no external address yet (no DHCP lease, no public address). */
    NETWORK_FAILURE(3),
    /** No port left to map, or the table is full. */
    OUT_OF_RESOURCES(4),
    UNSUPPORTED_OPCODE(5);

    private final int code;

    NatPmpResultCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<NatPmpResultCode> of(int code) {
        return Arrays.stream(values()).filter(c -> c.code == code).findFirst();
    }
}
