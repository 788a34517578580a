package net.portforward.engine.error;

import java.util.Arrays;
import java.util.Optional;

/** The UPnP error codes a port-mapping client meets (IGD:1 and IGD:2 specs, FIELD.md). */
public enum UpnpErrorCode {
    INVALID_ACTION(401, Refusal.UNSUPPORTED_REQUEST, "The router does not offer this action."),
    INVALID_ARGS(402, Refusal.BAD_REQUEST, "The router rejected the request's values."),
    ACTION_FAILED(501, Refusal.ROUTER_FAILED, "The router could not carry out the request. Routers behind another router or"
            + " carrier-grade NAT often answer this (miniupnpd refuses every mapping when its own internet"
            + " address is private)."),
    NOT_AUTHORIZED(606, Refusal.NOT_AUTHORIZED, "The router's settings do not allow this mapping (this port or this computer)."),
    ARRAY_INDEX_INVALID(713, Refusal.NO_SUCH_MAPPING, "No mapping at that position."),
    NO_SUCH_ENTRY(714, Refusal.NO_SUCH_MAPPING, "The router has no such mapping."),
    WILDCARD_NOT_PERMITTED_IN_SRC_IP(715, Refusal.REMOTE_HOST_NOT_SUPPORTED, "The router does not accept an empty remote host."),
    WILDCARD_NOT_PERMITTED_IN_EXT_PORT(716, Refusal.EXTERNAL_PORT_FIXED, "The router does not accept external port 0."),
    CONFLICT_IN_MAPPING_ENTRY(718, Refusal.PORT_TAKEN, "The external port is already forwarded to another computer."),
    SAME_PORT_VALUES_REQUIRED(724, Refusal.SAME_PORT_REQUIRED, "This router requires the internal port to equal the external port."),
    ONLY_PERMANENT_LEASES_SUPPORTED(725, Refusal.PERMANENT_ONLY, "This router accepts permanent mappings only."),
    REMOTE_HOST_ONLY_SUPPORTS_WILDCARD(726, Refusal.REMOTE_HOST_NOT_SUPPORTED, "This router does not accept a specific remote host."),
    EXTERNAL_PORT_ONLY_SUPPORTS_WILDCARD(727, Refusal.EXTERNAL_PORT_FIXED, "This router does not let clients choose the external port."),
    NO_PORT_MAPS_AVAILABLE(728, Refusal.TABLE_FULL, "The router's mapping table is full."),
    CONFLICT_WITH_OTHER_MECHANISMS(729, Refusal.CONFLICTS_WITH_ROUTER_RULE, "The port is already used by a rule set up on the router by other means"
            + " (its web page, for example)."),
    BAD_ARRAY_INDEX_RANGE(730, Refusal.NO_SUCH_MAPPING, "No mappings in that range."),
    WILDCARD_NOT_PERMITTED_IN_INT_PORT(732, Refusal.BAD_REQUEST, "The router does not accept internal port 0."),
    VENDOR_ERROR(899, Refusal.ROUTER_FAILED, "The router reported an internal error.");

    private final int code;
    private final Refusal refusal;
    private final String meaning;

    UpnpErrorCode(int code, Refusal refusal, String meaning) {
        this.code = code;
        this.refusal = refusal;
        this.meaning = meaning;
    }

    /** What the code means whatever the protocol. */
    public Refusal refusal() {
        return refusal;
    }

    public int code() {
        return code;
    }

    /** A sentence for people. */
    public String meaning() {
        return meaning;
    }

    public static Optional<UpnpErrorCode> of(int code) {
        return Arrays.stream(values()).filter(c -> c.code == code).findFirst();
    }
}
